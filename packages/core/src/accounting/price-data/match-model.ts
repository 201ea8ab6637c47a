import type { MatchLogic, PriceData, PriceDataModel, PriceDataProvider } from './price-data-schema.js';

/** Whether `modelId` satisfies `logic` (case-insensitive, as the price data's own matcher). */
export function matches(logic: MatchLogic, modelId: string): boolean {
  const id = modelId.toLowerCase();
  if ('or' in logic) return logic.or.some((l) => matches(l, modelId));
  if ('and' in logic) return logic.and.every((l) => matches(l, modelId));
  if ('equals' in logic) return id === logic.equals.toLowerCase();
  if ('starts_with' in logic) return id.startsWith(logic.starts_with.toLowerCase());
  if ('ends_with' in logic) return id.endsWith(logic.ends_with.toLowerCase());
  if ('contains' in logic) return id.includes(logic.contains.toLowerCase());
  return new RegExp(logic.regex).test(modelId);
}

/** `-20250514` → `-2025-05-14`, as the price data's matcher retries dated ids. */
function dashedDates(modelId: string): string {
  return modelId.replace(/-(20\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=-|:|$)/g, '-$1-$2-$3');
}

function inProvider(
  data: PriceData,
  provider: PriceDataProvider,
  modelId: string,
): PriceDataModel | undefined {
  const own = provider.models.find((m) => matches(m.match, modelId));
  if (own) return own;
  for (const fallbackId of provider.fallback_model_providers ?? []) {
    const fallback = data.find((p) => p.id === fallbackId);
    const found = fallback?.models.find((m) => matches(m.match, modelId));
    if (found) return found;
  }
  return undefined;
}

/**
 * The price data's entry for `modelId` at the provider `providerId`: the first model whose match
 * rule accepts the id, then the provider's fallback providers, then the id with its date dashed.
 */
export function findPriceModel(
  data: PriceData,
  providerId: string,
  modelId: string,
): PriceDataModel | undefined {
  const provider = data.find((p) => p.id === providerId.toLowerCase());
  if (!provider) return undefined;
  const found = inProvider(data, provider, modelId);
  if (found) return found;
  const dashed = dashedDates(modelId);
  return dashed === modelId ? undefined : inProvider(data, provider, dashed);
}
