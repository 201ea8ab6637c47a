import type { EventSourceMessage } from 'eventsource-parser';
import { type ByteSource, readTextChunks } from './read-text-chunks.js';

/** One server-sent event. */
export interface SSEEvent {
  /** The `event:` field, when the server named the event. */
  event?: string;
  data: string;
  id?: string;
}

/**
 * Parses a `text/event-stream` body into events (eventsource-parser: events split
 * across chunks, CRLF, multi-line `data:`, comments and `retry:` handled). Breaking out
 * of the loop cancels the body. `data: [DONE]` is yielded like any event: the caller decides.
 */
export async function* parseSSE(body: ByteSource): AsyncGenerator<SSEEvent> {
  // loaded on the first stream parsed: importing `@pal/core/http` does not load it
  const { createParser } = await import('eventsource-parser');
  const queue: SSEEvent[] = [];
  const parser = createParser({
    onEvent(message: EventSourceMessage) {
      queue.push({
        ...(message.event !== undefined && { event: message.event }),
        data: message.data,
        ...(message.id !== undefined && { id: message.id }),
      });
    },
  });
  for await (const text of readTextChunks(body)) {
    parser.feed(text);
    while (queue.length > 0) yield queue.shift() as SSEEvent;
  }
  // a final event without its blank line is still dispatched
  parser.feed('\n\n');
  while (queue.length > 0) yield queue.shift() as SSEEvent;
}
