/**
 * Every generated catalog price, checked against the price data's own calculator: for each model
 * priced from @pydantic/genai-prices, PAL's `computeCost` over the catalog's `Pricing` must give
 * what the package's `calcPrice` gives for the same usage, on the same date — plain calls, cache
 * reads, 5-minute and 1-hour cache writes, and prompts above the 200k and 272k tiers. This is what
 * makes the conversion (tiers, dated changes, cache keys) trustworthy, and it runs on the catalogs
 * as they are checked in.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { computeCost, type ModelCatalog, type Usage } from '@pal/core';
import * as core from '@pal/core/provider';
import { calcPrice } from '@pydantic/genai-prices';
import { describe, expect, it } from 'vitest';
import { buildCatalog, renderCatalogModule } from '../build-catalog.mjs';
import { loadPriceData, PRICE_SOURCE } from '../price-source.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..', '..');
const litellm = JSON.parse(readFileSync(join(here, '..', 'data', 'litellm-model-prices.json'), 'utf8'));

interface CatalogFile {
  provider: string;
  input: string;
  output: string;
  overrides: {
    prices?: string;
    models: Record<string, { priceId?: string; pricing?: unknown; unpriced?: boolean }>;
  };
}

function catalogFiles(): CatalogFile[] {
  return readdirSync(join(repoRoot, 'packages'))
    .filter((dir) => dir.startsWith('provider-'))
    .flatMap((dir) => {
      const pkg = dir.replace(/^provider-/, '');
      let files: string[] = [];
      try {
        files = readdirSync(join(repoRoot, 'packages', dir, 'catalog')).filter((f) => f.endsWith('.json'));
      } catch {
        return [];
      }
      return files.map((f) => {
        const name = f.slice(0, -'.json'.length);
        const main = name === 'overrides';
        return {
          provider: main ? pkg : name,
          input: join(repoRoot, 'packages', dir, 'catalog', f),
          output: join(
            repoRoot,
            'packages',
            dir,
            'src',
            main ? 'catalog.generated.ts' : `catalog-${name}.generated.ts`,
          ),
          overrides: JSON.parse(readFileSync(join(repoRoot, 'packages', dir, 'catalog', f), 'utf8')),
        };
      });
    });
}

const files = catalogFiles();
const priceData = await loadPriceData(
  files.flatMap((f) => (f.overrides.prices ? [f.overrides.prices] : [])),
  core,
);
const at = new Date(`${PRICE_SOURCE.dataDate}T12:00:00Z`);

function built(file: CatalogFile): ModelCatalog {
  return core.modelCatalogSchema.parse(
    buildCatalog({
      provider: file.provider,
      litellm,
      priceData,
      priceSource: PRICE_SOURCE,
      core,
      overrides: file.overrides,
      overridesPath: file.input.slice(repoRoot.length + 1),
    }),
  ) as ModelCatalog;
}

/** Usages that touch every rate: plain, cache reads, both cache-write lifetimes, reasoning, long prompts. */
const usages: Array<{ name: string; usage: Usage; genai: Record<string, number> }> = [
  {
    name: '1,000 in / 500 out',
    usage: { inputTokens: 1000, outputTokens: 500, totalTokens: 1500 },
    genai: { input_tokens: 1000, output_tokens: 500 },
  },
  {
    name: 'cache reads and writes (5 min and 1 h)',
    usage: {
      inputTokens: 10_000,
      outputTokens: 800,
      totalTokens: 10_800,
      cachedInputTokens: 4000,
      cacheWriteTokens: 3000,
      cacheWrite1hTokens: 1000,
    },
    genai: {
      input_tokens: 10_000,
      output_tokens: 800,
      cache_read_tokens: 4000,
      cache_write_tokens: 3000,
      cache_write_1h_tokens: 1000,
    },
  },
  {
    name: 'a 250k-token prompt (above the 200k tier)',
    usage: { inputTokens: 250_000, outputTokens: 2000, totalTokens: 252_000, cachedInputTokens: 50_000 },
    genai: { input_tokens: 250_000, output_tokens: 2000, cache_read_tokens: 50_000 },
  },
  {
    name: 'a 300k-token prompt (above the 272k tier)',
    usage: { inputTokens: 300_000, outputTokens: 1000, totalTokens: 301_000 },
    genai: { input_tokens: 300_000, output_tokens: 1000 },
  },
];

describe('generated catalogs', () => {
  it.each(files.map((f) => [f.output.slice(repoRoot.length + 1), f] as const))(
    '%s is what the generator writes today (run node tooling/catalog/generate.mjs --all)',
    (_, file) => {
      expect(readFileSync(file.output, 'utf8')).toBe(renderCatalogModule(built(file)));
    },
  );

  it('records the price data package, version and date in every priced catalog', () => {
    for (const file of files.filter((f) => f.overrides.prices)) {
      const { pinned, ...prices } = built(file).prices;
      expect(prices).toEqual({
        source: '@pydantic/genai-prices',
        version: PRICE_SOURCE.version,
        dataDate: PRICE_SOURCE.dataDate,
        provider: file.overrides.prices,
      });
      // hand-priced models (given `pricing`) are pinned, so a live refresh leaves them as typed
      const handPriced = Object.entries(file.overrides.models).flatMap(([id, o]) =>
        o.pricing !== undefined || o.priceId !== undefined ? [id] : [],
      );
      expect(pinned ?? []).toEqual(handPriced);
    }
    const bedrock = files.find((f) => f.overrides.prices === 'aws');
    expect(built(bedrock).prices.pinned).toEqual(['amazon.titan-embed-text-v2:0']);
  });
});

const priced = files
  .filter((f) => f.overrides.prices)
  .flatMap((file) =>
    built(file)
      .models.filter((m) => {
        const o = file.overrides.models[m.id];
        return m.pricing && !o?.pricing && !o?.unpriced && m.pricing.perImage === undefined;
      })
      .map((m) => ({ file, model: m, lookup: file.overrides.models[m.id]?.priceId ?? m.id })),
  );

describe('catalog prices agree with @pydantic/genai-prices calcPrice', () => {
  it('covers the catalogs (at least 3 priced models per provider)', () => {
    for (const provider of ['anthropic', 'openai', 'gemini', 'bedrock']) {
      expect(priced.filter((p) => p.file.provider === provider).length).toBeGreaterThanOrEqual(3);
    }
  });

  it.each(priced.map((p) => [`${p.file.provider}/${p.model.id}`, p] as const))(
    '%s',
    (_, { file, model, lookup }) => {
      for (const { name, usage, genai } of usages) {
        const reference = calcPrice(genai, lookup, { providerId: file.overrides.prices, timestamp: at });
        expect(reference, `${name}: calcPrice found no price`).not.toBeNull();
        const ours = computeCost(usage, model.pricing, at);
        expect(ours.inputUsd, `${name}: input`).toBeCloseTo(reference?.input_price ?? Number.NaN, 9);
        expect(ours.outputUsd, `${name}: output`).toBeCloseTo(reference?.output_price ?? Number.NaN, 9);
        expect(ours.totalUsd, `${name}: total`).toBeCloseTo(reference?.total_price ?? Number.NaN, 9);
      }
    },
  );
});
