import type { Hooks, PolicySettings, ProviderAdapter, TelemetrySink } from '@pal/core';
import { z } from '@pal/core/provider';
import type { Logger } from 'pino';

const fnOrObject = <T>(check: (value: unknown) => boolean, error: string) => z.custom<T>(check, { error });

/** The options of `buildServer`: where the gateway keeps its data, what it reads, what it serves. */
export const serverOptionsSchema = z.strictObject({
  /** The data directory (the SQLite store, the admin token, the master key). Default `PAL_DATA_DIR`, else `.pal` in `cwd`. */
  dataDir: z.string().min(1).optional(),
  /**
   * A PAL config file (`provider-runtime.config.json`…): providers, policies, routing. Default: the
   * one in `cwd`, if any (`PAL_CONFIG` names another).
   */
  configFile: z.string().min(1).optional(),
  /** Where `PAL_*`, `HOST`, vendor keys are read. Default `process.env`. */
  env: fnOrObject<Record<string, string | undefined>>(
    (v) => typeof v === 'object' && v !== null,
    'expected an object of environment variables',
  ).optional(),
  /** Where relative paths start. Default `process.cwd()`. */
  cwd: z.string().min(1).optional(),
  /** The sandbox: emulated vendors, the `pal-sandbox` key, any key while none exists. Default false. */
  sandbox: z.boolean().optional(),
  /** Providers given as adapters (the sandbox's, tests'), registered before the config's and the store's. */
  providers: z
    .array(
      fnOrObject<ProviderAdapter>(
        (v) => typeof (v as ProviderAdapter | undefined)?.chat === 'function',
        'expected a ProviderAdapter',
      ),
    )
    .optional(),
  /** The admin token for `/api/*`. Default `PAL_ADMIN_TOKEN`, else the data directory's `admin-token` file (made on first start, 0600). */
  adminToken: z.string().min(16, 'an admin token needs at least 16 characters').optional(),
  /** The pino logger for JSON logs. Default: pino on stdout at `PAL_LOG_LEVEL` (info). */
  logger: fnOrObject<Logger>(
    (v) => typeof (v as Logger | undefined)?.child === 'function',
    'expected a pino Logger',
  ).optional(),
  /**
   * Log prompts and answers (masked by your `hooks` first, then PAL's secret masking). Default
   * false (`PAL_LOG_CONTENT=1` turns it on): logs hold no message content.
   */
  logContent: z.boolean().optional(),
  /** Request/response hooks (PII masking…), run before content logging. */
  hooks: z
    .array(fnOrObject<Hooks>((v) => typeof v === 'object' && v !== null, 'expected Hooks (an object)'))
    .optional(),
  /** Policy settings over the config file's (`{ retry: { maxAttempts: 1 } }`); budgets are the store's and the keys'. */
  policies: fnOrObject<PolicySettings>(
    (v) => typeof v === 'object' && v !== null,
    'expected policy settings',
  ).optional(),
  /** More telemetry sinks (an `otelSink` with your OpenTelemetry SDK), beside the ledger, Prometheus and the logs. */
  telemetry: z
    .array(
      fnOrObject<TelemetrySink>(
        (v) => typeof (v as TelemetrySink | undefined)?.emit === 'function',
        'expected a TelemetrySink',
      ),
    )
    .optional(),
  /** Largest request body (bytes); larger → 413. Default 4 MiB. */
  maxBodyBytes: z.number().int().positive().optional(),
  /** The usage ledger's write interval, ms. Default 250. */
  ledgerFlushMs: z.number().int().positive().optional(),
});

/** The options of `buildServer`. */
export type ServerOptions = z.input<typeof serverOptionsSchema>;
