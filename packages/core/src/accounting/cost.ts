import type { ChatRequest } from '../contracts/chat-request.js';
import type { ModelInfo, PeriodPricing, Pricing, TokenRates } from '../contracts/model-info.js';
import type { Cost, Usage } from '../contracts/usage.js';
import { estimateTokens } from './estimate-tokens.js';

const TOKENS_PER_PRICE_UNIT = 1_000_000;

/** Rounds USD to 10 decimal places, so sums of exact prices stay exact (0.0025 + 0.005 = 0.0075). */
function roundUsd(usd: number): number {
  return Math.round(usd * 1e10) / 1e10;
}

/** The rates that apply to one request: its period's rates with its long-context tier laid over. */
export type AppliedRates = TokenRates & { perImage?: number };

/**
 * The rates in force at `at` for a request of `inputTokens` input tokens: the last price change
 * whose `from` has come (else the current rates), then the highest tier the input is above.
 * @example
 * ratesFor(pricing, 250_000).inputPerMTok; // the above-200k rate of a tiered model
 */
export function ratesFor(pricing: Pricing, inputTokens: number, at: Date = new Date()): AppliedRates {
  const period = periodAt(pricing, at);
  const { tiers, ...base } = period;
  let rates: AppliedRates = base;
  for (const { aboveInputTokens, ...tier } of tiers ?? []) {
    if (inputTokens > aboveInputTokens) rates = { ...base, ...tier };
  }
  return rates;
}

function periodAt(pricing: Pricing, at: Date): PeriodPricing {
  const { changes, ...current } = pricing;
  let period: PeriodPricing = current;
  for (const { from, ...change } of changes ?? []) {
    if (Date.parse(from) <= at.getTime()) period = change;
  }
  return period;
}

/**
 * Prices a call's usage in USD (prices are per 1M tokens), with the rates {@link ratesFor} picks
 * for its input size and date. `cachedInputTokens` and `cacheWriteTokens` are parts of
 * `inputTokens` (and `cacheWrite1hTokens` of `cacheWriteTokens`), `reasoningTokens` of
 * `outputTokens`; each part is billed at its own rate, or at its parent's when the model has none.
 * Without pricing the cost is zero and marked `unpriced`.
 */
export function computeCost(usage: Usage, pricing?: Pricing, at?: Date): Cost {
  if (!pricing) return { inputUsd: 0, outputUsd: 0, totalUsd: 0, unpriced: true };
  const rates = ratesFor(pricing, usage.inputTokens, at);
  const cached = Math.min(usage.cachedInputTokens ?? 0, usage.inputTokens);
  const written = Math.min(usage.cacheWriteTokens ?? 0, usage.inputTokens - cached);
  const written1h = Math.min(usage.cacheWrite1hTokens ?? 0, written);
  const regular = usage.inputTokens - cached - written;
  const writeRate = rates.cacheWritePerMTok ?? rates.inputPerMTok;
  const inputUsd = roundUsd(
    (regular * rates.inputPerMTok +
      cached * (rates.cachedInputPerMTok ?? rates.inputPerMTok) +
      (written - written1h) * writeRate +
      written1h * (rates.cacheWrite1hPerMTok ?? writeRate)) /
      TOKENS_PER_PRICE_UNIT,
  );
  const reasoning = Math.min(usage.reasoningTokens ?? 0, usage.outputTokens);
  const outputUsd = roundUsd(
    ((usage.outputTokens - reasoning) * rates.outputPerMTok +
      reasoning * (rates.reasoningPerMTok ?? rates.outputPerMTok)) /
      TOKENS_PER_PRICE_UNIT,
  );
  return { inputUsd, outputUsd, totalUsd: roundUsd(inputUsd + outputUsd) };
}

/** Prices `count` generated images at the model's per-image rate; unpriced when it has none. */
export function computeImageCost(count: number, pricing?: Pricing, at?: Date): Cost {
  const perImage = pricing ? ratesFor(pricing, 0, at).perImage : undefined;
  if (perImage === undefined) return { inputUsd: 0, outputUsd: 0, totalUsd: 0, unpriced: true };
  const total = roundUsd(perImage * count);
  return { inputUsd: 0, outputUsd: total, totalUsd: total };
}

/** The cheapest and the dearest a chat request can cost, before it is sent. */
export interface CostRange {
  /** Input only (the model answers nothing). */
  minUsd: number;
  /** Input plus the full output cap. */
  maxUsd: number;
  inputTokens: number;
  maxOutputTokens: number;
  /** True when the model has no known pricing (both bounds are zero). */
  unpriced?: boolean;
}

/**
 * Estimates what a chat request will cost on `model`, from {@link estimateTokens}. `outputCap` is
 * the most output the adapter will really ask for (`maxOutputTokens` plus a thinking budget it adds,
 * see `CallTarget.maxOutputTokens`); it replaces the request's cap when given.
 */
export function estimateCostRange(request: ChatRequest, model?: ModelInfo, outputCap?: number): CostRange {
  const { inputTokens, maxOutputTokens: requested } = estimateTokens(request, model);
  const maxOutputTokens = outputCap ?? requested;
  const pricing = model?.pricing;
  const min = computeCost({ inputTokens, outputTokens: 0, totalTokens: inputTokens }, pricing);
  const max = computeCost(
    { inputTokens, outputTokens: maxOutputTokens, totalTokens: inputTokens + maxOutputTokens },
    pricing,
  );
  return {
    minUsd: min.totalUsd,
    maxUsd: max.totalUsd,
    inputTokens,
    maxOutputTokens,
    ...(max.unpriced && { unpriced: true }),
  };
}
