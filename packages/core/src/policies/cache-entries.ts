import type { AdapterChatResult } from '../contracts/adapter.js';
import { PalError } from '../errors/pal-error.js';
import { LruTtlMap } from './lru-ttl-map.js';
import type { StateStore } from './state-store.js';

/** Where the response cache keeps its results (copies in and out are the cache's job). */
export interface CacheEntries {
  get(key: string): Promise<AdapterChatResult | undefined>;
  set(key: string, result: AdapterChatResult, ttlMs: number): Promise<void>;
  /** Drops every result (in process only). */
  clear(): void;
  /** Live results held in process; undefined when they live in a shared store. */
  readonly size: number | undefined;
}

/** Prefix of every state-store key the response cache writes. */
export const CACHE_KEY_PREFIX = 'pal:cache:';

/** Results in an in-process LRU of `maxEntries`, each expiring after its TTL. */
export function memoryCacheEntries(maxEntries: number, now: () => number): CacheEntries {
  const entries = new LruTtlMap<AdapterChatResult>(maxEntries, now);
  return {
    async get(key) {
      return entries.get(key);
    },
    async set(key, result, ttlMs) {
      entries.set(key, result, ttlMs);
    },
    clear() {
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}

/**
 * Results in a (shared) {@link StateStore} under `pal:cache:<key>`, each with its TTL; the store
 * bounds their number (with Redis, its eviction policy). They cannot be listed from here, so
 * `clear()` throws CONFIG_ERROR saying where to delete them.
 */
export function storeCacheEntries(store: StateStore): CacheEntries {
  return {
    get: (key) => store.get<AdapterChatResult>(`${CACHE_KEY_PREFIX}${key}`),
    set: (key, result, ttlMs) => store.set(`${CACHE_KEY_PREFIX}${key}`, result, ttlMs),
    clear() {
      throw new PalError({
        code: 'CONFIG_ERROR',
        message: `This response cache keeps its results in a shared state store; delete its ${CACHE_KEY_PREFIX}* keys there`,
      });
    },
    size: undefined,
  };
}
