import { describe, expect, it } from 'vitest';
import { usageFromCacheSplit } from './cache-split-usage.js';

describe('usageFromCacheSplit', () => {
  it('counts cache reads and writes into the input and reports them as its parts', () => {
    expect(usageFromCacheSplit({ input: 10, output: 5, cacheRead: 90, cacheWrite: 30 })).toStrictEqual({
      inputTokens: 130,
      outputTokens: 5,
      totalTokens: 135,
      cachedInputTokens: 90,
      cacheWriteTokens: 30,
    });
  });

  it('leaves zero cache counts out and reads absent or null counts as 0', () => {
    expect(usageFromCacheSplit({ input: 7, output: null, cacheRead: 0, cacheWrite: null })).toStrictEqual({
      inputTokens: 7,
      outputTokens: 0,
      totalTokens: 7,
    });
    expect(usageFromCacheSplit({})).toStrictEqual({ inputTokens: 0, outputTokens: 0, totalTokens: 0 });
  });

  it("keeps the vendor's total when it sends one", () => {
    expect(usageFromCacheSplit({ input: 1, output: 2, cacheRead: 3, total: 6 }).totalTokens).toBe(6);
  });
});
