import type { ModelCatalog, ProviderAdapter } from '@pal/core';
import { catalogPricesFor } from '@pal/core/provider';
import { catalog as groqCatalog } from './catalog-groq.generated.js';
import { catalog as openrouterCatalog } from './catalog-openrouter.generated.js';
import { catalog as togetherCatalog } from './catalog-together.generated.js';
import type { CommonOpenAIOptions } from './client-options.js';
import { openaiCompatible } from './openai-compatible.js';

/** A preset's models (the caller's, else its bundled catalog) and where their prices came from. */
function fromCatalog(catalog: ModelCatalog, o: CommonOpenAIOptions) {
  const models = o.models ?? catalog.models;
  return { models, prices: catalogPricesFor(catalog, models) };
}

/** Groq (GROQ_API_KEY). */
export const groq = (o: CommonOpenAIOptions = {}): ProviderAdapter =>
  openaiCompatible({
    id: 'groq',
    displayName: 'Groq',
    baseURL: 'https://api.groq.com/openai/v1',
    apiKeyEnv: 'GROQ_API_KEY',
    defaultModel: 'llama-3.3-70b-versatile',
    ...o,
    ...fromCatalog(groqCatalog, o),
  });

/** Together AI (TOGETHER_API_KEY). */
export const together = (o: CommonOpenAIOptions = {}): ProviderAdapter =>
  openaiCompatible({
    id: 'together',
    displayName: 'Together AI',
    baseURL: 'https://api.together.xyz/v1',
    apiKeyEnv: 'TOGETHER_API_KEY',
    embeddings: true,
    ...o,
    ...fromCatalog(togetherCatalog, o),
  });

/** OpenRouter (OPENROUTER_API_KEY). */
export const openrouter = (o: CommonOpenAIOptions = {}): ProviderAdapter =>
  openaiCompatible({
    id: 'openrouter',
    displayName: 'OpenRouter',
    baseURL: 'https://openrouter.ai/api/v1',
    apiKeyEnv: 'OPENROUTER_API_KEY',
    ...o,
    ...fromCatalog(openrouterCatalog, o),
  });

/** A vLLM server (default http://localhost:8000/v1, VLLM_BASE_URL; key optional: VLLM_API_KEY). Serves whatever model it loaded. */
export const vllm = (o: CommonOpenAIOptions = {}): ProviderAdapter =>
  openaiCompatible({
    id: 'vllm',
    displayName: 'vLLM',
    baseURL: process.env.VLLM_BASE_URL ?? 'http://localhost:8000/v1',
    apiKeyEnv: 'VLLM_API_KEY',
    requiresApiKey: false,
    embeddings: true,
    local: true,
    ...o,
  });
