import type { BudgetOptions, ProviderRegistry } from '@pal/core';
import { allowedRoute } from '../keys/allowed-models.js';
import { budgetScopeOf, type KeyGrant } from '../keys/key-grant.js';
import type { LiveBudgets } from './live-budgets.js';
import type { LiveCallOptions, PrepareCall } from './live-router.js';

/** A routed call's options as the gateway's routes give them: with the grant of the key that sent it. */
export type GrantedCallOptions = LiveCallOptions & { grant?: KeyGrant };

/** What {@link callPolicy} reads on every call. */
export interface CallPolicyDeps {
  registry: ProviderRegistry;
  budgets: LiveBudgets;
  /** The router's fallback chain in force (for keys with allowed models). */
  chain(): readonly string[];
  /** Request ids of calls that named their own fallbacks (asked-before-switching consents to those). */
  consented: Set<string>;
  /** "Always ask before switching providers" is on. */
  askBeforeSwitching(): boolean;
}

/**
 * What the gateway applies to every routed call before the router sees it: the key's allowed
 * models (403 for another; the call pinned and its fallbacks cut to allowed ones), the saved
 * budgets in force and the key's own daily / monthly USD as the budget guard's per-call options
 * (the key's counted under the scope `key:<id>`, refused with a typed BUDGET_EXCEEDED), the key's
 * id in the request's metadata (logs and telemetry name it; never the key), and, while asking
 * before switching, the call's own fallbacks as the switches it consents to.
 */
export function callPolicy(deps: CallPolicyDeps): PrepareCall {
  return (request, given, operation) => {
    const { grant, ...options } = given as GrantedCallOptions;
    let next = request;
    let route = options;
    if (grant) {
      const allowed = allowedRoute(
        grant,
        { model: request.model, fallback: options.fallback },
        deps.registry,
        deps.chain(),
        operation,
      );
      next = {
        ...request,
        model: allowed.model,
        metadata: { ...request.metadata, gatewayKey: grant.id },
      };
      route = { ...options, ...(allowed.fallback !== undefined && { fallback: allowed.fallback }) };
    }
    const scope = grant && budgetScopeOf(grant);
    const budget: Partial<BudgetOptions> = { ...deps.budgets.limits(), ...(scope && { scope }) };
    if (Object.keys(budget).length > 0) route = { ...route, budget };
    if (deps.askBeforeSwitching() && Array.isArray(options.fallback) && options.call)
      consent(deps.consented, options.call.requestId);
    return { request: next, options: route };
  };
}

/** Remembers a consent for as long as a call may take to move along its fallbacks (bounded). */
function consent(consented: Set<string>, requestId: string): void {
  if (consented.size >= 10_000) consented.delete(consented.values().next().value as string);
  consented.add(requestId);
}
