#!/usr/bin/env node
/**
 * Generates `packages/provider-<name>/src/catalog*.generated.ts` from each provider's checked-in
 * `catalog/*.json` overrides: prices from @pydantic/genai-prices (the version recorded in
 * price-source.json), context windows and capabilities from the LiteLLM table in ./data (MIT; see
 * data/SOURCE.md; `$PAL_PRICES_JSON` replaces it), validated with @pal/core's `modelCatalogSchema`.
 *
 *   node tooling/catalog/generate.mjs <provider> [<provider>...]   write catalogs
 *   node tooling/catalog/generate.mjs --all [--check]              all providers; --check fails when stale
 *
 * See build-catalog.mjs for the overrides' fields.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildCatalog, renderCatalogModule } from './build-catalog.mjs';
import { loadPriceData, PRICE_SOURCE } from './price-source.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..');
const dataPath = process.env.PAL_PRICES_JSON ?? join(here, 'data', 'litellm-model-prices.json');

const args = process.argv.slice(2);
const check = args.includes('--check');
const providers = args.includes('--all')
  ? readdirSync(join(repoRoot, 'packages'))
      .filter((d) => existsSync(join(repoRoot, 'packages', d, 'catalog')))
      .map((d) => d.replace(/^provider-/, ''))
  : args.filter((a) => !a.startsWith('--'));
if (providers.length === 0) {
  console.error('usage: generate.mjs <provider>... | --all [--check]');
  process.exit(2);
}
if (!existsSync(dataPath)) {
  console.error(`LiteLLM table not found at ${dataPath} (set PAL_PRICES_JSON)`);
  process.exit(2);
}
const litellm = JSON.parse(readFileSync(dataPath, 'utf8'));
const coreDist = join(repoRoot, 'packages', 'core', 'dist', 'provider.js');
if (!existsSync(coreDist)) {
  console.error('build @pal/core first: pnpm --filter @pal/core build');
  process.exit(2);
}
const core = await import(pathToFileURL(coreDist).href);

/** Every catalog of a provider package: `catalog/overrides.json` → `src/catalog.generated.ts` (provider
 * `<package>`), `catalog/<id>.json` → `src/catalog-<id>.generated.ts` (provider `<id>`, e.g. presets). */
function catalogsOf(pkg) {
  const dir = join(repoRoot, 'packages', `provider-${pkg}`);
  return readdirSync(join(dir, 'catalog'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => {
      const name = f.slice(0, -'.json'.length);
      const main = name === 'overrides';
      return {
        provider: main ? pkg : name,
        input: join(dir, 'catalog', f),
        output: join(dir, 'src', main ? 'catalog.generated.ts' : `catalog-${name}.generated.ts`),
      };
    });
}

const catalogs = providers
  .flatMap(catalogsOf)
  .map((c) => ({ ...c, overrides: JSON.parse(readFileSync(c.input, 'utf8')) }));
const priceData = await loadPriceData(
  catalogs.flatMap((c) => (c.overrides.prices ? [c.overrides.prices] : [])),
  core,
);

let stale = 0;
for (const { provider, input, output: out, overrides } of catalogs) {
  const catalog = buildCatalog({
    provider,
    litellm,
    priceData,
    priceSource: PRICE_SOURCE,
    core,
    overrides,
    overridesPath: relative(repoRoot, input),
  });
  const parsed = core.modelCatalogSchema.safeParse(catalog);
  if (!parsed.success) {
    console.error(`${provider}: invalid catalog`);
    for (const issue of parsed.error.issues) console.error(`  ${issue.path.join('.')}: ${issue.message}`);
    process.exit(1);
  }
  const text = renderCatalogModule(parsed.data);
  if (check) {
    const current = existsSync(out) ? readFileSync(out, 'utf8') : '';
    if (current !== text) {
      console.error(`${relative(repoRoot, out)} is stale: run node tooling/catalog/generate.mjs --all`);
      stale++;
    }
  } else {
    writeFileSync(out, text);
    console.log(`${relative(repoRoot, out)}: ${parsed.data.models.length} models`);
  }
}
process.exit(stale > 0 ? 1 : 0);
