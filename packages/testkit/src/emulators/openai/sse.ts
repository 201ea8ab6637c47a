/** The Content-Type of every OpenAI stream. */
export const SSE_CONTENT_TYPE = 'text/event-stream; charset=utf-8';

/** One Chat Completions SSE event: `data: <json>` and a blank line. */
export function dataFrame(payload: unknown): string {
  return `data: ${typeof payload === 'string' ? payload : JSON.stringify(payload)}\n\n`;
}

/** The Chat Completions end-of-stream marker. */
export const DONE_FRAME = 'data: [DONE]\n\n';

/** One Responses API SSE event: `event: <type>` then `data: <json>`. */
export function namedEventFrame(type: string, payload: unknown): string {
  return `event: ${type}\ndata: ${typeof payload === 'string' ? payload : JSON.stringify(payload)}\n\n`;
}

/** Headers of a stream answer (besides the content type). */
export const STREAM_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-cache',
  connection: 'keep-alive',
};
