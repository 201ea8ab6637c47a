/**
 * PAL's pluggable policies: middleware the runtime kernel stacks around each provider adapter
 * (timeout → budget → cache → retry → circuitBreaker → rateLimit → concurrency → adapter), each
 * factory named after its config key, plus the state store they share and `definePolicy`, the
 * one lifecycle they are written with.
 * @module
 */
export { abortErrorFor } from './abort-error.js';
export { abortableSleep, type Sleep } from './abortable-sleep.js';
export {
  type BudgetAlert,
  type BudgetGuard,
  type BudgetLimits,
  type BudgetOptions,
  type BudgetScopeSnapshot,
  type BudgetSnapshot,
  budget,
  type RunBudget,
} from './budget.js';
export { type CacheOptions, cache, type ResponseCache } from './cache.js';
export { responseCacheKey } from './cache-key.js';
export { replayEvents } from './cache-replay.js';
export {
  CIRCUIT_FAILURE_CODES,
  type CircuitBreaker,
  type CircuitBreakerOptions,
  type CircuitState,
  circuitBreaker,
} from './circuit-breaker.js';
export { type ConcurrencyOptions, concurrency } from './concurrency.js';
export {
  definePolicy,
  type PolicyCall,
  type PolicyDefinition,
  type PolicyEnd,
  type PolicyHandle,
  type PolicyOperation,
  type PolicyResult,
} from './define-policy.js';
export { isLocalPolicyError, type LocalPolicyErrorDetails, localPolicyError } from './local-policy-error.js';
export { createMemoryStore, type MemoryStore, type MemoryStoreOptions } from './memory-store.js';
export { type RateLimiter, type RateLimitHeadroom, type RateLimitOptions, rateLimit } from './rate-limit.js';
export { type RetryBudgetOptions, type RetryOptions, retry } from './retry.js';
export type {
  StateStore,
  TakeTokensRequest,
  TakeTokensResult,
  TokenBucketState,
} from './state-store.js';
export { type TimeoutOptions, timeout } from './timeout.js';
export { type TokenBucketStep, takeFromBucket } from './token-bucket.js';
