import { z } from 'zod';
import { ERROR_CODES } from '../errors/error-code.js';

const positiveInt = z.number().int().positive();
const positiveMs = z.number().positive();
const nonNegativeMs = z.number().nonnegative();

/** Retry policy options (the fields of `RetryOptions` that can be written in a file). */
export const retryOptionsSchema = z.strictObject({
  maxAttempts: positiveInt.optional(),
  baseDelayMs: nonNegativeMs.optional(),
  maxDelayMs: positiveMs.optional(),
  maxRetryAfterMs: nonNegativeMs.optional(),
  retryOn: z.array(z.enum(ERROR_CODES)).optional(),
  budget: z
    .union([
      z.strictObject({
        ratio: z.number().min(0).max(1).optional(),
        minRetriesPerSecond: z.number().nonnegative().optional(),
        windowMs: positiveMs.optional(),
      }),
      z.literal(false),
    ])
    .optional(),
});

/** Timeout policy options (`TimeoutOptions`). */
export const timeoutOptionsSchema = z.strictObject({
  /** Whole call, all attempts included. */
  totalMs: positiveMs.optional(),
  /** Longest pause between two stream chunks. */
  idleMs: positiveMs.optional(),
});

/** Circuit breaker options (`CircuitBreakerOptions`). */
export const circuitBreakerOptionsSchema = z.strictObject({
  failureThreshold: positiveInt.optional(),
  successThreshold: positiveInt.optional(),
  cooldownMs: positiveMs.optional(),
  failureCodes: z.array(z.enum(ERROR_CODES)).optional(),
});

/** Rate limiter options (`RateLimiterOptions`). */
export const rateLimitOptionsSchema = z.strictObject({
  requestsPerMinute: z.number().positive().optional(),
  tokensPerMinute: z.number().positive().optional(),
  /** `wait` for capacity (up to maxWaitMs) or `reject` at once. */
  mode: z.enum(['wait', 'reject']).optional(),
  /** Longest wait for capacity before failing with PROVIDER_RATE_LIMIT_ERROR. */
  maxWaitMs: nonNegativeMs.optional(),
});

/** Concurrency limit (bulkhead) options (`ConcurrencyLimitOptions`). */
export const concurrencyOptionsSchema = z.strictObject({
  maxConcurrent: positiveInt.optional(),
  maxQueue: z.number().int().nonnegative().optional(),
});

/** Response cache options (`ResponseCacheOptions`). */
export const cacheOptionsSchema = z.strictObject({
  ttlMs: positiveMs.optional(),
  maxEntries: positiveInt.optional(),
});

const budgetLimitsSchema = z.strictObject({
  dailyUsd: z.number().positive().optional(),
  monthlyUsd: z.number().positive().optional(),
});

/** Budget guard options (`BudgetGuardOptions`), in USD and tokens. */
export const budgetOptionsSchema = z.strictObject({
  /** Limits over every provider together. */
  global: budgetLimitsSchema.optional(),
  /** Limits per provider id. */
  providers: z.record(z.string(), budgetLimitsSchema).optional(),
  /** Token caps per run (`metadata.runId`): soft alerts, hard refuses. */
  perRun: z
    .strictObject({ softTokens: positiveInt.optional(), hardTokens: positiveInt.optional() })
    .optional(),
  /** Fraction of a limit at which an alert is raised (default 0.8). */
  alertThreshold: z.number().gt(0).max(1).optional(),
  runTtlMs: positiveMs.optional(),
  /** Let calls to models without pricing through (counted as $0, alerted once a day) instead of refusing them. */
  allowUnpriced: z.boolean().optional(),
});

const optionsOrOff = <T extends z.ZodType>(schema: T) => z.union([schema, z.literal(false)]).optional();

/** Policy options, globally or per provider: each an options object or `false` to switch it off. */
export const policiesSchema = z.strictObject({
  retry: optionsOrOff(retryOptionsSchema),
  timeout: optionsOrOff(timeoutOptionsSchema),
  circuitBreaker: optionsOrOff(circuitBreakerOptionsSchema),
  rateLimit: optionsOrOff(rateLimitOptionsSchema),
  concurrency: optionsOrOff(concurrencyOptionsSchema),
  cache: optionsOrOff(cacheOptionsSchema),
  budget: optionsOrOff(budgetOptionsSchema),
});

/** Policy options as written in a config file. */
export type PoliciesConfig = z.output<typeof policiesSchema>;
