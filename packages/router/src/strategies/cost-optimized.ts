import { computeCost } from '@pal/core';
import type { Candidate } from '../candidate.js';
import { rankBy, type Strategy, type StrategyState } from '../strategy.js';

/** Output tokens a call is priced at when it sets no `maxOutputTokens` (answers are rarely longer). */
export const EXPECTED_OUTPUT_TOKENS = 512;

/**
 * What the call is expected to cost on `candidate`: the kernel's input-token estimate and the
 * request's output cap (else {@link EXPECTED_OUTPUT_TOKENS}), priced from the registry's merged
 * catalog (config price overrides count). Undefined when the model has no price.
 */
export function expectedCostUsd(
  candidate: Candidate,
  state: StrategyState,
  maxOutputTokens: number | undefined,
): number | undefined {
  const estimate = state.estimates.get(candidate.ref);
  if (!candidate.model || !estimate) return undefined;
  const outputTokens = Math.min(maxOutputTokens ?? EXPECTED_OUTPUT_TOKENS, estimate.maxOutputTokens);
  const cost = computeCost(
    { inputTokens: estimate.inputTokens, outputTokens, totalTokens: estimate.inputTokens + outputTokens },
    candidate.model.pricing,
  );
  return cost.unpriced ? undefined : cost.totalUsd;
}

/** `cost_optimized`: the cheapest candidate that can serve the call first; unpriced models last. */
export const costOptimized: Strategy = (request, candidates, state) => {
  const cap = 'maxOutputTokens' in request ? request.maxOutputTokens : undefined;
  return rankBy(candidates, (c) => expectedCostUsd(c, state, cap) ?? Number.POSITIVE_INFINITY);
};
