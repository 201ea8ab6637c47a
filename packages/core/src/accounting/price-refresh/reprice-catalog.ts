import type { ProviderAdapter } from '../../contracts/adapter.js';
import { type Pricing, pricingSchema } from '../../contracts/model-info.js';
import type { CatalogPricer } from '../../registry/types.js';
import { findPriceModel } from '../price-data/match-model.js';
import type { PriceData } from '../price-data/price-data-schema.js';
import { pricingFromPriceData } from '../price-data/to-pricing.js';

/** A registry pricer from refreshed price data, and how many of a set of adapters' models it prices. */
export interface PriceDataPricer {
  price: CatalogPricer;
  /** How many of `adapters`' catalog models the data prices. */
  count(adapters: readonly ProviderAdapter[]): number;
}

/**
 * Prices catalog models from `data` as they stand at `at` (later dated changes kept as `changes`):
 * a model is looked up under its adapter's `prices.provider`, as the bundled catalog was. Left as
 * they are (undefined): adapters without `prices`, the catalog's `pinned` models, models priced per
 * image (the data has token prices only), models the data does not list or prices it cannot express.
 */
export function pricerFromPriceData(data: PriceData, at: Date): PriceDataPricer {
  const found = new Map<string, Pricing | undefined>();
  const price: CatalogPricer = (adapter, model) => {
    const prices = adapter.prices;
    if (!prices || prices.pinned?.includes(model.id) || model.pricing?.perImage !== undefined)
      return undefined;
    const key = `${prices.provider}\u0000${model.id}`;
    if (!found.has(key)) found.set(key, lookUp(data, prices.provider, model.id, at));
    return found.get(key);
  };
  return {
    price,
    count: (adapters) =>
      adapters.reduce(
        (sum, adapter) => sum + adapter.models.filter((model) => price(adapter, model) !== undefined).length,
        0,
      ),
  };
}

function lookUp(data: PriceData, provider: string, modelId: string, at: Date): Pricing | undefined {
  try {
    // valid price data may still hold what PAL cannot use: a match regex that does not compile, a
    // start date that is no date; such a model keeps its bundled price (and a new provider registers)
    const entry = findPriceModel(data, provider, modelId);
    if (!entry) return undefined;
    const parsed = pricingSchema.safeParse(pricingFromPriceData(entry, at));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
