import {
  createRegistry,
  type LoadedConfig,
  type ModelOverride,
  type ProviderAdapter,
  type ProviderRegistration,
} from '@pal/core';
import type { SqliteStore } from '@pal/store-sqlite';
import type { Logger } from 'pino';
import { REAL_KEYS, realProvider, SANDBOX_VENDORS } from '../sandbox/sandbox-providers.js';

/** Where a provider the gateway serves comes from; a later source wins for the same id. */
export type ProviderSource = 'given' | 'env' | 'config' | 'store';

/** One provider as its source built it, before the gateway's own settings are laid over it. */
export interface SourcedProvider {
  source: ProviderSource;
  adapter: ProviderAdapter;
  registration: ProviderRegistration;
}

/** The vendors whose key in the environment serves them when there is no config file (`OPENAI_API_KEY=… pal serve`). */
export function envProviders(env: Record<string, string | undefined>): ProviderAdapter[] {
  return SANDBOX_VENDORS.filter((vendor) => REAL_KEYS[vendor].some((name) => env[name])).map(realProvider);
}

/** The config file's providers, with their entries' registration (enabled, default model, catalog overrides). */
export function configProviders(config: LoadedConfig | undefined): SourcedProvider[] {
  return (config?.providers ?? []).map((adapter) => {
    const entry = config?.config.providers[adapter.id];
    return {
      source: 'config',
      adapter,
      registration: {
        ...(entry?.enabled !== undefined && { enabled: entry.enabled }),
        ...(entry?.defaultModel !== undefined && { defaultModel: entry.defaultModel }),
        ...(entry?.models !== undefined && { models: entry.models }),
        ...(entry?.allowUnknownModels !== undefined && { allowUnknownModels: entry.allowUnknownModels }),
      },
    };
  });
}

/**
 * The store's saved, enabled providers, each built by its package with its decrypted credentials
 * (the store's `loadInto`, into a registry of their own) and registered with its default model and
 * the store's model overrides. One that fails to load (a package no longer installed) is logged
 * by id and code and left out.
 */
export async function storeProviders(
  store: SqliteStore,
  cwd: string,
  log: Logger,
): Promise<SourcedProvider[]> {
  const scratch = createRegistry();
  const loaded = await store.loadInto(scratch, { cwd, skipFailed: true });
  for (const { id, error } of loaded.failed)
    log.error(
      { pal: 'provider', provider: id, code: error.code },
      `saved provider ${id} did not load: ${error.message}`,
    );
  return loaded.registered.map((id) => {
    const saved = store.getProvider(id);
    const models: Record<string, ModelOverride> = {};
    for (const record of store.listModels(id)) {
      models[record.model] = {
        ...(record.displayName !== undefined && { displayName: record.displayName }),
        ...(record.contextWindow !== undefined && { contextWindow: record.contextWindow }),
        ...(record.maxOutputTokens !== undefined && { maxOutputTokens: record.maxOutputTokens }),
        ...(record.pricing && { pricing: record.pricing }),
        ...(record.streaming !== undefined && { capabilities: { streaming: record.streaming } }),
      };
    }
    return {
      source: 'store',
      adapter: scratch.get(id),
      registration: {
        ...(saved?.defaultModel !== undefined && { defaultModel: saved.defaultModel }),
        ...(Object.keys(models).length > 0 && { models }),
      },
    };
  });
}
