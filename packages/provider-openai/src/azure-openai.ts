import type { ModelInfo, ProviderAdapter } from '@pal/core';
import { createPooledFetch } from '@pal/core/http';
import { AzureOpenAI } from 'openai';
import { type CommonOpenAIOptions, requireApiKey } from './client-options.js';
import { createOpenAIAdapter } from './openai-adapter.js';
import { openaiCatalog } from './openai.js';

/** Options for {@link azureOpenAI}. */
export interface AzureOpenAIOptions extends Omit<CommonOpenAIOptions, 'baseURL'> {
  /** `https://<resource>.openai.azure.com` (default env AZURE_OPENAI_ENDPOINT). */
  endpoint?: string;
  /** Default env OPENAI_API_VERSION, else `2024-10-21`. */
  apiVersion?: string;
  /** Microsoft Entra ID token provider; used instead of an API key when given. */
  azureADTokenProvider?: () => Promise<string>;
  /** Your deployment names and the OpenAI model each serves, for pricing: `{ "prod-4o": "gpt-4o" }`. */
  deployments?: Record<string, string>;
}

/** Catalog entries for deployments, copied from the OpenAI model each one serves. */
function deploymentModels(deployments: Record<string, string>): ModelInfo[] {
  return Object.entries(deployments).flatMap(([deployment, model]) => {
    const base = openaiCatalog.models.find((m) => m.id === model);
    return base ? [{ ...base, id: deployment, displayName: `${base.displayName} (${deployment})` }] : [];
  });
}

/**
 * Azure OpenAI over the official SDK's `AzureOpenAI` client. Model ids in requests are
 * deployment names (`"azure/prod-4o"`); auth by `api-key` or an Entra token provider.
 */
export function azureOpenAI(options: AzureOpenAIOptions = {}): ProviderAdapter {
  const id = options.id ?? 'azure';
  const endpoint = options.endpoint ?? process.env.AZURE_OPENAI_ENDPOINT;
  const client = new AzureOpenAI({
    endpoint: requireApiKey(id, endpoint, 'AZURE_OPENAI_ENDPOINT'),
    apiVersion: options.apiVersion ?? process.env.OPENAI_API_VERSION ?? '2024-10-21',
    ...(options.azureADTokenProvider
      ? { azureADTokenProvider: options.azureADTokenProvider }
      : { apiKey: requireApiKey(id, options.apiKey, 'AZURE_OPENAI_API_KEY') }),
    defaultHeaders: options.headers,
    maxRetries: 0,
    timeout: 24 * 60 * 60 * 1000,
    fetch: createPooledFetch({ maxConnections: options.maxConnections ?? 64 }),
  });
  return createOpenAIAdapter({
    id,
    displayName: 'Azure OpenAI',
    client,
    models: options.models ?? deploymentModels(options.deployments ?? {}),
    ...(options.defaultModel !== undefined && { defaultModel: options.defaultModel }),
    api: 'chat',
    dialect: { maxTokensField: 'max_completion_tokens', streamUsage: true },
    capabilities: {
      streaming: true,
      tools: true,
      vision: true,
      json: true,
      embeddings: true,
      imageGeneration: true,
    },
  });
}
