import { z } from 'zod';
import { clock, count, durationMs, fn, stateStore, usd } from './option-schema.js';

/** Spending limits in USD for one scope (everything, or one provider); 0 lets nothing be spent. */
export const budgetLimitsSchema = z.strictObject({
  /** Limit per UTC calendar day. */
  dailyUsd: usd().describe('Limit per UTC calendar day (USD; 0 lets nothing be spent)').optional(),
  /** Limit per UTC calendar month. */
  monthlyUsd: usd().describe('Limit per UTC calendar month (USD; 0 lets nothing be spent)').optional(),
});

/** Spending limits in USD for one scope (everything, or one provider). */
export type BudgetLimits = z.input<typeof budgetLimitsSchema>;

/**
 * A caller's own spending limits (a gateway key, a team, a user), charged beside the global and
 * provider ones. Usually given per call, since each caller has its own:
 * `runtime.chat(request, { budget: { scope: { id: 'key:k_1', dailyUsd: 1 } } })`.
 */
export const budgetScopeSchema = z.strictObject({
  /** Names the scope's counters: `key:k_1` is charged as `scope:key:k_1:day` and `scope:key:k_1:month`. */
  id: z.string().min(1),
  /** Limit per UTC calendar day. */
  dailyUsd: usd().optional(),
  /** Limit per UTC calendar month. */
  monthlyUsd: usd().optional(),
});

/** A caller's own spending limits; see {@link budgetScopeSchema}. */
export type BudgetScopeLimits = z.input<typeof budgetScopeSchema>;

/** Token caps for one run (calls sharing `request.metadata.runId`). */
export const runBudgetSchema = z.strictObject({
  /** Tokens after which an alert is raised (calls still go through). */
  softTokens: count().describe('Tokens after which an alert is raised (calls still go through)').optional(),
  /** Tokens a run may never exceed: a call that could pass it is refused. */
  hardTokens: count()
    .describe('Tokens a run may never exceed: a call that could pass it is refused')
    .optional(),
});

/** Token caps for one run (calls sharing `request.metadata.runId`). */
export type RunBudget = z.input<typeof runBudgetSchema>;

/** What `onAlert` receives when a scope crosses its alert threshold (or a run its soft cap). */
export interface BudgetAlert {
  /** `global:day`, `provider:openai:month`, `run:<runId>`… */
  scope: string;
  /** The UTC period (`2026-01-15`, `2026-01`), for USD scopes. */
  periodKey?: string;
  spentUsd?: number;
  limitUsd?: number;
  /** Tokens used by the run, for run scopes. */
  tokens?: number;
  softTokens?: number;
  /** The fraction of the limit that triggers the alert. */
  threshold: number;
}

/** The options of `budget()`; a config's `policies.budget` holds those a file can. */
export const budgetOptionsSchema = z.strictObject({
  /** Limits over every provider together. */
  global: budgetLimitsSchema.describe('Limits over every provider together').optional(),
  /** Limits per provider id. */
  providers: z.record(z.string(), budgetLimitsSchema).describe('Limits per provider id').optional(),
  /**
   * A caller's own limits, charged beside `global` and `providers` (usually per call: see
   * {@link budgetScopeSchema}). A refusal by it names `scope:<id>:day` (or `:month`), so a router
   * does not move the call to another provider: the caller's own budget is spent everywhere.
   */
  scope: budgetScopeSchema.optional(),
  /** Token caps per run (`request.metadata.runId`). */
  perRun: runBudgetSchema
    .describe('Token caps per run (metadata.runId): soft alerts, hard refuses')
    .optional(),
  /** Fraction of a limit at which to alert, once per scope and period. Default 0.8. */
  alertThreshold: z
    .number()
    .gt(0)
    .max(1)
    .describe('Fraction of a limit at which to alert, once per scope and period (default 0.8)')
    .optional(),
  /** Where the counters live; share one (Redis) across a fleet. Default: in memory. */
  store: stateStore().optional(),
  /** Clock (epoch ms) deciding the UTC day and month. Default `Date.now`. */
  now: clock().optional(),
  /** Called once per scope and period when spending crosses the alert threshold. Must not throw. */
  onAlert: fn<(alert: BudgetAlert) => void>('(alert: BudgetAlert) => void').optional(),
  /** How long a run's token counter is kept. Default 7 days. */
  runTtlMs: durationMs().describe("How long a run's token counter is kept (ms, default 7 days)").optional(),
  /**
   * Let calls to models without pricing (missing from the catalog) through while USD budgets
   * apply, counted as $0 with a telemetry alert once per model and day. Default false: such a
   * call is refused with BUDGET_EXCEEDED, since its cost could not be held against the budget.
   */
  allowUnpriced: z
    .boolean()
    .describe(
      'Let calls to models without pricing through (counted as $0, alerted once a day) instead of refusing them',
    )
    .optional(),
});

/** Options of `budget()`. */
export type BudgetOptions = z.input<typeof budgetOptionsSchema>;
