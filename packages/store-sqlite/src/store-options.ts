import { isSecret, type PalError, type Secret, type TelemetrySink } from '@pal/core';
import { z } from '@pal/core/provider';

const fn = <T>(signature: string) =>
  z.custom<T>((value) => typeof value === 'function', { error: `expected a function ${signature}` });

const masterKeySchema = z.union([
  z.string().min(1),
  z.custom<Secret>((value) => isSecret(value), { error: 'expected a Secret' }),
  z.instanceof(Uint8Array),
]);

/** How the usage ledger batches its writes. */
export const ledgerOptionsSchema = z.strictObject({
  /** Pending rows are written at least this often, in ms. Default 250. */
  flushIntervalMs: z.number().int().positive().max(2_147_483_647).optional(),
  /** A batch is written once this many rows wait, and none is larger. Default 1000. */
  maxBatchRows: z.number().int().positive().optional(),
  /** Rows kept while writes fail (a full disk); the oldest are dropped past this. Default 100 000. */
  maxPendingRows: z.number().int().positive().optional(),
  /** Told of each failed write (which never reaches a request). */
  onError: fn<(error: PalError) => void>('(error: PalError) => void').optional(),
  /** Failed writes are also reported here, as `warning` events. */
  telemetry: z
    .custom<TelemetrySink>((value) => typeof (value as TelemetrySink | undefined)?.emit === 'function', {
      error: 'expected a TelemetrySink (an object with emit)',
    })
    .optional(),
});

/** The options of `openStore`. */
export const storeOptionsSchema = z.strictObject({
  /** The database file, created when missing (its directory must exist); `:memory:` for one in memory. */
  path: z.string().min(1),
  /**
   * The master key for credentials: base64 of 32 bytes (or a `Secret` holding it, or the bytes).
   * Default: `PAL_MASTER_KEY`, else the key file.
   */
  masterKey: masterKeySchema.optional(),
  /** The key file, created on first use with mode 0600. Default `<path>.key`. */
  keyFile: z.string().min(1).optional(),
  /** The store's clock (epoch ms): audit and settings times, state expiry, analytics' "now". Default `Date.now`. */
  clock: fn<() => number>('() => number (epoch ms)').optional(),
  /** How long to wait for another process's write lock, in ms. Default 5000. */
  busyTimeoutMs: z.number().int().nonnegative().optional(),
  /** Where `loadInto` resolves provider packages from. Default `process.cwd()`. */
  cwd: z.string().min(1).optional(),
  /** Where `PAL_MASTER_KEY` is read. Default `process.env`. */
  env: z.record(z.string(), z.string().optional()).optional(),
  ledger: ledgerOptionsSchema.optional(),
});

/** The options of `openStore`. */
export type StoreOptions = z.input<typeof storeOptionsSchema>;
