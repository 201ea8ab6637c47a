/** Headers of a server-sent-events answer. */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
};

/**
 * One SSE frame: an optional `event:` name (Anthropic names every event; OpenAI none), the `data:`
 * text (already serialised), or a `:` comment line (ignored by SSE clients).
 */
export interface SseFrame {
  event?: string;
  data?: string;
  comment?: string;
}

/** The frame as it goes on the wire (multi-line data split into `data:` lines, as SSE wants). */
export function encodeSseFrame(frame: SseFrame): string {
  let text = '';
  if (frame.comment !== undefined)
    text += frame.comment
      .split('\n')
      .map((line) => `: ${line}\n`)
      .join('');
  if (frame.event !== undefined) text += `event: ${frame.event}\n`;
  if (frame.data !== undefined)
    text += frame.data
      .split('\n')
      .map((line) => `data: ${line}\n`)
      .join('');
  return `${text}\n`;
}

/** Options of {@link sseBody}. */
export interface SseBodyOptions {
  /** A frame written whenever the source has been silent for `everyMs` (`event: ping`, a comment). */
  keepAlive?: { everyMs: number; frame: SseFrame };
}

const SILENT = Symbol('silent');

/**
 * A response body of SSE frames, pulled from `frames` as the client reads (nothing is buffered
 * ahead of a slow client). When the client goes away the body is cancelled and `frames` closed
 * (`return()`), which closes whatever feeds it — a PAL stream closes its upstream connection.
 */
export function sseBody(
  frames: AsyncIterable<SseFrame>,
  options: SseBodyOptions = {},
): ReadableStream<Uint8Array> {
  const iterator = frames[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  const { keepAlive } = options;
  let pending: Promise<IteratorResult<SseFrame>> | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        pending ??= iterator.next();
        const step = keepAlive ? await withinOrSilent(pending, keepAlive.everyMs) : await pending;
        if (step === SILENT) {
          if (keepAlive) controller.enqueue(encoder.encode(encodeSseFrame(keepAlive.frame)));
          return;
        }
        pending = undefined;
        if (step.done) controller.close();
        else controller.enqueue(encoder.encode(encodeSseFrame(step.value)));
      },
      async cancel() {
        await iterator.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}

/** `promise`'s value, or {@link SILENT} when it takes longer than `ms` (the promise is left running). */
async function withinOrSilent<T>(promise: Promise<T>, ms: number): Promise<T | typeof SILENT> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const silent = new Promise<typeof SILENT>((resolve) => {
    timer = setTimeout(() => resolve(SILENT), ms);
  });
  try {
    return await Promise.race([promise, silent]);
  } finally {
    clearTimeout(timer);
  }
}
