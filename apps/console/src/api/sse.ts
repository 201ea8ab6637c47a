/** One server-sent event: its `event:` name (`message` when it has none) and its `data:` lines joined. */
export interface SseEvent {
  event: string;
  data: string;
}

/**
 * The events of a server-sent-events body as they arrive (comments, and events without data,
 * skipped).
 */
export async function* sseEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
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
        const event = eventOf(buffer.slice(0, end.index));
        buffer = buffer.slice(end.index + end.length);
        if (event) yield event;
      }
    }
    const last = eventOf(buffer);
    if (last) yield last;
  } finally {
    reader.releaseLock();
  }
}

function eventEnd(buffer: string): { index: number; length: number } | undefined {
  const match = /\r?\n\r?\n/.exec(buffer);
  return match ? { index: match.index, length: match[0].length } : undefined;
}

function eventOf(text: string): SseEvent | undefined {
  let event = 'message';
  const data: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const value = (name: string) => line.slice(name.length + 1).replace(/^ /, '');
    if (line.startsWith('data:')) data.push(value('data'));
    else if (line.startsWith('event:')) event = value('event');
  }
  return data.length > 0 ? { event, data: data.join('\n') } : undefined;
}
