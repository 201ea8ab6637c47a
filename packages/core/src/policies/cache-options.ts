import { z } from 'zod';
import { clock, count, durationMs, stateStore } from './option-schema.js';

/** The options of `cache()`; a config's `policies.cache` holds those a file can (no clock, no store). */
export const cacheOptionsSchema = z.strictObject({
  /** Results kept at most; the least recently used go first. Default 500. */
  maxEntries: count()
    .describe('Results kept at most; the least recently used go first (default 500)')
    .optional(),
  /** How long a result stays valid. Default 300 000 ms (5 minutes). */
  ttlMs: durationMs().describe('How long a result stays valid (ms, default 300000)').optional(),
  /** Clock (epoch ms). Default `Date.now`. */
  now: clock().optional(),
  /**
   * Keep results in this store (shared by a fleet, with their TTL; `maxEntries` does not apply)
   * instead of the in-process LRU. Default: the LRU.
   */
  store: stateStore().optional(),
});

/** Options of `cache()`. */
export type CacheOptions = z.input<typeof cacheOptionsSchema>;
