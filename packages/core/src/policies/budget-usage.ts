import type { BudgetLimits, BudgetScopeLimits } from './budget-options.js';
import { type BudgetScope, budgetScopesFor, fromNanoUsd, toNanoUsd } from './budget-scopes.js';
import type { StateStore } from './state-store.js';

/** One budget counter as it stands: its limit, what is spent (reservations in flight included) and what is left. */
export interface BudgetScopeSnapshot {
  scope: string;
  period: 'day' | 'month';
  periodKey: string;
  limitUsd: number;
  /** Settled spend plus the reservations of calls in flight. */
  spentUsd: number;
  remainingUsd: number;
}

/** The limits whose counters {@link readBudgetUsage} reads. */
export interface BudgetUsageQuery {
  global?: BudgetLimits;
  providers?: Record<string, BudgetLimits>;
  /** A caller's own limits (the budget guard's per-call `scope`). */
  scope?: BudgetScopeLimits;
}

/**
 * The budget guard's counters for `limits` in the UTC day and month of `now`, read from `store`
 * (the one the guard counts in): global first, then each provider's, then the caller's scope. A
 * counter never charged reads as nothing spent. The guard's `snapshot()` reads its configured
 * limits this way; a gateway reads a caller's per-call `scope` the same way.
 *
 * @example
 * ```ts
 * const usage = await readBudgetUsage(store, { scope: { id: 'key:k_1', dailyUsd: 1 } }, Date.now());
 * usage[0]; // { scope: 'scope:key:k_1:day', periodKey: '2026-01-15', limitUsd: 1, spentUsd: 0.02, remainingUsd: 0.98, … }
 * ```
 */
export async function readBudgetUsage(
  store: StateStore,
  limits: BudgetUsageQuery,
  now: number,
): Promise<BudgetScopeSnapshot[]> {
  const scopes: BudgetScope[] = [
    ...budgetScopesFor('', now, limits.global, undefined),
    ...Object.entries(limits.providers ?? {}).flatMap(([id, own]) =>
      budgetScopesFor(id, now, undefined, { [id]: own }),
    ),
    ...(limits.scope ? budgetScopesFor('', now, undefined, undefined, limits.scope) : []),
  ];
  const counters = await Promise.all(scopes.map((scope) => store.get<number>(scope.key)));
  return scopes.map((scope, i) => {
    const spentUsd = fromNanoUsd(counters[i] ?? 0);
    return {
      scope: scope.scope,
      period: scope.period,
      periodKey: scope.periodKey,
      limitUsd: scope.limitUsd,
      spentUsd,
      remainingUsd: Math.max(0, fromNanoUsd(toNanoUsd(scope.limitUsd) - toNanoUsd(spentUsd))),
    };
  });
}
