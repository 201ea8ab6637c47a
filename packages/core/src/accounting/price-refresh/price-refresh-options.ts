import { z } from 'zod';
import { timerMs } from '../../policies/option-schema.js';

/** Where the published genai-prices data lives: what a refresh fetches when `refreshUrl` is left out. */
export const DEFAULT_PRICE_DATA_URL =
  'https://raw.githubusercontent.com/pydantic/genai-prices/main/prices/new_data/v2/data.json';

/** How long one fetch of the price data may take by default, in ms. */
export const DEFAULT_PRICE_REFRESH_TIMEOUT_MS = 30_000;

/**
 * `pricing`: live price refresh, off unless set. The runtime then fetches the price data published
 * by `@pydantic/genai-prices` (its `data.json`, at `refreshUrl`), validates it, and re-prices the
 * registered providers' catalog models from it: each model is looked up under its adapter's
 * `prices.provider`; models the data does not list keep their bundled price, and a config or
 * registry price override still wins. It refreshes every `intervalHours`; any failure keeps the
 * last good copy (or the bundled prices) and is reported as a `pricing-refresh` telemetry event.
 * The last good copy is kept in the runtime's `store` too, so a restart or another instance starts
 * from it. Calls never wait for a refresh.
 *
 * Set in the config file (`"pricing"`, environment profiles too) or in code
 * (`createRuntime({ pricing })`, over the config's key by key).
 *
 * @example
 * ```ts
 * const pal = createRuntime({ providers: [anthropic(), openai()], pricing: { intervalHours: 24 } });
 * const outcome = await pal.pricing.refresh(); // { outcome: 'ok', models: 42, … }
 * console.log(pal.pricing.status().lastSuccessAt);
 * ```
 */
export const priceRefreshOptionsSchema = z.strictObject({
  refreshUrl: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .describe(`The price data to fetch (genai-prices' data.json format; default ${DEFAULT_PRICE_DATA_URL})`)
    .optional(),
  intervalHours: z
    .number()
    .positive()
    .describe('Hours between refreshes (fractions allowed); the first runs when the runtime starts'),
  timeoutMs: timerMs()
    .describe(`Each fetch must finish within this (ms; default ${DEFAULT_PRICE_REFRESH_TIMEOUT_MS})`)
    .optional(),
});

/** Options of live price refresh (`pricing`); see {@link priceRefreshOptionsSchema}. */
export type PriceRefreshOptions = z.input<typeof priceRefreshOptionsSchema>;
