/**
 * The `data:` payloads of a server-sent-events body, one per event, as they arrive (comments and
 * other fields skipped).
 */
export async function* sseData(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body
    .pipeThrough(new TextDecoderStream() as ReadableWritablePair<string, Uint8Array>)
    .getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      for (let end = eventEnd(buffer); end; end = eventEnd(buffer)) {
        const data = dataOf(buffer.slice(0, end.index));
        buffer = buffer.slice(end.index + end.length);
        if (data !== undefined) yield data;
      }
    }
    const last = dataOf(buffer);
    if (last !== undefined) yield last;
  } finally {
    reader.releaseLock();
  }
}

function eventEnd(buffer: string): { index: number; length: number } | undefined {
  const match = /\r?\n\r?\n/.exec(buffer);
  return match ? { index: match.index, length: match[0].length } : undefined;
}

function dataOf(event: string): string | undefined {
  const lines = event
    .split(/\r?\n/)
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice(5).replace(/^ /, ''));
  return lines.length > 0 ? lines.join('\n') : undefined;
}
