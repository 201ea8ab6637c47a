import { z } from 'zod';
import type { PalError } from '../errors/pal-error.js';
import { clock, count, errorCodes, fn, sleep, waitMs } from './option-schema.js';

/** Limits retries to a share of recent traffic, so a failing provider cannot cause a retry storm. */
export const retryBudgetOptionsSchema = z.strictObject({
  /** Share of recent requests that may be retried (0.2: one retry per five requests). Default 0.2. */
  ratio: z
    .number()
    .min(0)
    .max(1)
    .describe('Share of recent requests that may be retried (default 0.2)')
    .optional(),
  /** Retries always allowed per second of the window, even with little traffic. Default 1. */
  minRetriesPerSecond: z
    .number()
    .nonnegative()
    .describe('Retries always allowed per second of the window, even with little traffic (default 1)')
    .optional(),
  /** The sliding window over which requests and retries are counted. Default 10 000 ms. */
  windowMs: z
    .number()
    .positive()
    .describe('The sliding window over which requests and retries are counted (ms, default 10000)')
    .optional(),
});

/** Options of the retry budget (`retry({ budget })`). */
export type RetryBudgetOptions = z.input<typeof retryBudgetOptionsSchema>;

/** `retryOn` as a config file can hold it: a list of codes. */
export const retryOnCodesSchema = errorCodes().describe(
  'Which errors to retry (default: the errors marked retryable)',
);

/** The options of `retry()`; a config's `policies.retry` holds those a file can. */
export const retryOptionsSchema = z.strictObject({
  /** Attempts in all, counting the first. Default 3. */
  maxAttempts: count().describe('Attempts in all, counting the first (default 3)').optional(),
  /** Back-off before the second attempt; doubles for each further attempt. Default 500 ms. */
  baseDelayMs: waitMs()
    .describe('Back-off before the second attempt; doubles for each further attempt (ms, default 500)')
    .optional(),
  /** Upper bound of the exponential back-off (0: retry at once). Default 20 000 ms. */
  maxDelayMs: waitMs().describe('Upper bound of the exponential back-off (ms, default 20000)').optional(),
  /** Which errors to retry: a list of codes or a predicate. Default: errors marked `retryable`. */
  retryOn: z
    .union([retryOnCodesSchema, fn<(error: PalError) => boolean>('(error: PalError) => boolean')])
    .optional(),
  /** A provider asking to wait longer than this (`retryAfterMs`) is not waited for. Default 60 000 ms. */
  maxRetryAfterMs: waitMs()
    .describe(
      'A provider asking to wait longer than this (retry-after) is not waited for (ms, default 60000)',
    )
    .optional(),
  /** Per-provider retry budget; `false` switches it off. Default `{ ratio: 0.2, minRetriesPerSecond: 1 }`. */
  budget: z
    .union([retryBudgetOptionsSchema, z.literal(false)])
    .describe('Per-provider retry budget, or false to switch it off')
    .optional(),
  /** Source of randomness for the full jitter, in [0, 1). Default `Math.random`. */
  random: fn<() => number>('() => number in [0, 1)').optional(),
  /** How to wait between attempts (abortable). Default: a timer. */
  sleep: sleep().optional(),
  /** Clock for the budget window and the deadline check. Default `Date.now`. */
  now: clock().optional(),
});

/** Options of `retry()`. */
export type RetryOptions = z.input<typeof retryOptionsSchema>;
