/** One Anthropic SSE event: the `event:` line is required (the SDK drops events without it). */
export function sseFrame(event: { type: string } & Record<string, unknown>): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** Frames a recorded event line (already JSON) under its own `type`. */
export function sseFrameFromLine(line: string): string {
  const { type } = JSON.parse(line) as { type: string };
  return `event: ${type}\ndata: ${line}\n\n`;
}

/** The SSE content type Anthropic streams with. */
export const SSE_CONTENT_TYPE = 'text/event-stream; charset=utf-8';
