import type { CallContext } from '../contracts/adapter.js';
import { overrideFor } from '../kernel/middleware.js';

/** `base` with every defined field of `overrides` laid over it (undefined fields are ignored). */
export function mergeDefined<T extends object>(base: T, overrides: Partial<T> | undefined): T {
  if (!overrides) return base;
  const merged = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}

/**
 * The options a policy applies to one call: its configured options with the caller's
 * per-call override (`ctx.overrides[name]`) merged over them, or undefined when the caller
 * switched the policy off for this call (`false`).
 */
export function optionsForCall<T extends object>(
  ctx: CallContext,
  name: string,
  configured: T,
): T | undefined {
  const override = overrideFor<T>(ctx, name);
  if (override === false) return undefined;
  return mergeDefined(configured, override);
}
