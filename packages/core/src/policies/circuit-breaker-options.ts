import { z } from 'zod';
import { clock, count, durationMs, errorCodes, stateStore } from './option-schema.js';

/** The options of `circuitBreaker()`; a config's `policies.circuitBreaker` holds those a file can. */
export const circuitBreakerOptionsSchema = z.strictObject({
  /** Consecutive failures that open the circuit. Default 5. */
  failureThreshold: count().describe('Consecutive failures that open the circuit (default 5)').optional(),
  /** Successful half-open probes that close it again. Default 1. */
  successThreshold: count()
    .describe('Successful half-open probes that close it again (default 1)')
    .optional(),
  /** How long an open circuit rejects calls before letting a probe through. Default 30 000 ms. */
  cooldownMs: durationMs()
    .describe('How long an open circuit rejects calls before letting a probe through (ms, default 30000)')
    .optional(),
  /** Error codes that count as provider failures. Default `CIRCUIT_FAILURE_CODES`. */
  failureCodes: errorCodes().describe('Error codes that count as provider failures').optional(),
  /** Clock (epoch ms). Default `Date.now`. */
  now: clock().optional(),
  /** Where circuits live; share one (Redis) so a fleet shares its breakers. Default: in memory. */
  store: stateStore().optional(),
});

/** Options of `circuitBreaker()`. */
export type CircuitBreakerOptions = z.input<typeof circuitBreakerOptionsSchema>;
