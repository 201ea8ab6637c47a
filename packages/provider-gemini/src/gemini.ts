import type { ModelInfo, ProviderAdapter, Secret } from '@pal/core';
import { catalogPricesFor, modelCatalogSchema, optionalSetting, requireSetting } from '@pal/core/provider';
import { catalog } from './catalog.generated.js';
import { createGeminiAdapter } from './gemini-adapter.js';
import { createGeminiClient, GEMINI_BASE_URL } from './gemini-client.js';

/** Options for {@link gemini}. */
export interface GeminiOptions {
  /** API key (a string or a `Secret`, as `loadConfig` passes it); defaults to `GEMINI_API_KEY`, then `GOOGLE_API_KEY`. */
  apiKey?: string | Secret;
  /** Base URL of the API without the version (default `https://generativelanguage.googleapis.com`). */
  baseURL?: string;
  /** API version path segment (default `v1beta`). */
  apiVersion?: string;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /** Replaces the built-in model catalog. */
  models?: ModelInfo[];
  /** Provider id used in model refs (`"<id>/<model>"`, default `"gemini"`). */
  id?: string;
  /** The model used when a request names only the provider (default `gemini-3.6-flash`). */
  defaultModel?: string;
  /** `batchEmbedContents` calls in flight at once for one `embed` (default 4). */
  embeddingConcurrency?: number;
}

/** The built-in Gemini catalog (prices from `@pydantic/genai-prices`, see the README), validated. */
export const geminiCatalog = modelCatalogSchema.parse(catalog);

/**
 * The Google Gemini provider over the official `@google/generative-ai` SDK: chat, streaming with
 * usage, function calling, JSON schema output, inline images, thinking, embeddings, live model list.
 * @example
 * const runtime = createRuntime({ providers: [gemini()] }); // reads GEMINI_API_KEY or GOOGLE_API_KEY
 */
export function gemini(options: GeminiOptions = {}): ProviderAdapter {
  const id = options.id ?? 'gemini';
  const apiKey = requireSetting({
    provider: id,
    value: options.apiKey,
    env: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'],
  });
  const baseURL = optionalSetting({ provider: id, value: options.baseURL, env: [], option: 'baseURL' });
  const models = options.models ?? geminiCatalog.models;
  return createGeminiAdapter({
    id,
    client: createGeminiClient({
      apiKey,
      ...(baseURL !== undefined && { baseURL }),
      ...(options.apiVersion !== undefined && { apiVersion: options.apiVersion }),
      ...(options.headers !== undefined && { headers: options.headers }),
    }),
    baseURL: baseURL ?? GEMINI_BASE_URL,
    models,
    prices: catalogPricesFor(geminiCatalog, models),
    defaultModel: options.defaultModel ?? 'gemini-3.6-flash',
    ...(options.embeddingConcurrency !== undefined && { embeddingConcurrency: options.embeddingConcurrency }),
  });
}

/** Config-driven loading: `{ "package": "@pal/provider-gemini" }` calls this. */
export const createProvider = gemini;
