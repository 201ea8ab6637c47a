import type { CatalogPrices, ModelCatalog, ModelInfo } from '../../contracts/model-info.js';

/**
 * The `prices` an adapter reports (`ProviderAdapter.prices`) when it serves `models` built from its
 * bundled `catalog`: the catalog's own, with every model that is not one of the catalog's entries
 * (a caller's own or changed entry, matched by identity) added to `pinned`, so a live price refresh
 * re-prices only what the price data priced in the first place. Undefined for a catalog without
 * prices (local models).
 * @example
 * const models = options.models ?? catalog.models;
 * return { id: 'acme', models, prices: catalogPricesFor(catalog, models), ... };
 */
export function catalogPricesFor(
  catalog: Pick<ModelCatalog, 'prices' | 'models'>,
  models: readonly ModelInfo[],
): CatalogPrices | undefined {
  if (!catalog.prices) return undefined;
  const bundled = new Set<ModelInfo>(catalog.models);
  const own = models.filter((model) => !bundled.has(model)).map((model) => model.id);
  const pinned = [...new Set([...(catalog.prices.pinned ?? []), ...own])];
  return { ...catalog.prices, ...(pinned.length > 0 && { pinned }) };
}
