import type { VendorReply, VendorRequestContext } from '../../emulator/types.js';
import { requestIdHeaders, statusForErrorBody } from './errors.js';
import { DONE_FRAME, dataFrame, namedEventFrame, SSE_CONTENT_TYPE, STREAM_HEADERS } from './sse.js';

/**
 * Turns a recorded OpenAI fixture back into the wire answer. `.json`: the body as recorded, with the
 * status OpenAI sends for it (an `{ error }` body gets its error status). `.chunks.txt`: one SSE event
 * per line; Chat Completions chunks as `data:` lines ending with `data: [DONE]`, Responses API events
 * (lines with a `type`) as `event: <type>` + `data:` with no `[DONE]`.
 */
export function replayOpenAIFixture(
  fixture: { format: 'json' | 'chunks'; text: string },
  ctx: VendorRequestContext,
): VendorReply {
  const headers = requestIdHeaders(ctx);
  if (fixture.format === 'json') {
    const body = JSON.parse(fixture.text) as { error?: { code?: unknown; type?: unknown } };
    return { kind: 'json', status: body.error ? statusForErrorBody(body.error) : 200, headers, body };
  }
  const lines = fixture.text.split('\n').filter((line) => line.trim() !== '');
  const first = JSON.parse(lines[0] ?? '{}') as { type?: unknown };
  const isResponsesApi = typeof first.type === 'string';
  const frames = isResponsesApi
    ? lines.map((line) => namedEventFrame((JSON.parse(line) as { type: string }).type, line))
    : [...lines.map((line) => dataFrame(line)), DONE_FRAME];
  return {
    kind: 'stream',
    contentType: SSE_CONTENT_TYPE,
    headers: { ...STREAM_HEADERS, ...headers },
    frames,
  };
}
