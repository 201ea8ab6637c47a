import type { ModelInfo } from '@pal/core';
import { describe, expect, it } from 'vitest';
import { anthropic, anthropicCatalog } from './anthropic.js';

const options = { apiKey: 'sk-ant-test', baseURL: 'http://127.0.0.1:9' };

describe('anthropic() reports where its prices came from (ProviderAdapter.prices)', () => {
  it("the bundled catalog's: genai-prices under provider anthropic, so a live refresh re-prices it", () => {
    expect(anthropic(options).prices).toEqual(anthropicCatalog.prices);
    expect(anthropicCatalog.prices).toMatchObject({
      source: '@pydantic/genai-prices',
      provider: 'anthropic',
    });
  });

  it('models the caller gives are pinned: a refresh leaves their prices alone', () => {
    const own: ModelInfo = { ...anthropicCatalog.models[0]!, pricing: { inputPerMTok: 1, outputPerMTok: 1 } };
    expect(anthropic({ ...options, models: [own] }).prices?.pinned).toEqual([own.id]);
  });

  it('the default model is current and in the catalog', () => {
    const adapter = anthropic(options);
    const entry = anthropicCatalog.models.find((m) => m.id === adapter.defaultModel);
    expect(entry?.deprecated).not.toBe(true);
    expect(entry?.pricing?.inputPerMTok).toBeGreaterThan(0);
  });
});
