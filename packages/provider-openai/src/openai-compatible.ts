import type { CatalogPrices, ProviderAdapter } from '@pal/core';
import { optionalSetting, requireSetting } from '@pal/core/provider';
import OpenAI from 'openai';
import type { ChatDialect } from './chat/to-chat-params.js';
import { type CommonOpenAIOptions, sdkTransport } from './client-options.js';
import { createOpenAIAdapter } from './openai-adapter.js';

/** Options for {@link openaiCompatible}. */
export interface OpenAICompatibleOptions extends CommonOpenAIOptions {
  /** Provider id used in model refs (`"groq/llama-3.3-70b-versatile"`). */
  id: string;
  /** Human name (default: the id). */
  displayName?: string;
  /** The host's OpenAI-style base URL, with its `/v1`. */
  baseURL: string;
  /** Environment variable holding the key (ignored when `apiKey` is given); default `<ID>_API_KEY`. */
  apiKeyEnv?: string;
  /** Hosts that need no key (local vLLM) set this to false. */
  requiresApiKey?: boolean;
  /** Where the host's Chat Completions differs from OpenAI's (default: `max_tokens`, usage in streams). */
  dialect?: Partial<ChatDialect>;
  /** Whether the host embeds (`/v1/embeddings`). */
  embeddings?: boolean;
  /** True for hosts on the user's own machine (free and private). */
  local?: boolean;
  /**
   * Where `models`' prices came from, so a live price refresh (`pricing.intervalHours`) re-prices
   * them (see `catalogPricesFor` in `@pal/core/provider`); without it they keep their prices.
   */
  prices?: CatalogPrices;
}

/**
 * Any host that speaks OpenAI's Chat Completions (Groq, Together, vLLM, OpenRouter, LM Studio…),
 * through the official `openai` SDK pointed at `baseURL`.
 * @example
 * openaiCompatible({ id: 'lmstudio', baseURL: 'http://localhost:1234/v1', requiresApiKey: false })
 */
export function openaiCompatible(options: OpenAICompatibleOptions): ProviderAdapter {
  const apiKeyEnv = options.apiKeyEnv ?? `${options.id.toUpperCase().replace(/\W/g, '_')}_API_KEY`;
  const key = { provider: options.id, value: options.apiKey, env: [apiKeyEnv] };
  const apiKey = options.requiresApiKey === false ? (optionalSetting(key) ?? 'none') : requireSetting(key);
  const baseURL = requireSetting({
    provider: options.id,
    value: options.baseURL,
    env: [],
    option: 'baseURL',
  });
  const client = new OpenAI({ apiKey, baseURL, ...sdkTransport(options) });
  return createOpenAIAdapter({
    id: options.id,
    displayName: options.displayName ?? options.id,
    client,
    models: options.models ?? [],
    defaultModel: options.defaultModel,
    api: 'chat',
    dialect: { maxTokensField: 'max_tokens', streamUsage: true, ...options.dialect },
    capabilities: {
      streaming: true,
      tools: true,
      vision: true,
      json: true,
      embeddings: options.embeddings ?? false,
    },
    local: options.local,
    ...(options.prices && { prices: options.prices }),
    maxEmbeddingsPerCall: options.maxEmbeddingsPerCall,
    embeddingConcurrency: options.embeddingConcurrency,
  });
}
