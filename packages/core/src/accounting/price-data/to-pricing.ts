import type { PeriodPricing, Pricing, PricingTier, TokenRates } from '../../contracts/model-info.js';
import type { ConditionalPrice, ModelPrice, PriceDataModel } from './price-data-schema.js';

/** Price data unit keys → PAL's token rates (other units — audio, searches — are not billed by PAL). */
const RATE_KEYS: ReadonlyArray<readonly [string, keyof TokenRates]> = [
  ['input_mtok', 'inputPerMTok'],
  ['output_mtok', 'outputPerMTok'],
  ['cache_read_mtok', 'cachedInputPerMTok'],
  ['cache_write_5m_mtok', 'cacheWritePerMTok'],
  ['cache_write_mtok', 'cacheWritePerMTok'],
  ['cache_write_1h_mtok', 'cacheWrite1hPerMTok'],
  ['output_reasoning_mtok', 'reasoningPerMTok'],
];

/** The price of a unit for input above `start` (the base below every tier). */
function priceAt(value: ModelPrice[string], start: number): number {
  if (typeof value === 'number') return value;
  let price = value.base;
  for (const tier of value.tiers) if (start >= tier.start) price = tier.price;
  return price;
}

/** One period's flat or tiered prices → rates plus long-context tiers. */
function periodOf(prices: ModelPrice): PeriodPricing {
  const present = RATE_KEYS.filter(([key]) => prices[key] !== undefined);
  const rates = (start: number) => {
    const out: Partial<TokenRates> = {};
    for (const [key, field] of present) out[field] ??= priceAt(prices[key] as ModelPrice[string], start);
    return out;
  };
  const base = { inputPerMTok: 0, outputPerMTok: 0, ...rates(-1) } as TokenRates;
  const starts = [
    ...new Set(
      present.flatMap(([key]) => {
        const value = prices[key];
        return typeof value === 'object' ? value.tiers.map((t) => t.start) : [];
      }),
    ),
  ].sort((a, b) => a - b);
  const tiers: PricingTier[] = starts.map((start) => ({ aboveInputTokens: start, ...rates(start) }));
  return tiers.length > 0 ? { ...base, tiers } : base;
}

function startOf(entry: ConditionalPrice): string | undefined {
  return entry.constraint?.type === 'start_date' ? entry.constraint.start_date : undefined;
}

/**
 * A price data model's prices as PAL `Pricing`, as they stand at `at`: the period in force then
 * becomes the rates, later dated changes become `changes`. Time-of-day prices (off-peak
 * discounts) cannot be expressed and are left out: such a model is priced at its standard rate.
 * @example
 * const entry = findPriceModel(data, 'anthropic', 'claude-sonnet-5');
 * const pricing = entry && pricingFromPriceData(entry, new Date());
 */
export function pricingFromPriceData(model: PriceDataModel, at: Date): Pricing {
  if (!Array.isArray(model.prices)) return periodOf(model.prices);
  const dated = model.prices.filter((entry) => entry.constraint?.type !== 'time_of_date');
  const first = dated[0] ?? model.prices[0];
  if (!first) throw new Error(`${model.id}: no prices`);
  let current = first;
  const later: Array<{ from: string; entry: ConditionalPrice }> = [];
  for (const entry of dated) {
    const from = startOf(entry);
    if (from === undefined) continue;
    if (Date.parse(from) <= at.getTime()) current = entry;
    else later.push({ from, entry });
  }
  later.sort((a, b) => Date.parse(a.from) - Date.parse(b.from));
  const changes = later.map(({ from, entry }) => ({ from, ...periodOf(entry.prices) }));
  return { ...periodOf(current.prices), ...(changes.length > 0 && { changes }) };
}
