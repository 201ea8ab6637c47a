import type { JsonReply, VendorRequestContext } from '../../emulator/types.js';
import { openaiError } from './errors.js';

/** Model families that reject the legacy `max_tokens` parameter. */
const REASONING_MODEL = /^(o\d|gpt-5)/;

function invalid(
  ctx: VendorRequestContext,
  message: string,
  param: string | null,
  code: string | null,
): JsonReply {
  return openaiError(ctx, 400, { message, type: 'invalid_request_error', param, code });
}

/** The 400 OpenAI answers a body that is not a JSON object with, or undefined when it is one. */
export function requireJsonObject(ctx: VendorRequestContext): JsonReply | undefined {
  if (ctx.body && typeof ctx.body === 'object' && !Array.isArray(ctx.body)) return undefined;
  return invalid(
    ctx,
    "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)",
    null,
    null,
  );
}

/** The 400 for a missing `model` (Azure deployments name the model in the path instead). */
export function requireModel(ctx: VendorRequestContext): JsonReply | undefined {
  if (ctx.params.deployment || typeof ctx.body.model === 'string') return undefined;
  return invalid(ctx, 'you must provide a model parameter', null, null);
}

/** Checks a Chat Completions body as the API does: JSON object, `model`, non-empty `messages`, no `max_tokens` on reasoning models. */
export function validateChatBody(ctx: VendorRequestContext): JsonReply | undefined {
  const rejection = requireJsonObject(ctx) ?? requireModel(ctx);
  if (rejection) return rejection;
  const { messages, model, max_tokens } = ctx.body as {
    messages?: unknown;
    model?: string;
    max_tokens?: unknown;
  };
  if (messages === undefined) {
    return invalid(ctx, "Missing required parameter: 'messages'.", 'messages', 'missing_required_parameter');
  }
  if (!Array.isArray(messages) || messages.length === 0) {
    return invalid(
      ctx,
      "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
      'messages',
      'empty_array',
    );
  }
  if (max_tokens !== undefined && typeof model === 'string' && REASONING_MODEL.test(model)) {
    return invalid(
      ctx,
      "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
      'max_tokens',
      'unsupported_parameter',
    );
  }
  return undefined;
}
