import type { ChatRequest } from '../contracts/chat-request.js';
import type { ModelInfo, Pricing } from '../contracts/model-info.js';
import type { Cost, Usage } from '../contracts/usage.js';
import { estimateTokens } from './estimate-tokens.js';

const TOKENS_PER_PRICE_UNIT = 1_000_000;

/** Rounds USD to 10 decimal places, so sums of exact prices stay exact (0.0025 + 0.005 = 0.0075). */
function roundUsd(usd: number): number {
  return Math.round(usd * 1e10) / 1e10;
}

/**
 * Prices a call's usage in USD (prices are per 1M tokens). `cachedInputTokens` and
 * `cacheWriteTokens` are counted inside `inputTokens`: cache reads are priced at
 * `cachedInputPerMTok` and cache writes at `cacheWritePerMTok` when the model has them, at the
 * input price otherwise. Without pricing the cost is zero and marked `unpriced`.
 */
export function computeCost(usage: Usage, pricing?: Pricing): Cost {
  if (!pricing) return { inputUsd: 0, outputUsd: 0, totalUsd: 0, unpriced: true };
  const cached = Math.min(usage.cachedInputTokens ?? 0, usage.inputTokens);
  const written = Math.min(usage.cacheWriteTokens ?? 0, usage.inputTokens - cached);
  const regular = usage.inputTokens - cached - written;
  const inputUsd = roundUsd(
    (regular * pricing.inputPerMTok +
      cached * (pricing.cachedInputPerMTok ?? pricing.inputPerMTok) +
      written * (pricing.cacheWritePerMTok ?? pricing.inputPerMTok)) /
      TOKENS_PER_PRICE_UNIT,
  );
  const outputUsd = roundUsd((usage.outputTokens * pricing.outputPerMTok) / TOKENS_PER_PRICE_UNIT);
  return { inputUsd, outputUsd, totalUsd: roundUsd(inputUsd + outputUsd) };
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
