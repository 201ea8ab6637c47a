import { describe, expect, it } from 'vitest';
import { deepMerge } from './deep-merge.js';

describe('deepMerge', () => {
  it.each([
    ['merges nested objects', { a: { b: 1, c: 2 } }, { a: { c: 3 } }, { a: { b: 1, c: 3 } }],
    ['replaces arrays', { list: [1, 2] }, { list: [3] }, { list: [3] }],
    [
      'false switches off an options object',
      { retry: { maxAttempts: 3 } },
      { retry: false },
      { retry: false },
    ],
    ['undefined keeps the base', { a: 1 }, { a: undefined }, { a: 1 }],
    ['adds new keys', { a: 1 }, { b: 2 }, { a: 1, b: 2 }],
  ])('%s', (_name, base, overlay, expected) => {
    const copy = structuredClone(base);
    expect(deepMerge(base, overlay)).toEqual(expected);
    expect(base).toEqual(copy);
  });
});
