import { describe, expect, it } from 'vitest';
import { parseSSE, type SSEEvent } from './parse-sse.js';

const encoder = new TextEncoder();

/** A body delivering `parts` as separate chunks; `cancelled` turns true when the reader cancels it. */
function body(parts: Array<string | Uint8Array>) {
  const state = { cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const part of parts) controller.enqueue(typeof part === 'string' ? encoder.encode(part) : part);
      controller.close();
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

async function collect(parts: Array<string | Uint8Array>): Promise<SSEEvent[]> {
  const events: SSEEvent[] = [];
  for await (const event of parseSSE(body(parts).stream)) events.push(event);
  return events;
}

describe('parseSSE', () => {
  it.each([
    [
      'one event per chunk',
      ['data: {"a":1}\n\n', 'data: {"a":2}\n\n'],
      [{ data: '{"a":1}' }, { data: '{"a":2}' }],
    ],
    ['an event split across chunks', ['da', 'ta: {"a"', ':1}\n', '\n'], [{ data: '{"a":1}' }]],
    [
      'named events with ids',
      ['event: message_start\nid: 7\ndata: {}\n\n'],
      [{ event: 'message_start', id: '7', data: '{}' }],
    ],
    ['CRLF line endings', ['event: ping\r\ndata: x\r\n\r\n'], [{ event: 'ping', data: 'x' }]],
    ['multi-line data', ['data: a\ndata: b\n\n'], [{ data: 'a\nb' }]],
    [
      'comments and retry are skipped',
      [': OPENROUTER PROCESSING\n\nretry: 10\n\ndata: y\n\n'],
      [{ data: 'y' }],
    ],
    ['[DONE] is passed on', ['data: [DONE]\n\n'], [{ data: '[DONE]' }]],
    ['a last event without its blank line', ['data: tail'], [{ data: 'tail' }]],
  ])('%s', async (_name, parts, expected) => {
    expect(await collect(parts)).toEqual(expected);
  });

  it('keeps a multi-byte character split between chunks', async () => {
    const bytes = encoder.encode('data: héllo 👋\n\n');
    const cut = bytes.indexOf(0xf0) + 2; // inside the emoji
    expect(await collect([bytes.slice(0, cut), bytes.slice(cut)])).toEqual([{ data: 'héllo 👋' }]);
  });

  it('cancels the body when the consumer stops early', async () => {
    const { stream, state } = body(['data: 1\n\n', 'data: 2\n\n', 'data: 3\n\n']);
    for await (const event of parseSSE(stream)) {
      expect(event.data).toBe('1');
      break;
    }
    expect(state.cancelled).toBe(true);
  });

  it('reads any async iterable of bytes', async () => {
    async function* chunks() {
      yield encoder.encode('data: a\n');
      yield encoder.encode('\n');
    }
    const events: SSEEvent[] = [];
    for await (const event of parseSSE(chunks())) events.push(event);
    expect(events).toEqual([{ data: 'a' }]);
  });
});
