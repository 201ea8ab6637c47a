import type { ProviderRegistry } from '@pal/core';
import { z } from '@pal/core/provider';
import type { Registry } from 'prom-client';

/** Options of `prometheusSink`. */
export const prometheusSinkOptionsSchema = z.strictObject({
  /** The prom-client registry to register PAL's metrics in (e.g. prom-client's global `register`). Default: a new one. */
  registry: z
    .custom<Registry>((value) => typeof (value as Registry | undefined)?.registerMetric === 'function', {
      error: 'expected a prom-client Registry',
    })
    .optional(),
  /** Prefix of every metric name. Default `pal_`. */
  prefix: z
    .string()
    .regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, 'a Prometheus metric name prefix: letters, digits, _ and :')
    .optional(),
  /**
   * The PAL registry whose providers and models may appear as label values (the runtime's
   * `registry`): any other value is `other`. Without it, at most `maxLabelValues` providers and
   * models each get a label of their own.
   */
  models: z
    .custom<Pick<ProviderRegistry, 'has' | 'getModelInfo'>>(
      (value) =>
        typeof (value as ProviderRegistry | undefined)?.has === 'function' &&
        typeof (value as ProviderRegistry | undefined)?.getModelInfo === 'function',
      { error: 'expected a PAL ProviderRegistry (runtime.registry or createRegistry())' },
    )
    .optional(),
  /** Without `models`: how many distinct providers, and models, become labels before the rest are `other`. Default 100. */
  maxLabelValues: z.number().int().positive().optional(),
});

/** Options of `prometheusSink`. */
export type PrometheusSinkOptions = z.input<typeof prometheusSinkOptionsSchema>;
