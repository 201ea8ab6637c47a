import type { CallContext } from '../contracts/adapter.js';
import { BUDGET_KEY_PREFIX, type BudgetScope } from './budget-scopes.js';
import { localPolicyError } from './local-policy-error.js';
import { emitPolicyEvent } from './policy-event.js';
import type { StateStore } from './state-store.js';

/** A call to a model without pricing, facing USD budgets. */
export interface UnpricedCall {
  ctx: CallContext;
  providerId: string;
  model: string;
  /** The USD budgets that apply to the call (at least one). */
  scopes: BudgetScope[];
  /** Let it through, counted as $0, instead of refusing it. */
  allowUnpriced: boolean;
  store: StateStore;
  now: () => number;
}

const DAY_MS = 86_400_000;

/**
 * Decides on a call whose cost cannot be estimated (its model has no pricing) while USD budgets
 * apply: refuses it with BUDGET_EXCEEDED, since the budgets could otherwise be overshot without
 * ever refusing, unless `allowUnpriced` is set; then it goes through counted as $0, with a
 * telemetry `budget` alert once per provider, model and UTC day (once across a fleet sharing the
 * store).
 */
export async function admitUnpricedCall(call: UnpricedCall): Promise<void> {
  const { ctx, providerId, model, now } = call;
  const scope = `unpriced:${providerId}:${model}`;
  const event = { type: 'budget', provider: providerId, model, scope, amountUsd: 0, spentUsd: 0 } as const;
  if (!call.allowUnpriced) {
    const budgets = call.scopes.map((s) => s.scope).join(', ');
    emitPolicyEvent(ctx, { ...event, action: 'reject' }, now);
    throw localPolicyError('budget', {
      code: 'BUDGET_EXCEEDED',
      message: `No pricing for model ${providerId}/${model}, so its cost cannot be checked against the ${budgets} budget; set allowUnpriced or add it to the catalog`,
      retryable: false,
      provider: providerId,
      model,
      details: { scope, reason: 'unpriced', budgets: call.scopes.map((s) => s.scope) },
    });
  }
  const day = new Date(now()).toISOString().slice(0, 10);
  const alertKey = `${BUDGET_KEY_PREFIX}alerted:${scope}:${day}`;
  if ((await call.store.increment(alertKey, 1, 2 * DAY_MS)) === 1)
    emitPolicyEvent(ctx, { ...event, action: 'alert' }, now);
}
