/**
 * Where policies keep shared state (budget counters, alert marks). Every operation is a
 * single step that a shared implementation (Redis with a Lua script) can make atomic, so a
 * fleet of gateways can share limits. Numeric values should be integers when they must be
 * exact (budgets store nano-dollars).
 */
export interface StateStore {
  /** The value under `key`, or undefined when absent or expired. */
  get<T>(key: string): Promise<T | undefined>;
  /** Stores `value` under `key`, expiring after `ttlMs` when given (no expiry otherwise). */
  set<T>(key: string, value: T, ttlMs?: number): Promise<void>;
  /** Removes `key`. */
  delete(key: string): Promise<void>;
  /**
   * Adds `by` (may be negative) to the number under `key` (0 when absent) and returns the
   * new value. `ttlMs` is applied only when the key is created; an existing key keeps its expiry.
   */
  increment(key: string, by: number, ttlMs?: number): Promise<number>;
  /**
   * Atomic check-and-add: adds `amount` to the number under `key` only if the result stays
   * `<= limit`. Returns whether it was added and the value after the operation (unchanged
   * when refused). `ttlMs` is applied only when the key is created.
   */
  reserve(
    key: string,
    amount: number,
    limit: number,
    ttlMs?: number,
  ): Promise<{ ok: boolean; value: number }>;
}

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /** Clock used for expiry (epoch ms); `Date.now` by default. */
  now?: () => number;
}

interface Entry {
  value: unknown;
  expiresAt?: number;
}

/**
 * An in-process {@link StateStore}: a Map with lazy TTL expiry. Each operation runs
 * synchronously inside one microtask, so it is atomic within the process.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): StateStore {
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();

  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (entry?.expiresAt !== undefined && entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  const expiry = (ttlMs: number | undefined): number | undefined =>
    ttlMs === undefined ? undefined : now() + Math.max(0, ttlMs);
  const numberAt = (entry: Entry | undefined): number => (typeof entry?.value === 'number' ? entry.value : 0);
  const write = (key: string, value: number, existing: Entry | undefined, ttlMs: number | undefined) => {
    if (existing) existing.value = value;
    else entries.set(key, { value, expiresAt: expiry(ttlMs) });
  };

  return {
    async get<T>(key: string) {
      return live(key)?.value as T | undefined;
    },
    async set<T>(key: string, value: T, ttlMs?: number) {
      entries.set(key, { value, expiresAt: expiry(ttlMs) });
    },
    async delete(key: string) {
      entries.delete(key);
    },
    async increment(key: string, by: number, ttlMs?: number) {
      const entry = live(key);
      const value = numberAt(entry) + by;
      write(key, value, entry, ttlMs);
      return value;
    },
    async reserve(key: string, amount: number, limit: number, ttlMs?: number) {
      const entry = live(key);
      const current = numberAt(entry);
      if (current + amount > limit) return { ok: false, value: current };
      write(key, current + amount, entry, ttlMs);
      return { ok: true, value: current + amount };
    },
  };
}
