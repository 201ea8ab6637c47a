import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ProviderAdapter } from '../../contracts/adapter.js';
import type { CatalogPrices } from '../../contracts/model-info.js';
import { catalogAdapter, testModel } from '../../registry/catalog-adapter.test-support.js';
import { createRegistry } from '../../registry/registry.js';
import type { PriceData } from '../price-data/price-data-schema.js';
import { pricerFromPriceData } from './reprice-catalog.js';

// real genai-prices entries, claude-sonnet-5 at $3 / $12 (see ../price-data/__fixtures__/README.md)
const data: PriceData = JSON.parse(
  readFileSync(new URL('../price-data/__fixtures__/genai-prices-data.json', import.meta.url), 'utf8'),
);
const PRICES: CatalogPrices = { source: 'test', version: '0', dataDate: '2026-01-01', provider: 'anthropic' };
const at = new Date('2026-10-01T00:00:00Z');

function adapter(models: Parameters<typeof catalogAdapter>[1], prices?: CatalogPrices): ProviderAdapter {
  return Object.assign(catalogAdapter('anthropic', models), prices && { prices });
}

describe('pricerFromPriceData', () => {
  it("prices a catalog model from its provider's entry, tiers included, and counts what it prices", () => {
    const anthropic = adapter(
      [{ id: 'claude-sonnet-5' }, { id: 'claude-sonnet-4-5-20250929' }, { id: 'claude-house' }],
      PRICES,
    );
    const { price, count } = pricerFromPriceData(data, at);
    const [sonnet5, sonnet45, house] = anthropic.models.map((model) => price(anthropic, model));
    expect(sonnet5).toEqual({
      inputPerMTok: 3,
      outputPerMTok: 12,
      cachedInputPerMTok: 0.2,
      cacheWritePerMTok: 2.5,
      cacheWrite1hPerMTok: 4,
    });
    // a dated id matches its family; the data's 200k tier comes along
    expect(sonnet45).toMatchObject({
      inputPerMTok: 3,
      outputPerMTok: 15,
      tiers: [{ aboveInputTokens: 200_000, inputPerMTok: 6 }],
    });
    expect(house).toBeUndefined();
    expect(count([anthropic])).toBe(2);
  });

  it('leaves alone adapters without catalog prices, pinned models and models priced per image', () => {
    const { price, count } = pricerFromPriceData(data, at);
    const bare = adapter([{ id: 'claude-sonnet-5' }]);
    const pinned = adapter([{ id: 'claude-sonnet-5' }, { id: 'claude-haiku-4-5' }], {
      ...PRICES,
      pinned: ['claude-sonnet-5'],
    });
    const images = Object.assign(catalogAdapter('openai', []), {
      prices: { ...PRICES, provider: 'openai' },
      models: [
        { ...testModel({ id: 'gpt-4o' }), pricing: { inputPerMTok: 0, outputPerMTok: 0, perImage: 0.04 } },
      ],
    });
    expect(price(bare, bare.models[0] as never)).toBeUndefined();
    expect(pinned.models.map((m) => price(pinned, m) !== undefined)).toEqual([false, true]);
    expect(price(images, images.models[0] as never)).toBeUndefined();
    expect(count([bare, pinned, images])).toBe(1);
  });

  it('looks models up under the named provider, and skips what PAL cannot use (a start date that is no date, a bad regex)', () => {
    const odd: PriceData = [
      {
        id: 'anthropic',
        name: 'Anthropic',
        models: [
          { id: 'claude-broken', match: { regex: '(unclosed' }, prices: { input_mtok: 1, output_mtok: 1 } },
          {
            id: 'claude-odd',
            match: { equals: 'claude-odd' },
            prices: [
              { prices: { input_mtok: 1, output_mtok: 2 } },
              {
                constraint: { type: 'start_date', start_date: 'next tuesday' },
                prices: { input_mtok: 9, output_mtok: 9 },
              },
            ],
          },
        ],
      },
    ];
    const { price } = pricerFromPriceData(odd, at);
    const anthropic = adapter([{ id: 'claude-odd' }], PRICES);
    const elsewhere = adapter([{ id: 'claude-odd' }], { ...PRICES, provider: 'aws' });
    expect(price(anthropic, anthropic.models[0] as never)).toBeUndefined();
    expect(price(elsewhere, elsewhere.models[0] as never)).toBeUndefined();
    // the data's regex that does not compile is no reason to refuse a provider registered later
    const registry = createRegistry();
    registry.setCatalogPricing(price);
    expect(() => registry.register(adapter([{ id: 'claude-next' }], PRICES))).not.toThrow();
    expect(registry.getModelInfo('anthropic/claude-next')?.pricing).toEqual({
      inputPerMTok: 1,
      outputPerMTok: 2,
    });
  });
});
