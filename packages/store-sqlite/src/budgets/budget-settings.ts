import type { BudgetAlert, BudgetOptions, PolicySettings, StateStore } from '@pal/core';
import { parseOptions, z } from '@pal/core/provider';
import { providerIdSchema, type ChangeOptions } from '../registry/saved-provider.js';
import type { StoreContext } from '../store-context.js';

const GLOBAL = '*';

/**
 * Seed 003's `ProviderBudget`: daily and monthly USD limits, per-run soft and hard token caps and
 * the alert threshold, for one provider or (no `provider`) for every provider together. A field
 * left out keeps what is saved; `null` removes that limit.
 */
export const setBudgetSchema = z.strictObject({
  /** The provider the limits are for; left out, they hold over every provider together. */
  provider: providerIdSchema.optional(),
  dailyUsd: z.number().nonnegative().nullable().optional(),
  monthlyUsd: z.number().nonnegative().nullable().optional(),
  /** Tokens a run may use before an alert. */
  perRunSoftTokens: z.number().int().positive().nullable().optional(),
  /** Tokens a run may never pass: a call that could is refused. */
  perRunHardTokens: z.number().int().positive().nullable().optional(),
  /** Fraction of a limit that raises the alert (0.8 = at 80 %). */
  alertThreshold: z.number().gt(0).max(1).nullable().optional(),
});

/** What `setBudget` takes. */
export type SetBudgetInput = z.input<typeof setBudgetSchema>;

/** A saved budget: the limits set for one provider, or for all (`provider` absent). */
export interface BudgetSetting {
  provider?: string;
  dailyUsd?: number;
  monthlyUsd?: number;
  perRunSoftTokens?: number;
  perRunHardTokens?: number;
  alertThreshold?: number;
  updatedAt: number;
}

/** The runtime settings that apply the saved budgets: spread them into `createRuntime`. */
export interface BudgetPolicies {
  policies: PolicySettings;
  providerPolicies: Record<string, PolicySettings>;
}

interface BudgetRow {
  provider_id: string;
  daily_limit: number | null;
  monthly_limit: number | null;
  per_run_soft_cap: number | null;
  per_run_hard_cap: number | null;
  alert_threshold: number | null;
  updated_at: number;
}

const FIELDS: Array<[keyof BudgetRow, keyof SetBudgetInput]> = [
  ['daily_limit', 'dailyUsd'],
  ['monthly_limit', 'monthlyUsd'],
  ['per_run_soft_cap', 'perRunSoftTokens'],
  ['per_run_hard_cap', 'perRunHardTokens'],
  ['alert_threshold', 'alertThreshold'],
];

/** The `provider_budgets` table, and the budget guard settings it turns into. */
export class BudgetSettings {
  readonly #ctx: StoreContext;

  constructor(ctx: StoreContext) {
    this.#ctx = ctx;
  }

  /** Saves limits (audited as `budget_changed` with each limit's old and new value). */
  set(input: SetBudgetInput, change: ChangeOptions = {}): BudgetSetting {
    parseOptions('setBudget', setBudgetSchema, input);
    const ctx = this.#ctx;
    const id = input.provider ?? GLOBAL;
    return ctx.transaction('saving a budget', () => {
      const before = ctx.db.prepare('SELECT * FROM provider_budgets WHERE provider_id = ?').get(id) as
        | BudgetRow
        | undefined;
      const row: BudgetRow & Record<string, unknown> = {
        provider_id: id,
        daily_limit: null,
        monthly_limit: null,
        per_run_soft_cap: null,
        per_run_hard_cap: null,
        alert_threshold: null,
        ...before,
        updated_at: ctx.now(),
      };
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const [column, field] of FIELDS) {
        const given = input[field];
        if (given === undefined || given === row[column]) continue;
        changes[field] = { from: row[column], to: given };
        (row as Record<string, unknown>)[column] = given;
      }
      ctx.db
        .prepare(
          `INSERT INTO provider_budgets (provider_id, daily_limit, monthly_limit, per_run_soft_cap, per_run_hard_cap,
             alert_threshold, updated_at)
           VALUES (@provider_id, @daily_limit, @monthly_limit, @per_run_soft_cap, @per_run_hard_cap, @alert_threshold,
             @updated_at)
           ON CONFLICT (provider_id) DO UPDATE SET daily_limit = excluded.daily_limit,
             monthly_limit = excluded.monthly_limit, per_run_soft_cap = excluded.per_run_soft_cap,
             per_run_hard_cap = excluded.per_run_hard_cap, alert_threshold = excluded.alert_threshold,
             updated_at = excluded.updated_at`,
        )
        .run(row);
      if (Object.keys(changes).length > 0) {
        ctx.audit.record({
          ...(input.provider !== undefined && { provider: input.provider }),
          action: 'budget_changed',
          ...(change.actor !== undefined && { actor: change.actor }),
          metadata: {
            scope: input.provider === undefined ? 'global' : `provider:${input.provider}`,
            changes,
          },
        });
      }
      return toSetting(row);
    });
  }

  /** Every saved budget, the global one first. */
  list(): BudgetSetting[] {
    const rows = this.#ctx.run(
      'reading budgets',
      () =>
        this.#ctx.db
          .prepare(`SELECT * FROM provider_budgets ORDER BY provider_id = '${GLOBAL}' DESC, provider_id`)
          .all() as BudgetRow[],
    );
    return rows.map(toSetting);
  }

  /**
   * The budget guard settings for the saved budgets, counting in `state` (the store's StateStore,
   * so spend and alert marks survive restarts and are shared by processes on the same file): the
   * global limits, per-run caps and threshold in `policies.budget`, each provider's daily and
   * monthly limits in its `providers` map, and a provider's own per-run caps or threshold in
   * `providerPolicies[id].budget`. Empty when no budget is saved.
   */
  policies(
    state: StateStore,
    extra: { onAlert?: (alert: BudgetAlert) => void; now?: () => number } = {},
  ): BudgetPolicies {
    const saved = this.list();
    if (saved.length === 0) return { policies: {}, providerPolicies: {} };
    const budget: BudgetOptions = {
      store: state,
      ...(extra.onAlert && { onAlert: extra.onAlert }),
      ...(extra.now && { now: extra.now }),
    };
    const providerPolicies: Record<string, PolicySettings> = {};
    for (const setting of saved) {
      const limits = {
        ...(setting.dailyUsd !== undefined && { dailyUsd: setting.dailyUsd }),
        ...(setting.monthlyUsd !== undefined && { monthlyUsd: setting.monthlyUsd }),
      };
      const perRun = {
        ...(setting.perRunSoftTokens !== undefined && { softTokens: setting.perRunSoftTokens }),
        ...(setting.perRunHardTokens !== undefined && { hardTokens: setting.perRunHardTokens }),
      };
      const own = {
        ...(Object.keys(perRun).length > 0 && { perRun }),
        ...(setting.alertThreshold !== undefined && { alertThreshold: setting.alertThreshold }),
      };
      if (setting.provider === undefined) {
        if (Object.keys(limits).length > 0) budget.global = limits;
        Object.assign(budget, own);
        continue;
      }
      if (Object.keys(limits).length > 0)
        budget.providers = { ...budget.providers, [setting.provider]: limits };
      if (Object.keys(own).length > 0) providerPolicies[setting.provider] = { budget: own };
    }
    return { policies: { budget }, providerPolicies };
  }
}

function toSetting(row: BudgetRow): BudgetSetting {
  return {
    ...(row.provider_id !== GLOBAL && { provider: row.provider_id }),
    ...(row.daily_limit !== null && { dailyUsd: row.daily_limit }),
    ...(row.monthly_limit !== null && { monthlyUsd: row.monthly_limit }),
    ...(row.per_run_soft_cap !== null && { perRunSoftTokens: row.per_run_soft_cap }),
    ...(row.per_run_hard_cap !== null && { perRunHardTokens: row.per_run_hard_cap }),
    ...(row.alert_threshold !== null && { alertThreshold: row.alert_threshold }),
    updatedAt: row.updated_at,
  };
}
