import type { ModelCatalog, ProviderAdapter } from '@pal/core';
import { catalogPricesFor, optionalSetting, requireSetting } from '@pal/core/provider';
import OpenAI from 'openai';
import { catalog } from './catalog.generated.js';
import { type CommonOpenAIOptions, sdkTransport } from './client-options.js';
import { createOpenAIAdapter, OPENAI_CAPABILITIES } from './openai-adapter.js';
import { openaiAlternative } from './openai-errors.js';

/** Options for {@link openai}. */
export interface OpenAIOptions extends CommonOpenAIOptions {
  /** OpenAI organization id, sent as `OpenAI-Organization` (default env OPENAI_ORG_ID). */
  organization?: string;
  /** OpenAI project id, sent as `OpenAI-Project` (default env OPENAI_PROJECT_ID). */
  project?: string;
  /** `'chat'` (Chat Completions, default) or `'responses'` (the Responses API). */
  api?: 'chat' | 'responses';
  /** A ready-made SDK client; PAL still sends every request with `maxRetries: 0`. */
  client?: OpenAI;
}

/**
 * OpenAI's built-in catalog. Generated in its validated form (typed as `ModelCatalog`; the catalog
 * test parses it with `modelCatalogSchema`), so importing the package does not validate it again.
 */
export const openaiCatalog: ModelCatalog = catalog;

/**
 * The OpenAI provider over the official `openai` SDK: chat, streaming with usage, tools,
 * JSON schema output, images in and out, embeddings, live model list. Reads OPENAI_API_KEY
 * and OPENAI_BASE_URL when the options do not say.
 * @example
 * const runtime = createRuntime({ providers: [openai()] });
 */
export function openai(options: OpenAIOptions = {}): ProviderAdapter {
  const id = options.id ?? 'openai';
  const client =
    options.client ??
    new OpenAI({
      apiKey: requireSetting({ provider: id, value: options.apiKey, env: ['OPENAI_API_KEY'] }),
      baseURL:
        optionalSetting({
          provider: id,
          value: options.baseURL,
          env: ['OPENAI_BASE_URL'],
          option: 'baseURL',
        }) ?? 'https://api.openai.com/v1',
      ...sdkTransport(options),
      organization: options.organization ?? process.env.OPENAI_ORG_ID ?? null,
      project: options.project ?? process.env.OPENAI_PROJECT_ID ?? null,
    });
  const models = options.models ?? openaiCatalog.models;
  return createOpenAIAdapter({
    id,
    displayName: 'OpenAI',
    client,
    models,
    prices: catalogPricesFor(openaiCatalog, models),
    defaultModel: options.defaultModel ?? 'gpt-5.4-mini',
    api: options.api ?? 'chat',
    dialect: { maxTokensField: 'max_completion_tokens', streamUsage: true },
    capabilities: OPENAI_CAPABILITIES,
    maxEmbeddingsPerCall: options.maxEmbeddingsPerCall,
    embeddingConcurrency: options.embeddingConcurrency,
    alternativeModel: openaiAlternative,
  });
}

/** Config-driven loading: `{ "package": "@pal/provider-openai" }` calls this. */
export const createProvider = openai;
