import type { VendorReply, VendorRequestContext } from '../../emulator/types.js';
import { chatCompletion, chatCompletionChunks, completionMeta } from './chat-completion.js';
import { planOpenAIAnswer } from './chat-plan.js';
import { contextLengthRejection } from './context-window.js';
import { neutralFromChat } from './neutral-request.js';
import { isAzureClassic, requestedModel } from './request-shape.js';
import { DONE_FRAME, dataFrame, SSE_CONTENT_TYPE, STREAM_HEADERS } from './sse.js';
import { successHeaders } from './success-headers.js';
import { validateChatBody } from './validate.js';

/**
 * `POST /v1/chat/completions` (and the Azure deployment path): a JSON completion or an SSE stream;
 * a prompt longer than the model's context window gets the API's 400 `context_length_exceeded`.
 */
export function chatCompletionsReply(ctx: VendorRequestContext): VendorReply {
  const rejection = validateChatBody(ctx);
  if (rejection) return rejection;
  const body = ctx.body as Record<string, unknown>;
  const neutral = neutralFromChat(body);
  const tooLong = contextLengthRejection(ctx, neutral, 'chat');
  if (tooLong) return tooLong;
  const plan = planOpenAIAnswer(neutral, ctx.step, {
    toolChoice: body.tool_choice,
    maxOutputTokens: body.max_completion_tokens ?? body.max_tokens,
  });
  const meta = completionMeta(requestedModel(ctx), neutral.promptText, isAzureClassic(ctx));
  const headers = successHeaders(ctx, plan.usage.inputTokens + plan.usage.outputTokens);
  if (body.stream !== true) return { kind: 'json', status: 200, headers, body: chatCompletion(plan, meta) };
  const includeUsage =
    (body.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true;
  const chunks = chatCompletionChunks(plan, meta, includeUsage, ctx.step.chunks ?? 3);
  return {
    kind: 'stream',
    contentType: SSE_CONTENT_TYPE,
    headers: { ...STREAM_HEADERS, ...headers },
    frames: [...chunks.map(dataFrame), DONE_FRAME],
  };
}
