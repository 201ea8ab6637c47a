import { describe, expect, it } from 'vitest';
import type { ModelCatalog, ModelInfo } from '../../contracts/model-info.js';
import { catalogPricesFor } from './catalog-prices-for.js';

const model = (id: string): ModelInfo => ({
  id,
  displayName: id,
  kind: 'chat',
  contextWindow: 128_000,
  maxOutputTokens: 8192,
  capabilities: { streaming: true, tools: true, vision: false, json: true, embeddings: false },
  pricing: { inputPerMTok: 1, outputPerMTok: 2 },
});
const prices = {
  source: '@pydantic/genai-prices',
  version: '0.1.8',
  dataDate: '2026-09-23',
  provider: 'aws',
};
const catalog: ModelCatalog = {
  provider: 'bedrock',
  source: 'test',
  generatedAt: '2026-09-23',
  prices: { ...prices, pinned: ['hand-priced'] },
  models: [model('a'), model('hand-priced')],
};

describe('catalogPricesFor', () => {
  it("the bundled catalog's models: its prices as they are", () => {
    expect(catalogPricesFor(catalog, catalog.models)).toEqual(catalog.prices);
  });

  it("a caller's own or changed entries are pinned (a live refresh leaves their prices alone)", () => {
    const changed = { ...catalog.models[0]!, pricing: { inputPerMTok: 9, outputPerMTok: 9 } };
    expect(catalogPricesFor(catalog, [changed, catalog.models[1]!, model('mine')])).toEqual({
      ...prices,
      pinned: ['hand-priced', 'a', 'mine'],
    });
  });

  it('a catalog without prices (local models) gives none', () => {
    expect(catalogPricesFor({ models: catalog.models }, catalog.models)).toBeUndefined();
    const { pinned: _pinned, ...plain } = catalog.prices!;
    expect(catalogPricesFor({ prices: plain, models: [] }, [])).toEqual(plain);
  });
});
