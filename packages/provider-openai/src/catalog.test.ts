import { computeCost, createRuntime, type ModelInfo } from '@pal/core';
import { modelCatalogSchema } from '@pal/core/provider';
import { startEmulator } from '@pal/testkit';
import { describe, expect, it } from 'vitest';
import { catalog as groqCatalog } from './catalog-groq.generated.js';
import { catalog as openrouterCatalog } from './catalog-openrouter.generated.js';
import { catalog as togetherCatalog } from './catalog-together.generated.js';
import { azureOpenAI } from './azure-openai.js';
import { openai, openaiCatalog } from './openai.js';
import { groq, openrouter, together, vllm } from './presets.js';
import { TEST_KEY } from './openai.test-support.js';

function model(id: string): ModelInfo {
  const found = openaiCatalog.models.find((m) => m.id === id);
  if (!found) throw new Error(`${id} is not in the OpenAI catalog`);
  return found;
}

describe('OpenAI catalog', () => {
  it('is already in its validated form (the package does not parse it at import)', () => {
    expect(modelCatalogSchema.parse(openaiCatalog)).toEqual(openaiCatalog);
  });

  it('gpt-4o: 1,000 input + 500 output tokens cost exactly $0.0075 (seed 003)', () => {
    const cost = computeCost(
      { inputTokens: 1000, outputTokens: 500, totalTokens: 1500 },
      model('gpt-4o').pricing,
    );
    expect(cost).toEqual({ inputUsd: 0.0025, outputUsd: 0.005, totalUsd: 0.0075 });
  });

  it.each([
    ['gpt-4o', 2.5, 10],
    ['gpt-4o-mini', 0.15, 0.6],
    ['gpt-4-turbo', 10, 30],
    ['gpt-3.5-turbo', 0.5, 1.5],
  ])('%s is priced as in seed 002: $%s in / $%s out per 1M tokens', (id, input, output) => {
    expect(model(id).pricing).toMatchObject({ inputPerMTok: input, outputPerMTok: output });
  });

  it('seed 002 context windows: 128k for gpt-4o / gpt-4o-mini / gpt-4-turbo, 16k for gpt-3.5-turbo', () => {
    for (const id of ['gpt-4o', 'gpt-4o-mini', 'gpt-4-turbo']) expect(model(id).contextWindow).toBe(128_000);
    expect(model('gpt-3.5-turbo').contextWindow).toBe(16_385);
  });

  it('the runtime prices a call from the catalog: gpt-4o, 1,000 in / 500 out → $0.0075', async () => {
    const emu = await startEmulator('openai');
    const runtime = createRuntime({
      providers: [openai({ apiKey: TEST_KEY, baseURL: `${emu.url}/v1` })],
      policies: { retry: false },
    });
    try {
      emu.script({ text: 'ok', usage: { inputTokens: 1000, outputTokens: 500 } });
      const result = await runtime.chat({
        model: 'openai/gpt-4o',
        messages: [{ role: 'user', content: 'Hi' }],
      });
      expect(result.cost.totalUsd).toBe(0.0075);
    } finally {
      await runtime.close();
      await emu.close();
    }
  });

  it('embedding and image models are typed and priced', () => {
    expect(model('text-embedding-3-small')).toMatchObject({ kind: 'embedding', dimensions: 1536 });
    expect(model('text-embedding-3-small').pricing?.inputPerMTok).toBe(0.02);
    expect(model('dall-e-3')).toMatchObject({ kind: 'image', pricing: { perImage: 0.04 } });
    expect(model('o3-mini').capabilities.reasoning).toBe(true);
  });
});

describe('preset catalogs', () => {
  it.each([
    ['groq', groqCatalog],
    ['together', togetherCatalog],
    ['openrouter', openrouterCatalog],
  ])('%s: validates, and every chat model has a price and a real context window', (provider, catalog) => {
    const parsed = modelCatalogSchema.parse(catalog);
    expect(parsed.provider).toBe(provider);
    for (const m of parsed.models.filter((entry) => entry.kind === 'chat')) {
      // a model the price data does not list is unpriced (no pricing), never priced at $0
      if (m.pricing) {
        expect(m.pricing.inputPerMTok, m.id).toBeGreaterThan(0);
        expect(m.pricing.outputPerMTok, m.id).toBeGreaterThan(0);
      }
      expect(m.contextWindow, m.id).toBeGreaterThan(4096);
      expect(m.maxOutputTokens, m.id).toBeLessThanOrEqual(m.contextWindow);
    }
  });
});

describe('where the prices came from (ProviderAdapter.prices, for a live price refresh)', () => {
  const options = { apiKey: TEST_KEY, baseURL: 'http://127.0.0.1:9/v1' };

  it('openai() and each preset report their bundled catalog’s prices', () => {
    expect(openai(options).prices).toEqual(openaiCatalog.prices);
    expect(openaiCatalog.prices?.provider).toBe('openai');
    expect(groq(options).prices).toEqual(groqCatalog.prices);
    expect(together(options).prices).toEqual(togetherCatalog.prices);
    expect(openrouter(options).prices).toEqual(openrouterCatalog.prices);
  });

  it('models the caller gives are pinned (they keep their own prices); Azure deployments and vLLM report none', () => {
    const own = { ...model('gpt-5.4-mini'), pricing: { inputPerMTok: 1, outputPerMTok: 1 } };
    expect(openai({ ...options, models: [own] }).prices?.pinned).toEqual(['gpt-5.4-mini']);
    expect(groq({ ...options, models: [own] }).prices?.pinned).toEqual(['gpt-5.4-mini']);
    const azure = azureOpenAI({
      endpoint: 'http://127.0.0.1:9',
      apiKey: TEST_KEY,
      deployments: { prod: 'gpt-5.4' },
    });
    expect(azure.prices).toBeUndefined();
    expect(vllm({ baseURL: 'http://127.0.0.1:9/v1' }).prices).toBeUndefined();
  });

  it('the default model is current and in the catalog', () => {
    const adapter = openai(options);
    expect(adapter.defaultModel).toBe('gpt-5.4-mini');
    expect(model(adapter.defaultModel!).deprecated).not.toBe(true);
  });
});
