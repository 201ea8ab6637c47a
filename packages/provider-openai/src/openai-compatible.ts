import type { ProviderAdapter } from '@pal/core';
import { createPooledFetch } from '@pal/core/http';
import OpenAI from 'openai';
import { type CommonOpenAIOptions, requireApiKey } from './client-options.js';
import { createOpenAIAdapter } from './openai-adapter.js';
import type { ChatDialect } from './chat/to-chat-params.js';

/** Options for {@link openaiCompatible}. */
export interface OpenAICompatibleOptions extends CommonOpenAIOptions {
  id: string;
  displayName?: string;
  baseURL: string;
  /** Environment variable holding the key (ignored when `apiKey` is given). */
  apiKeyEnv?: string;
  /** Hosts that need no key (local vLLM) set this to false. */
  requiresApiKey?: boolean;
  dialect?: Partial<ChatDialect>;
  /** Whether the host embeds (`/v1/embeddings`). */
  embeddings?: boolean;
  local?: boolean;
}

/**
 * Any host that speaks OpenAI's Chat Completions (Groq, Together, vLLM, OpenRouter, LM Studio…),
 * through the official `openai` SDK pointed at `baseURL`.
 */
export function openaiCompatible(options: OpenAICompatibleOptions): ProviderAdapter {
  const apiKey =
    options.requiresApiKey === false
      ? (options.apiKey ?? (options.apiKeyEnv && process.env[options.apiKeyEnv]) ?? 'none')
      : requireApiKey(options.id, options.apiKey, options.apiKeyEnv ?? `${options.id.toUpperCase()}_API_KEY`);
  const client = new OpenAI({
    apiKey,
    baseURL: options.baseURL,
    defaultHeaders: options.headers,
    maxRetries: 0,
    timeout: 24 * 60 * 60 * 1000,
    fetch: createPooledFetch({ maxConnections: options.maxConnections ?? 64 }),
  });
  return createOpenAIAdapter({
    id: options.id,
    displayName: options.displayName ?? options.id,
    client,
    models: options.models ?? [],
    ...(options.defaultModel !== undefined && { defaultModel: options.defaultModel }),
    api: 'chat',
    dialect: { maxTokensField: 'max_tokens', streamUsage: true, ...options.dialect },
    capabilities: {
      streaming: true,
      tools: true,
      vision: true,
      json: true,
      embeddings: options.embeddings ?? false,
    },
    ...(options.local && { local: true }),
  });
}
