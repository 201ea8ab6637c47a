import { z } from 'zod';
import { count, countOrZero } from './option-schema.js';

/** The options of `concurrency()`, as a config's `policies.concurrency` holds them too. */
export const concurrencyOptionsSchema = z.strictObject({
  /** Calls in flight at once per provider. Default 10. */
  maxConcurrent: count().describe('Calls in flight at once per provider (default 10)').optional(),
  /** Calls allowed to wait for a slot per provider; more are refused with OVERLOADED. Default unlimited. */
  maxQueue: countOrZero()
    .describe(
      'Calls allowed to wait for a slot per provider; more are refused with OVERLOADED (default unlimited)',
    )
    .optional(),
});

/** Options of `concurrency()`. */
export type ConcurrencyOptions = z.input<typeof concurrencyOptionsSchema>;
