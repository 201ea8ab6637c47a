/**
 * PAL's pluggable policies: middleware the runtime kernel stacks around each provider adapter
 * (timeout → budget → cache → retry → circuitBreaker → rateLimit → concurrency → adapter), plus the
 * state store, token and cost estimation they share.
 * @module
 */
export { abortErrorFor } from './abort-error.js';
export { abortableSleep, type Sleep } from './abortable-sleep.js';
export {
  type BudgetAlert,
  type BudgetGuard,
  type BudgetGuardOptions,
  type BudgetLimits,
  type BudgetScopeSnapshot,
  type BudgetSnapshot,
  budgetGuard,
  type RunBudget,
} from './budget-guard.js';
export { responseCacheKey } from './cache-key.js';
export { replayEvents } from './cache-replay.js';
export {
  CIRCUIT_FAILURE_CODES,
  type CircuitBreaker,
  type CircuitBreakerOptions,
  type CircuitState,
  circuitBreaker,
} from './circuit-breaker.js';
export { type ConcurrencyLimitOptions, concurrencyLimit } from './concurrency-limit.js';
export { type CostRange, computeCost, estimateCostRange } from './cost.js';
export {
  DEFAULT_MAX_OUTPUT_TOKENS,
  estimateTextTokens,
  estimateTokens,
  type TokenEstimate,
} from './estimate-tokens.js';
export { estimateImageTokens } from './image-tokens.js';
export { isLocalPolicyError, type LocalPolicyErrorDetails, localPolicyError } from './local-policy-error.js';
export { type RateLimiterOptions, rateLimiter } from './rate-limiter.js';
export { type ResponseCache, type ResponseCacheOptions, responseCache } from './response-cache.js';
export type { RetryBudgetOptions } from './retry-budget.js';
export { type RetryOptions, retryPolicy } from './retry-policy.js';
export { createMemoryStore, type MemoryStore, type MemoryStoreOptions } from './memory-store.js';
export type {
  StateStore,
  TakeTokensRequest,
  TakeTokensResult,
  TokenBucketState,
} from './state-store.js';
export { type TimeoutOptions, timeoutPolicy } from './timeout-policy.js';
export { type TokenBucketStep, takeFromBucket } from './token-bucket.js';
