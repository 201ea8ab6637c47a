/**
 * Who a `/v1` call is made for, once its key was checked: a gateway key's id and limits, or one of
 * the grants that carry none (`admin`: the admin token, as the console's playground sends it;
 * `sandbox`: the sandbox's `pal-sandbox` key; `open`: any key, in a sandbox with no keys yet).
 */
export interface KeyGrant {
  /** `key_…`, or `admin`, `sandbox`, `open`. Never the key itself. */
  id: string;
  name: string;
  /** Model patterns the key may use (`provider/model`, a provider id, `*` wildcards); absent: any. */
  allowedModels?: readonly string[];
  requestsPerMinute?: number;
  dailyUsd?: number;
  monthlyUsd?: number;
}

declare module 'hono' {
  interface ContextVariableMap {
    /** Set by the key check on `/v1/*`. */
    gatewayKey: KeyGrant;
  }
}

/** The budget scope a key's USD limits are counted under (`key:key_3fa9…`). */
export function budgetScopeOf(
  grant: KeyGrant,
): { id: string; dailyUsd?: number; monthlyUsd?: number } | undefined {
  if (grant.dailyUsd === undefined && grant.monthlyUsd === undefined) return undefined;
  return {
    id: `key:${grant.id}`,
    ...(grant.dailyUsd !== undefined && { dailyUsd: grant.dailyUsd }),
    ...(grant.monthlyUsd !== undefined && { monthlyUsd: grant.monthlyUsd }),
  };
}
