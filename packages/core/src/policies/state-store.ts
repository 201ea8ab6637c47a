import type { TakeTokensRequest, TakeTokensResult } from './token-bucket.js';

export type { TakeTokensRequest, TakeTokensResult, TokenBucketState } from './token-bucket.js';

/**
 * Where policies keep state that a fleet of gateways may share: budget counters and alert marks,
 * rate-limit buckets and blocks, circuit-breaker state, counters and probe leases, cached
 * responses. {@link createMemoryStore} keeps it in the process; a shared implementation (Redis)
 * must make each operation atomic on its own, as each one's documentation says: one command or
 * one Lua script per call, never a read in one round trip and a write in another. Policies that
 * combine operations (a budget reserving in several counters, a limiter taking from two buckets)
 * roll back what they took when a later step refuses.
 *
 * Values must survive JSON (plain objects, arrays, strings, finite numbers, booleans); numbers
 * that must stay exact are integers (budgets count nano-dollars). A TTL is relative, in ms, and
 * counted by the store's own clock. Keys are namespaced by the policy (`pal:budget:`,
 * `pal:rate:`, `pal:circuit:`, `pal:cache:`), so one store can serve every policy.
 */
export interface StateStore {
  /** The value under `key`, or undefined when absent or expired. A plain read (`GET`). */
  get<T>(key: string): Promise<T | undefined>;
  /**
   * Stores `value` under `key`, replacing what was there, expiring after `ttlMs` when given (no
   * expiry otherwise). A plain write (`SET … PX`); last writer wins.
   */
  set<T>(key: string, value: T, ttlMs?: number): Promise<void>;
  /**
   * Stores `value` under `key` only if no live value is there, expiring after `ttlMs` when given,
   * and tells whether it did. Atomic: of many concurrent callers exactly one gets `true` (a lease,
   * such as the circuit breaker's single half-open probe; `SET … NX PX`).
   */
  setIfAbsent<T>(key: string, value: T, ttlMs?: number): Promise<boolean>;
  /** Removes `key` (`DEL`). */
  delete(key: string): Promise<void>;
  /**
   * Adds `by` (may be negative) to the number under `key` (0 when absent) and returns the new
   * value. `ttlMs` is applied only when the key is created; an existing key keeps its expiry.
   * Atomic: concurrent increments never lose an update, and each caller sees a distinct result
   * (so `=== 1` or `=== threshold` elects exactly one caller).
   */
  increment(key: string, by: number, ttlMs?: number): Promise<number>;
  /**
   * Atomic check-and-add: adds `amount` to the number under `key` only if the result stays
   * `<= limit`. Returns whether it was added and the value after the operation (unchanged
   * when refused). `ttlMs` is applied only when the key is created. The check and the add are
   * one step: concurrent reservations never take the value past `limit`.
   */
  reserve(
    key: string,
    amount: number,
    limit: number,
    ttlMs?: number,
  ): Promise<{ ok: boolean; value: number }>;
  /**
   * One token-bucket step on the bucket under `key` (absent = full): refill it for the time since
   * its last update, lower it to `atMost` when given, then take `cost` tokens (giving back when
   * negative), unless the wait for them would exceed `maxWaitMs`. Stores the new state with the
   * TTL `takeFromBucket` (token-bucket.ts) computes (until full plus a period). Atomic: the read, refill, take
   * and write are one step, so concurrent takers never share a token and queue up in the order
   * the store serves them. A shared implementation runs `takeFromBucket`'s arithmetic in
   * a script.
   */
  takeTokens(key: string, request: TakeTokensRequest): Promise<TakeTokensResult>;
}
