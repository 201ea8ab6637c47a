function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Lays `overlay` over `base`: plain objects merge key by key (recursively), anything
 * else in `overlay` (arrays, `false`, strings...) replaces the base value; `undefined`
 * in `overlay` keeps the base value. Neither input is modified.
 */
export function deepMerge<T>(base: T, overlay: unknown): T {
  if (overlay === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(overlay)) return overlay as T;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    merged[key] = deepMerge(merged[key], value);
  }
  return merged as T;
}
