import type { VendorReply, VendorRequestContext } from '../../emulator/types.js';
import type { AnthropicMessage } from './answer.js';
import { anthropicRequestId } from './errors.js';
import { type AnthropicStreamEvent, messageFromEvents, streamEventsFor } from './message-stream.js';
import { SSE_CONTENT_TYPE, sseFrame, sseFrameFromLine } from './sse.js';

const STATUS_BY_ERROR_TYPE: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

/**
 * Replays a recording such as those in `fixtures/vercel-ai/anthropic/`. A `*.chunks.txt` stream is
 * sent line by line as `event: <type>` SSE frames, byte for byte; a `*.json` message as JSON;
 * an error body with the status its `error.type` stands for. A streaming request given a JSON
 * recording gets it as the equivalent event stream, and a non-streaming request given a stream
 * recording gets the message the events add up to.
 */
export function replayAnthropicFixture(
  fixture: { format: 'json' | 'chunks'; text: string },
  ctx: VendorRequestContext,
): VendorReply {
  const headers = { 'request-id': anthropicRequestId() };
  const wantsStream = ctx.body?.stream === true;
  if (fixture.format === 'chunks') {
    const lines = fixture.text.split('\n').filter((line) => line.trim() !== '');
    if (wantsStream) {
      return { kind: 'stream', contentType: SSE_CONTENT_TYPE, headers, frames: lines.map(sseFrameFromLine) };
    }
    const events = lines.map((line) => JSON.parse(line) as AnthropicStreamEvent);
    return { kind: 'json', status: 200, headers, body: messageFromEvents(events) };
  }
  const body = JSON.parse(fixture.text) as { type?: string; error?: { type?: string } };
  if (body.type === 'error') {
    return { kind: 'json', status: STATUS_BY_ERROR_TYPE[body.error?.type ?? ''] ?? 500, headers, body };
  }
  if (wantsStream) {
    const frames = streamEventsFor(body as AnthropicMessage).map(sseFrame);
    return { kind: 'stream', contentType: SSE_CONTENT_TYPE, headers, frames };
  }
  return { kind: 'json', status: 200, headers, body };
}
