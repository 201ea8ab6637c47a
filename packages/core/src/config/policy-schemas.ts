import { z } from 'zod';
import { budgetOptionsSchema } from '../policies/budget-options.js';
import { cacheOptionsSchema } from '../policies/cache-options.js';
import { circuitBreakerOptionsSchema } from '../policies/circuit-breaker-options.js';
import { concurrencyOptionsSchema } from '../policies/concurrency-options.js';
import { rateLimitOptionsSchema } from '../policies/rate-limit-options.js';
import { retryOnCodesSchema, retryOptionsSchema } from '../policies/retry-options.js';
import { timeoutOptionsSchema } from '../policies/timeout-options.js';

/*
 * A config file's policy options are the policies' own option schemas (policies/*-options.ts),
 * without what a file cannot hold: functions, clocks and stores (a runtime's store comes from
 * `createRuntime({ store })`).
 */

/** `policies.retry`: the retry policy's options, `retryOn` as a list of codes. */
export const retryConfigSchema = retryOptionsSchema
  .omit({ random: true, sleep: true, now: true })
  .extend({ retryOn: retryOnCodesSchema.optional() });

/** `policies.timeout`. */
export const timeoutConfigSchema = timeoutOptionsSchema;

/** `policies.circuitBreaker`. */
export const circuitBreakerConfigSchema = circuitBreakerOptionsSchema.omit({ now: true, store: true });

/** `policies.rateLimit`. */
export const rateLimitConfigSchema = rateLimitOptionsSchema.omit({ now: true, sleep: true, store: true });

/** `policies.concurrency`. */
export const concurrencyConfigSchema = concurrencyOptionsSchema;

/** `policies.cache`. */
export const cacheConfigSchema = cacheOptionsSchema.omit({ now: true, store: true });

/** `policies.budget`, in USD and tokens (a caller's `scope` is per call: a file's would charge every call to one caller). */
export const budgetConfigSchema = budgetOptionsSchema.omit({
  store: true,
  now: true,
  onAlert: true,
  scope: true,
});

const optionsOrOff = <T extends z.ZodType>(schema: T) => z.union([schema, z.literal(false)]).optional();

/** Policy options, globally or per provider: each an options object or `false` to switch it off. */
export const policiesSchema = z.strictObject({
  retry: optionsOrOff(retryConfigSchema),
  timeout: optionsOrOff(timeoutConfigSchema),
  circuitBreaker: optionsOrOff(circuitBreakerConfigSchema),
  rateLimit: optionsOrOff(rateLimitConfigSchema),
  concurrency: optionsOrOff(concurrencyConfigSchema),
  cache: optionsOrOff(cacheConfigSchema),
  budget: optionsOrOff(budgetConfigSchema),
});

/** Policy options as written in a config file. */
export type PoliciesConfig = z.output<typeof policiesSchema>;
