import type { BudgetLimits, BudgetOptions } from '@pal/core';
import type { SqliteStore } from '@pal/store-sqlite';

/** How long the saved budgets are reused before they are read again (another process may change them). */
const REREAD_MS = 2_000;

/** The budget limits a call is held to, from the store's saved budgets. */
export type LiveBudgetLimits = Pick<BudgetOptions, 'global' | 'providers' | 'perRun' | 'alertThreshold'>;

/**
 * The saved budgets (`store.setBudget`) as the budget guard's per-call options, so a budget the
 * console changes holds from the next call, without a restart: the global limits, per-run caps
 * and threshold, and each provider's daily and monthly limits, over the config file's limits
 * (`base`). Read again after a change made here (`invalidate`) and every 2 s (another process on
 * the store).
 */
export class LiveBudgets {
  readonly #store: Pick<SqliteStore, 'listBudgets'>;
  readonly #now: () => number;
  readonly #base: { global?: BudgetLimits; providers?: Record<string, BudgetLimits> };
  #limits: LiveBudgetLimits | undefined;
  #readAt = 0;

  constructor(
    store: Pick<SqliteStore, 'listBudgets'>,
    base: { global?: BudgetLimits; providers?: Record<string, BudgetLimits> } = {},
    now: () => number = Date.now,
  ) {
    this.#store = store;
    this.#base = base;
    this.#now = now;
  }

  /** The limits in force. */
  limits(): LiveBudgetLimits {
    const now = this.#now();
    if (!this.#limits || now - this.#readAt > REREAD_MS) {
      this.#limits = this.#read();
      this.#readAt = now;
    }
    return this.#limits;
  }

  /** Forgets what was read (a budget was just saved). */
  invalidate(): void {
    this.#limits = undefined;
  }

  #read(): LiveBudgetLimits {
    const limits: LiveBudgetLimits = {
      ...(this.#base.global && { global: this.#base.global }),
      ...(this.#base.providers && { providers: { ...this.#base.providers } }),
    };
    for (const setting of this.#store.listBudgets()) {
      const usd = {
        ...(setting.dailyUsd !== undefined && { dailyUsd: setting.dailyUsd }),
        ...(setting.monthlyUsd !== undefined && { monthlyUsd: setting.monthlyUsd }),
      };
      if (setting.provider !== undefined) {
        if (Object.keys(usd).length > 0) limits.providers = { ...limits.providers, [setting.provider]: usd };
        continue;
      }
      if (Object.keys(usd).length > 0) limits.global = usd;
      const perRun = {
        ...(setting.perRunSoftTokens !== undefined && { softTokens: setting.perRunSoftTokens }),
        ...(setting.perRunHardTokens !== undefined && { hardTokens: setting.perRunHardTokens }),
      };
      if (Object.keys(perRun).length > 0) limits.perRun = perRun;
      if (setting.alertThreshold !== undefined) limits.alertThreshold = setting.alertThreshold;
    }
    return limits;
  }
}
