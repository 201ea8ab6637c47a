import { z } from 'zod';
import { clock, sleep, stateStore, waitMs } from './option-schema.js';

/** The options of `rateLimit()`; a config's `policies.rateLimit` holds those a file can. */
export const rateLimitOptionsSchema = z.strictObject({
  /** Requests allowed per minute and provider. */
  requestsPerMinute: z.number().positive().describe('Requests allowed per minute and provider').optional(),
  /** Tokens (estimated input + output cap, settled to actual usage) allowed per minute and provider. */
  tokensPerMinute: z
    .number()
    .positive()
    .describe(
      'Tokens (estimated input + output cap, settled to the actual usage) allowed per minute and provider',
    )
    .optional(),
  /** `wait` until the buckets allow the call (default), or `reject` it at once. */
  mode: z
    .enum(['wait', 'reject'])
    .describe('wait until the buckets allow the call (default), or reject it at once')
    .optional(),
  /** Longest wait before giving up with PROVIDER_RATE_LIMIT_ERROR. Default 30 000 ms. */
  maxWaitMs: waitMs()
    .describe('Longest wait for capacity before failing with PROVIDER_RATE_LIMIT_ERROR (ms, default 30000)')
    .optional(),
  /** Clock (epoch ms). Default `Date.now`. */
  now: clock().optional(),
  /** How to wait (abortable). Default: a timer. */
  sleep: sleep().optional(),
  /** Where the buckets live; share one (Redis) across a fleet. Default: in memory. */
  store: stateStore().optional(),
});

/** Options of `rateLimit()`. */
export type RateLimitOptions = z.input<typeof rateLimitOptionsSchema>;
