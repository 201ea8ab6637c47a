/**
 * The price data the catalogs are priced from: `@pydantic/genai-prices` (MIT, the Pydantic team),
 * read through its own `findProvider` (the package bundles its data file), turned back into the
 * plain JSON of its published `data.json` and validated with @pal/core's `priceDataSchema`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** `{ package, version, dataDate }` as recorded in price-source.json. */
export const PRICE_SOURCE = JSON.parse(readFileSync(join(here, 'price-source.json'), 'utf8'));

/** The installed package's version; it must be the one recorded (its data date goes with it). */
export function installedVersion() {
  const entry = require.resolve('@pydantic/genai-prices');
  let dir = dirname(entry);
  while (!dir.endsWith('genai-prices')) dir = dirname(dir);
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
}

/**
 * The providers `ids` (and the providers they fall back to) as price data, validated.
 * @param {string[]} ids genai-prices provider ids (`anthropic`, `google`, `aws`, …)
 * @param {{ priceDataSchema: import('zod').ZodType }} core the built @pal/core/provider module
 */
export async function loadPriceData(ids, core) {
  const version = installedVersion();
  if (version !== PRICE_SOURCE.version) {
    throw new Error(
      `@pydantic/genai-prices ${version} is installed but price-source.json records ${PRICE_SOURCE.version}: update its version and dataDate`,
    );
  }
  const { findProvider } = await import('@pydantic/genai-prices');
  const wanted = [...new Set(ids)];
  const providers = [];
  for (let i = 0; i < wanted.length; i++) {
    const provider = findProvider({ providerId: wanted[i] });
    if (!provider) throw new Error(`@pydantic/genai-prices has no provider "${wanted[i]}"`);
    providers.push(JSON.parse(JSON.stringify(provider)));
    for (const fallback of provider.fallback_model_providers ?? [])
      if (!wanted.includes(fallback)) wanted.push(fallback);
  }
  return core.priceDataSchema.parse(providers);
}
