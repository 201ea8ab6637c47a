import { describe, expect, it } from 'vitest';
import type { ModelInfo } from '../contracts/model-info.js';
import { mergeCatalog } from './merge-catalog.js';

const listed: ModelInfo = {
  id: 'm1',
  displayName: 'm1',
  kind: 'chat',
  contextWindow: 1_000_000,
  maxOutputTokens: 8192,
  capabilities: { streaming: true, tools: true, vision: false, json: true, embeddings: false },
  pricing: {
    inputPerMTok: 3,
    outputPerMTok: 15,
    cachedInputPerMTok: 0.3,
    tiers: [{ aboveInputTokens: 200_000, inputPerMTok: 6, outputPerMTok: 22.5 }],
    changes: [{ from: '2027-01-01', inputPerMTok: 4, outputPerMTok: 20 }],
  },
};

describe('mergeCatalog: price overrides', () => {
  it('merges a cache-rate override field by field and keeps the list price’s tiers and changes', () => {
    const [m] = mergeCatalog('acme', [listed], { m1: { pricing: { cachedInputPerMTok: 0.25 } } });
    expect(m?.pricing).toEqual({ ...listed.pricing, cachedInputPerMTok: 0.25 });
  });

  it('drops tiers and dated changes when the override sets the price paid (they were figured from the list price)', () => {
    const [m] = mergeCatalog('acme', [listed], { m1: { pricing: { inputPerMTok: 2 } } });
    expect(m?.pricing).toEqual({ inputPerMTok: 2, outputPerMTok: 15, cachedInputPerMTok: 0.3 });
  });

  it('keeps tiers the override gives itself', () => {
    const tiers = [{ aboveInputTokens: 100_000, inputPerMTok: 4 }];
    const [m] = mergeCatalog('acme', [listed], { m1: { pricing: { inputPerMTok: 2, tiers } } });
    expect(m?.pricing?.tiers).toEqual(tiers);
  });

  it('prices an unpriced listed model only when an override gives complete rates', () => {
    const { pricing: _, ...unpriced } = listed;
    expect(mergeCatalog('acme', [unpriced], { m1: { displayName: 'M one' } })[0]?.pricing).toBeUndefined();
    expect(
      mergeCatalog('acme', [unpriced], { m1: { pricing: { inputPerMTok: 1, outputPerMTok: 2 } } })[0]
        ?.pricing,
    ).toEqual({
      inputPerMTok: 1,
      outputPerMTok: 2,
    });
    expect(() => mergeCatalog('acme', [unpriced], { m1: { pricing: { inputPerMTok: 1 } } })).toThrow(
      /providers\.acme\.models\.m1\.pricing\.outputPerMTok/,
    );
  });
});
