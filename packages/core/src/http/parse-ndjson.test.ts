import { describe, expect, it } from 'vitest';
import { isPalError } from '../errors/pal-error.js';
import { parseNDJSON } from './parse-ndjson.js';

const encoder = new TextEncoder();

function body(parts: string[]) {
  const state = { cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const part of parts) controller.enqueue(encoder.encode(part));
      controller.close();
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

async function collect(parts: string[]): Promise<unknown[]> {
  const values: unknown[] = [];
  for await (const value of parseNDJSON(body(parts).stream)) values.push(value);
  return values;
}

describe('parseNDJSON', () => {
  it.each([
    ['one line per chunk', ['{"a":1}\n', '{"a":2}\n'], [{ a: 1 }, { a: 2 }]],
    ['lines split across chunks', ['{"a":', '1}\n{"a"', ':2}\n'], [{ a: 1 }, { a: 2 }]],
    ['several lines in one chunk', ['{"a":1}\n{"a":2}\n{"a":3}\n'], [{ a: 1 }, { a: 2 }, { a: 3 }]],
    ['CRLF and blank lines', ['{"a":1}\r\n\r\n\n{"a":2}\r\n'], [{ a: 1 }, { a: 2 }]],
    ['a last line without newline', ['{"a":1}\n{"done":true}'], [{ a: 1 }, { done: true }]],
    ['an empty body', [], []],
  ])('%s', async (_name, parts, expected) => {
    expect(await collect(parts)).toEqual(expected);
  });

  it('throws SERIALIZATION_ERROR naming the malformed line', async () => {
    const values: unknown[] = [];
    const error = await (async () => {
      try {
        for await (const value of parseNDJSON(body(['{"a":1}\n{"a":\n{"a":3}\n']).stream, {
          provider: 'ollama',
        })) {
          values.push(value);
        }
      } catch (e) {
        return e;
      }
    })();
    expect(values).toEqual([{ a: 1 }]);
    expect(isPalError(error) && error.code).toBe('SERIALIZATION_ERROR');
    expect(isPalError(error) && error.message).toBe('Malformed NDJSON line 2: {"a":');
    expect(isPalError(error) && error.provider).toBe('ollama');
  });

  it('throws on a malformed last line without newline', async () => {
    await expect(collect(['{"a":1}\n{"a"'])).rejects.toMatchObject({ code: 'SERIALIZATION_ERROR' });
  });

  it('cancels the body when the consumer stops early', async () => {
    const { stream, state } = body(['{"a":1}\n', '{"a":2}\n']);
    for await (const _value of parseNDJSON(stream)) break;
    expect(state.cancelled).toBe(true);
  });
});
