import type { StateStore } from './state-store.js';
import { bucketStateOf, type TakeTokensRequest, takeFromBucket } from './token-bucket.js';

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /** Clock used for expiry (epoch ms); `Date.now` by default. */
  now?: () => number;
}

/** The in-process store, which can also tell how many entries it holds. */
export type MemoryStore = StateStore & {
  /** Entries held, including expired ones not yet read or swept. */
  readonly size: number;
};

interface Entry {
  value: unknown;
  expiresAt?: number;
}

/** Entries held before the first sweep of expired ones; later sweeps run at twice the size left. */
const FIRST_SWEEP_AT = 1024;

/**
 * An in-process {@link StateStore}: a Map with TTL expiry (lazily on read, and swept whenever the
 * map has doubled since the last sweep, so keys never read again do not pile up). Each operation
 * runs synchronously inside one call, so it is atomic within the process; share one instance
 * between runtimes of one process to share their limits. Values are kept as given (not copied).
 *
 * @example
 * ```ts
 * // two runtimes of one process share one budget, one breaker per provider and one rate limit
 * const store = createMemoryStore();
 * const policies = { budget: { global: { dailyUsd: 5 } } };
 * const a = createRuntime({ providers: [openai()], policies, store });
 * const b = createRuntime({ providers: [openai()], policies, store });
 * ```
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  let sweepAt = FIRST_SWEEP_AT;

  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (entry?.expiresAt !== undefined && entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  const sweep = () => {
    const time = now();
    for (const [key, entry] of entries)
      if (entry.expiresAt !== undefined && entry.expiresAt <= time) entries.delete(key);
    sweepAt = Math.max(FIRST_SWEEP_AT, entries.size * 2);
  };
  const put = (key: string, value: unknown, ttlMs: number | undefined) => {
    entries.set(key, { value, ...(ttlMs !== undefined && { expiresAt: now() + Math.max(0, ttlMs) }) });
    if (entries.size >= sweepAt) sweep();
  };
  const numberAt = (entry: Entry | undefined): number => (typeof entry?.value === 'number' ? entry.value : 0);
  const writeNumber = (
    key: string,
    value: number,
    existing: Entry | undefined,
    ttlMs: number | undefined,
  ) => {
    if (existing) existing.value = value;
    else put(key, value, ttlMs);
  };

  return {
    async get<T>(key: string) {
      return live(key)?.value as T | undefined;
    },
    async set<T>(key: string, value: T, ttlMs?: number) {
      put(key, value, ttlMs);
    },
    async setIfAbsent<T>(key: string, value: T, ttlMs?: number) {
      if (live(key)) return false;
      put(key, value, ttlMs);
      return true;
    },
    async delete(key: string) {
      entries.delete(key);
    },
    async increment(key: string, by: number, ttlMs?: number) {
      const entry = live(key);
      const value = numberAt(entry) + by;
      writeNumber(key, value, entry, ttlMs);
      return value;
    },
    async reserve(key: string, amount: number, limit: number, ttlMs?: number) {
      const entry = live(key);
      const current = numberAt(entry);
      if (current + amount > limit) return { ok: false, value: current };
      writeNumber(key, current + amount, entry, ttlMs);
      return { ok: true, value: current + amount };
    },
    async takeTokens(key: string, request: TakeTokensRequest) {
      const step = takeFromBucket(bucketStateOf(live(key)?.value), request);
      put(key, step.state, step.ttlMs);
      return step.result;
    },
    get size() {
      return entries.size;
    },
  };
}
