import type { BudgetLimits, BudgetScopeLimits } from './budget-options.js';

export type { BudgetLimits } from './budget-options.js';

/** One budget counter a call is charged to: a scope (global or a provider) in one period. */
export interface BudgetScope {
  /** `global:day`, `global:month`, `provider:<id>:day`, `provider:<id>:month`, `scope:<id>:day`, `scope:<id>:month`. */
  scope: string;
  period: 'day' | 'month';
  /** The UTC period: `2026-01-15` or `2026-01`. */
  periodKey: string;
  /** The state-store key of the counter (nano-dollars). */
  key: string;
  limitUsd: number;
  /** Keeps the counter a day past the end of its period. */
  ttlMs: number;
  /** Milliseconds until the period ends and the counter starts again from zero. */
  resetsInMs: number;
}

const DAY_MS = 86_400_000;
/** Prefix of every state-store key the budget guard writes. */
export const BUDGET_KEY_PREFIX = 'pal:budget:';

/**
 * The budget counters a call to `providerId` at time `now` is charged to, one per configured limit:
 * the global ones, the provider's, and the caller's own (`scope`).
 */
export function budgetScopesFor(
  providerId: string,
  now: number,
  global: BudgetLimits | undefined,
  providers: Record<string, BudgetLimits> | undefined,
  caller?: BudgetScopeLimits,
): BudgetScope[] {
  const scopes: BudgetScope[] = [];
  const add = (scope: string, limits: BudgetLimits | undefined) => {
    if (limits?.dailyUsd !== undefined) scopes.push(periodScope(scope, 'day', limits.dailyUsd, now));
    if (limits?.monthlyUsd !== undefined) scopes.push(periodScope(scope, 'month', limits.monthlyUsd, now));
  };
  add('global', global);
  add(`provider:${providerId}`, providers?.[providerId]);
  if (caller) add(`scope:${caller.id}`, caller);
  return scopes;
}

function periodScope(scope: string, period: 'day' | 'month', limitUsd: number, now: number): BudgetScope {
  const date = new Date(now);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  const iso = date.toISOString();
  const periodKey = period === 'day' ? iso.slice(0, 10) : iso.slice(0, 7);
  const end = period === 'day' ? Date.UTC(year, month, date.getUTCDate() + 1) : Date.UTC(year, month + 1, 1);
  return {
    scope: `${scope}:${period}`,
    period,
    periodKey,
    key: `${BUDGET_KEY_PREFIX}${scope}:${period}:${periodKey}`,
    limitUsd,
    ttlMs: end - now + DAY_MS,
    resetsInMs: end - now,
  };
}

/** USD as whole nano-dollars (budget counters are integers, so sums stay exact). */
export function toNanoUsd(usd: number): number {
  return Math.round(usd * 1e9);
}

/** USD as whole nano-dollars rounded up (for reservations: never reserve less than the estimate). */
export function toNanoUsdCeil(usd: number): number {
  return Math.ceil(Math.round(usd * 1e10) / 10);
}

/** Nano-dollars as USD. */
export function fromNanoUsd(nano: number): number {
  return nano / 1e9;
}
