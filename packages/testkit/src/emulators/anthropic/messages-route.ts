import { countTokens } from '../../emulator/defaults.js';
import type { VendorReply, VendorRequestContext } from '../../emulator/types.js';
import { buildAnthropicMessage } from './answer.js';
import { anthropicErrorReply, anthropicRequestId, rateLimitHeaders } from './errors.js';
import { streamEventsFor } from './message-stream.js';
import { type AnthropicRequestBody, neutralFromAnthropic } from './request-view.js';
import { SSE_CONTENT_TYPE, sseFrame } from './sse.js';
import { validateMessagesRequest } from './validate.js';

/** Headers Anthropic sends with every successful answer (request id and rate-limit state). */
function successHeaders(): Record<string, string> {
  return { 'request-id': anthropicRequestId(), ...rateLimitHeaders(49, 39_000, 60_000) };
}

/**
 * `POST /v1/messages`: validates the request like the API, then answers with the scripted
 * step (or the planner's default) as a JSON message or, with `stream: true`, an SSE stream.
 */
export function messagesReply(ctx: VendorRequestContext): VendorReply {
  const body = (ctx.body ?? {}) as AnthropicRequestBody & Record<string, unknown>;
  const neutral = neutralFromAnthropic(body);
  const version = String(ctx.headers['anthropic-version'] ?? '');
  const rejection = validateMessagesRequest(body, version, neutral.promptText);
  if (rejection) return anthropicErrorReply(rejection);
  const message = buildAnthropicMessage(body, neutral, ctx.step);
  const headers = successHeaders();
  if (body.stream !== true) return { kind: 'json', status: 200, headers, body: message };
  const frames = streamEventsFor(message, ctx.step.chunks ?? 3).map(sseFrame);
  return {
    kind: 'stream',
    contentType: SSE_CONTENT_TYPE,
    headers: { 'cache-control': 'no-cache', ...headers },
    frames,
  };
}

/** `POST /v1/messages/count_tokens`: `{ input_tokens }` for the prompt, with no answer generated. */
export function countTokensReply(ctx: VendorRequestContext): VendorReply {
  const body = (ctx.body ?? {}) as AnthropicRequestBody;
  if (typeof body.model !== 'string' || !Array.isArray(body.messages)) {
    return anthropicErrorReply({
      status: 400,
      type: 'invalid_request_error',
      message: 'messages: Field required',
    });
  }
  const neutral = neutralFromAnthropic(body);
  const tokens = countTokens(neutral.promptText) + (neutral.imageCount ?? 0) * 85;
  return { kind: 'json', status: 200, headers: successHeaders(), body: { input_tokens: tokens } };
}
