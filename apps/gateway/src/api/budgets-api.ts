import type { BudgetSetting } from '@pal/store-sqlite';
import { setBudgetSchema } from '@pal/store-sqlite';
import type { Hono } from 'hono';
import { readBody } from '../http/read-body.js';
import type { ConsoleDeps } from './console-deps.js';
import { periodStarts } from './query-params.js';

/** Seed 003's ProviderBudget as saved, with what is spent against it now. */
export interface BudgetView extends Omit<BudgetSetting, 'updatedAt'> {
  updatedAt?: number;
  /** USD billed today (UTC), from the usage ledger: every provider, or this one. */
  spentTodayUsd: number;
  /** USD billed this month (UTC). */
  spentThisMonthUsd: number;
}

const providerBudgetSchema = setBudgetSchema.omit({ provider: true });

/**
 * Budgets: `GET /api/budgets` (the overall one first — listed even when nothing is set — then each
 * provider's, with today's and this month's spend), `PUT /api/budgets` (the body's `provider`, or
 * none: all providers together) and `PUT /api/budgets/:provider`: daily / monthly USD limits,
 * per-run soft / hard token caps, the alert threshold; a limit left out keeps what is saved,
 * `null` removes it. Audited (`budget_changed`); USD limits hold from the next call.
 */
export function registerBudgetsApi(app: Hono, deps: ConsoleDeps): void {
  const { store } = deps;
  const view = (setting: Partial<BudgetSetting>): BudgetView => {
    const { day, month } = periodStarts(Date.now());
    const spent = (since: number) =>
      store
        .costByProvider({ since })
        .filter((p) => setting.provider === undefined || p.provider === setting.provider)
        .reduce((sum, p) => sum + p.costUsd, 0);
    return { ...setting, spentTodayUsd: spent(day), spentThisMonthUsd: spent(month) };
  };
  const save = (input: Parameters<typeof store.setBudget>[0], actor: string) => {
    if (input.provider !== undefined) deps.providers.view(input.provider); // 404 for an unknown provider
    const saved = store.setBudget(input, { actor });
    deps.budgets.invalidate();
    return view(saved);
  };

  app.get('/api/budgets', (c) => {
    const saved = store.listBudgets();
    const global = saved.find((b) => b.provider === undefined);
    return c.json([view(global ?? {}), ...saved.filter((b) => b.provider !== undefined).map(view)]);
  });
  app.put('/api/budgets', async (c) => c.json(save(await readBody(c, setBudgetSchema), c.get('actor'))));
  app.put('/api/budgets/:provider', async (c) => {
    const input = await readBody(c, providerBudgetSchema);
    return c.json(save({ ...input, provider: c.req.param('provider') }, c.get('actor')));
  });
}
