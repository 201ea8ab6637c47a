import { describe, expect, it } from 'vitest';
import { embedInBatches } from './embed-in-batches.js';

describe('embedInBatches', () => {
  it('splits by the per-call maximum, keeps input order and sums usage', async () => {
    const seen: string[][] = [];
    const result = await embedInBatches({
      inputs: ['a', 'b', 'c', 'd', 'e'],
      maxPerCall: 2,
      concurrency: 2,
      model: 'm',
      async embedBatch(batch, index) {
        seen.push(batch);
        await new Promise((r) => setTimeout(r, (3 - index) * 5));
        return {
          embeddings: batch.map((t) => [t.charCodeAt(0)]),
          usage: { inputTokens: batch.length, outputTokens: 0, totalTokens: batch.length },
        };
      },
    });
    expect(seen.map((b) => b.length).sort()).toEqual([1, 2, 2]);
    expect(result.embeddings).toEqual([[97], [98], [99], [100], [101]]);
    expect(result.usage).toEqual({ inputTokens: 5, outputTokens: 0, totalTokens: 5 });
  });

  it('never has more calls in flight than the concurrency limit', async () => {
    let inFlight = 0;
    let peak = 0;
    await embedInBatches({
      inputs: Array.from({ length: 20 }, (_, i) => String(i)),
      maxPerCall: 1,
      concurrency: 3,
      model: 'm',
      async embedBatch(batch) {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, 2));
        inFlight--;
        return { embeddings: [[Number(batch[0])]] };
      },
    });
    expect(peak).toBe(3);
  });

  it('rejects when a batch fails', async () => {
    await expect(
      embedInBatches({
        inputs: ['a', 'b'],
        maxPerCall: 1,
        concurrency: 2,
        model: 'm',
        embedBatch: async (batch) => {
          if (batch[0] === 'b') throw new Error('boom');
          return { embeddings: [[1]] };
        },
      }),
    ).rejects.toThrow('boom');
  });
});
