import { PalError } from '../errors/pal-error.js';
import type { BudgetGuard, BudgetScopeSnapshot } from '../policies/budget.js';
import type { CircuitBreaker, CircuitState } from '../policies/circuit-breaker.js';
import type { RateLimiter, RateLimitHeadroom } from '../policies/rate-limit.js';
import type { PolicySet } from './policy-set.js';

/** Every budget counter of a runtime for the current periods. */
export interface BudgetState {
  time: number;
  /** One entry per scope and period (`scope` is `global:day`, `global:month`, `provider:<id>:day`…; `period` is `day` or `month`): limit, spent (settled + reserved), remaining. */
  scopes: BudgetScopeSnapshot[];
}

/**
 * Live policy state of a runtime, read through its `StateStore` (so runtimes sharing a store see
 * one another's circuits, spend and buckets). What a router needs to skip unhealthy or exhausted
 * targets, and what a console shows.
 */
export interface PolicyState {
  /** The provider's circuit (`undefined` when no circuit breaker applies to it). */
  circuit(providerId: string): Promise<CircuitState | undefined>;
  /**
   * Forces the provider's circuit by hand: `open` rejects every call with CIRCUIT_OPEN (no probe)
   * until it is set `closed`, which closes it and clears its failure counts. Throws CONFIG_ERROR
   * when no circuit breaker applies to the provider.
   */
  setCircuit(providerId: string, state: 'open' | 'closed'): Promise<void>;
  /** Spend and headroom of every budget scope (`undefined` when no budget is set). */
  budget(): Promise<BudgetState | undefined>;
  /** Requests and tokens left in the provider's rate-limit buckets (`undefined` when none applies). */
  rateLimit(providerId: string): Promise<RateLimitHeadroom | undefined>;
  /** Calls of this runtime in flight now: to one provider, or all of them. */
  inFlight(providerId?: string): number;
}

/** The runtime's {@link PolicyState}, over its policy instances and its calls in flight. */
export function createPolicyState(
  policies: PolicySet,
  inFlight: (providerId?: string) => number,
  knownProvider: (providerId: string) => void,
): PolicyState {
  const breakerOf = (providerId: string) => {
    knownProvider(providerId);
    return policies.instanceFor(providerId, 'circuitBreaker') as CircuitBreaker | undefined;
  };
  return {
    async circuit(providerId) {
      return breakerOf(providerId)?.stateOf(providerId);
    },
    async setCircuit(providerId, state) {
      const breaker = breakerOf(providerId);
      if (!breaker) {
        throw new PalError({
          code: 'CONFIG_ERROR',
          message: `No circuit breaker applies to ${providerId}: switch policies.circuitBreaker on to force its circuit`,
          provider: providerId,
        });
      }
      await breaker.force(providerId, state);
    },
    async budget() {
      const guards = policies.instancesOf('budget') as BudgetGuard[];
      if (guards.length === 0) return undefined;
      const snapshots = await Promise.all(guards.map((guard) => guard.snapshot()));
      const seen = new Set<string>();
      const scopes: BudgetScopeSnapshot[] = [];
      for (const snapshot of snapshots) {
        for (const scope of snapshot.scopes) {
          const key = `${scope.scope}:${scope.periodKey}`;
          if (seen.has(key)) continue;
          seen.add(key);
          scopes.push(scope);
        }
      }
      return { time: snapshots[0]?.time ?? Date.now(), scopes };
    },
    async rateLimit(providerId) {
      knownProvider(providerId);
      const limiter = policies.instanceFor(providerId, 'rateLimit') as RateLimiter | undefined;
      return limiter?.headroom(providerId);
    },
    inFlight,
  };
}
