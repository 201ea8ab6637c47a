import { z } from 'zod';
import { timerMs } from './option-schema.js';

/** The options of `timeout()`, as a config's `policies.timeout` holds them too. */
export const timeoutOptionsSchema = z.strictObject({
  /** The whole call (every attempt and back-off) must finish within this. */
  totalMs: timerMs()
    .describe('The whole call, every attempt and back-off included, must finish within this (ms)')
    .optional(),
  /** A stream fails when no event arrives for this long. */
  idleMs: timerMs().describe('A stream fails when no event arrives for this long (ms)').optional(),
});

/** Options of `timeout()`. */
export type TimeoutOptions = z.input<typeof timeoutOptionsSchema>;
