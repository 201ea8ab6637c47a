import type { ModelInfo } from '@pal/core';
import { describe, expect, it } from 'vitest';
import { gemini, geminiCatalog } from './gemini.js';

const options = { apiKey: 'AIza-test', baseURL: 'http://127.0.0.1:9' };

describe('gemini() reports where its prices came from (ProviderAdapter.prices)', () => {
  it("the bundled catalog's: genai-prices under provider google, so a live refresh re-prices it", () => {
    expect(gemini(options).prices).toEqual(geminiCatalog.prices);
    expect(geminiCatalog.prices).toMatchObject({ source: '@pydantic/genai-prices', provider: 'google' });
  });

  it('models the caller gives are pinned: a refresh leaves their prices alone', () => {
    const own: ModelInfo = { ...geminiCatalog.models[0]!, pricing: { inputPerMTok: 1, outputPerMTok: 1 } };
    expect(gemini({ ...options, models: [own] }).prices?.pinned).toEqual([own.id]);
  });

  it('the default model is current and in the catalog', () => {
    const adapter = gemini(options);
    expect(adapter.defaultModel).toBe('gemini-3.6-flash');
    const entry = geminiCatalog.models.find((m) => m.id === adapter.defaultModel);
    expect(entry?.deprecated).not.toBe(true);
    expect(entry?.pricing?.inputPerMTok).toBeGreaterThan(0);
  });
});
