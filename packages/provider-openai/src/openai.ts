import { type ProviderAdapter, modelCatalogSchema } from '@pal/core';
import { createPooledFetch } from '@pal/core/http';
import OpenAI from 'openai';
import { catalog } from './catalog.generated.js';
import { type CommonOpenAIOptions, requireApiKey } from './client-options.js';
import { createOpenAIAdapter } from './openai-adapter.js';

/** Options for {@link openai}. */
export interface OpenAIOptions extends CommonOpenAIOptions {
  organization?: string;
  project?: string;
  /** `'chat'` (Chat Completions, default) or `'responses'` (the Responses API). */
  api?: 'chat' | 'responses';
  /** A ready-made SDK client (its retries are switched off per request). */
  client?: OpenAI;
}

/** OpenAI's built-in catalog, validated. */
export const openaiCatalog = modelCatalogSchema.parse(catalog);

/**
 * The OpenAI provider over the official `openai` SDK: chat, streaming with usage, tools,
 * JSON schema output, images in and out, embeddings, live model list.
 * @example
 * const runtime = createRuntime({ providers: [openai()] }); // reads OPENAI_API_KEY
 */
export function openai(options: OpenAIOptions = {}): ProviderAdapter {
  const id = options.id ?? 'openai';
  const client =
    options.client ??
    new OpenAI({
      apiKey: requireApiKey(id, options.apiKey, 'OPENAI_API_KEY'),
      baseURL: options.baseURL ?? process.env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1',
      organization: options.organization ?? null,
      project: options.project ?? null,
      defaultHeaders: options.headers,
      maxRetries: 0,
      timeout: 24 * 60 * 60 * 1000,
      fetch: createPooledFetch({ maxConnections: options.maxConnections ?? 64 }),
    });
  return createOpenAIAdapter({
    id,
    displayName: 'OpenAI',
    client,
    models: options.models ?? openaiCatalog.models,
    defaultModel: options.defaultModel ?? 'gpt-4o',
    api: options.api ?? 'chat',
    dialect: { maxTokensField: 'max_completion_tokens', streamUsage: true },
    capabilities: {
      streaming: true,
      tools: true,
      vision: true,
      json: true,
      embeddings: true,
      reasoning: true,
      imageGeneration: true,
    },
  });
}

/** Config-driven loading: `{ "package": "@pal/provider-openai" }` calls this. */
export const createProvider = openai;
