import type { ModelInfo, ProviderAdapter } from '@pal/core';
import { optionalSetting, requireSetting } from '@pal/core/provider';
import { AzureOpenAI } from 'openai';
import { type CommonOpenAIOptions, sdkTransport } from './client-options.js';
import { createOpenAIAdapter, OPENAI_CAPABILITIES } from './openai-adapter.js';
import { openaiCatalog } from './openai.js';

/** Options for {@link azureOpenAI}. */
export interface AzureOpenAIOptions extends Omit<CommonOpenAIOptions, 'baseURL'> {
  /** `https://<resource>.openai.azure.com` (default env AZURE_OPENAI_ENDPOINT). */
  endpoint?: string;
  /** Alias of `endpoint` (the resource URL, without `/openai`): what a config file's `baseURL` sets. */
  baseURL?: string;
  /** Default env OPENAI_API_VERSION, else `2024-10-21`. */
  apiVersion?: string;
  /** Microsoft Entra ID token provider; used instead of an API key when given (sent as Bearer). */
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
 * @example
 * azureOpenAI({ endpoint: 'https://my-res.openai.azure.com', deployments: { 'prod-4o': 'gpt-4o' } })
 */
export function azureOpenAI(options: AzureOpenAIOptions = {}): ProviderAdapter {
  const id = options.id ?? 'azure';
  const client = new AzureOpenAI({
    endpoint: requireSetting({
      provider: id,
      value: options.endpoint ?? options.baseURL,
      env: ['AZURE_OPENAI_ENDPOINT'],
      option: options.endpoint === undefined && options.baseURL !== undefined ? 'baseURL' : 'endpoint',
    }),
    baseURL: null, // else the SDK reads OPENAI_BASE_URL (meant for openai()) and refuses it beside an endpoint
    apiVersion:
      optionalSetting({
        provider: id,
        value: options.apiVersion,
        env: ['OPENAI_API_VERSION'],
        option: 'apiVersion',
      }) ?? '2024-10-21',
    ...(options.azureADTokenProvider
      ? // an empty key keeps the SDK from reading AZURE_OPENAI_API_KEY, which it refuses beside a token provider
        { azureADTokenProvider: options.azureADTokenProvider, apiKey: '' }
      : { apiKey: requireSetting({ provider: id, value: options.apiKey, env: ['AZURE_OPENAI_API_KEY'] }) }),
    ...sdkTransport(options),
  });
  return createOpenAIAdapter({
    id,
    displayName: 'Azure OpenAI',
    client,
    models: options.models ?? deploymentModels(options.deployments ?? {}),
    defaultModel: options.defaultModel ?? Object.keys(options.deployments ?? {})[0],
    api: 'chat',
    dialect: { maxTokensField: 'max_completion_tokens', streamUsage: true },
    capabilities: OPENAI_CAPABILITIES,
    maxEmbeddingsPerCall: options.maxEmbeddingsPerCall,
    embeddingConcurrency: options.embeddingConcurrency,
  });
}
