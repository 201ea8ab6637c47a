import { z } from 'zod';
import { ERROR_CODES } from '../errors/error-code.js';

const positiveInt = z.number().int().positive();
const positiveMs = z.number().positive();
const nonNegativeMs = z.number().nonnegative();

/** Retry policy options (known fields typed, further fields passed through to the policy). */
export const retryOptionsSchema = z.looseObject({
  maxAttempts: positiveInt.optional(),
  baseDelayMs: nonNegativeMs.optional(),
  maxDelayMs: positiveMs.optional(),
  maxRetryAfterMs: nonNegativeMs.optional(),
  retryOn: z.array(z.enum(ERROR_CODES)).optional(),
  budget: z
    .union([
      z.looseObject({
        ratio: z.number().min(0).max(1).optional(),
        minRetriesPerSecond: z.number().nonnegative().optional(),
        windowMs: positiveMs.optional(),
      }),
      z.literal(false),
    ])
    .optional(),
});

/** Timeout policy options. */
export const timeoutOptionsSchema = z.looseObject({
  /** Whole call, all attempts included. */
  totalMs: positiveMs.optional(),
  /** One attempt. */
  attemptMs: positiveMs.optional(),
  /** Longest pause between two stream chunks. */
  idleMs: positiveMs.optional(),
});

/** Circuit breaker options. */
export const circuitBreakerOptionsSchema = z.looseObject({
  failureThreshold: positiveInt.optional(),
  successThreshold: positiveInt.optional(),
  cooldownMs: positiveMs.optional(),
  windowMs: positiveMs.optional(),
});

/** Rate limiter options. */
export const rateLimitOptionsSchema = z.looseObject({
  requestsPerMinute: z.number().positive().optional(),
  tokensPerMinute: z.number().positive().optional(),
  /** Follow the vendor's `x-ratelimit-*` headers. */
  adaptive: z.boolean().optional(),
  /** Longest wait for a token before failing with PROVIDER_RATE_LIMIT_ERROR. */
  maxWaitMs: nonNegativeMs.optional(),
});

/** Concurrency limit (bulkhead) options. */
export const concurrencyOptionsSchema = z.looseObject({
  maxConcurrent: positiveInt.optional(),
  maxQueue: z.number().int().nonnegative().optional(),
  queueTimeoutMs: positiveMs.optional(),
});

/** Response cache options. */
export const cacheOptionsSchema = z.looseObject({
  ttlMs: positiveMs.optional(),
  maxEntries: positiveInt.optional(),
  /** Replay cached results to streaming calls. */
  streams: z.boolean().optional(),
});

/** Budget guard options (USD). */
export const budgetOptionsSchema = z.looseObject({
  perRequestUsd: z.number().positive().optional(),
  dailyUsd: z.number().positive().optional(),
  monthlyUsd: z.number().positive().optional(),
  totalUsd: z.number().positive().optional(),
  /** `hard` refuses calls over budget; `soft` only reports them. */
  mode: z.enum(['hard', 'soft']).optional(),
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
