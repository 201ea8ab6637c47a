import {
  type ChatRequestInput,
  type ErrorCode,
  type Estimate,
  isPalError,
  type PalError,
  type Runtime,
} from '@pal/core';
import type { Candidate } from './candidate.js';
import type { HealthMonitor } from './health.js';

/** A candidate left out of a call, and why. */
export interface Exclusion {
  /** `provider/model`. */
  target: string;
  code: ErrorCode;
  reason: string;
  /** The error that left it out (a failed attempt, or the kernel's refusal). */
  error?: PalError;
}

/** The candidates that can serve a call, those that cannot, and the kernel's estimates. */
export interface Screened {
  eligible: Candidate[];
  excluded: Exclusion[];
  estimates: Map<string, Estimate>;
}

/**
 * Keeps the candidates that can serve the call now, reading the kernel's live state: enabled,
 * not failing its health check, circuit not open, and — when budgets apply or the strategy prices
 * candidates — able to do what the request needs within its context window (the kernel's own
 * checks, through `runtime.estimate`) and within every budget that applies (the call's dearest
 * estimate against the remaining spend).
 */
export async function screen(
  runtime: Runtime,
  candidates: readonly Candidate[],
  request: ChatRequestInput | undefined,
  health: HealthMonitor | undefined,
  wantEstimates: boolean,
): Promise<Screened> {
  const estimates = new Map<string, Estimate>();
  const budgets = await runtime.state.budget();
  // without budgets or a strategy that prices candidates, the kernel's own checks at call time
  // (capabilities, context window: refused before sending) are enough, and cheaper
  const estimating = request !== undefined && (wantEstimates || budgets !== undefined);
  const verdicts = await Promise.all(
    candidates.map(async (candidate): Promise<Exclusion | undefined> => {
      const target = candidate.ref;
      if (!runtime.registry.isEnabled(candidate.provider))
        return { target, code: 'PROVIDER_NOT_FOUND', reason: 'the provider is disabled' };
      const status = health?.status(candidate.provider);
      if (status && !status.healthy)
        return {
          target,
          code: status.error?.code ?? 'NETWORK_ERROR',
          reason: `it failed its last health check (${status.error?.message ?? 'unreachable'})`,
          ...(status.error && { error: status.error }),
        };
      if ((await runtime.state.circuit(candidate.provider)) === 'open')
        return { target, code: 'CIRCUIT_OPEN', reason: 'its circuit is open after repeated failures' };
      if (!estimating) return undefined;
      let estimate: Estimate;
      try {
        estimate = await runtime.estimate({ ...(request as ChatRequestInput), model: target });
      } catch (error) {
        if (!isPalError(error)) throw error;
        return { target, code: error.code, reason: error.message, error };
      }
      estimates.set(target, estimate);
      const short = budgets?.scopes.find(
        (scope) => budgetApplies(scope, candidate.provider) && scope.remainingUsd < estimate.maxUsd,
      );
      if (short)
        return {
          target,
          code: 'BUDGET_EXCEEDED',
          reason: `the ${short.scope} budget has $${short.remainingUsd.toFixed(4)} left and the call may cost up to $${estimate.maxUsd.toFixed(4)}`,
        };
      return undefined;
    }),
  );
  const eligible: Candidate[] = [];
  const excluded: Exclusion[] = [];
  candidates.forEach((candidate, index) => {
    const verdict = verdicts[index];
    if (verdict) excluded.push(verdict);
    else eligible.push(candidate);
  });
  return { eligible, excluded, estimates };
}

/** Whether a budget counter (`global:day`, `provider:openai:month`…) holds calls to `provider`. */
export function budgetApplies(scope: { scope: string; period: string }, provider: string): boolean {
  return scope.scope === `global:${scope.period}` || scope.scope === `provider:${provider}:${scope.period}`;
}
