import { isPalError, type PalError, type ProviderRegistry, Secret } from '@pal/core';
import { loadProviderPackage } from '@pal/core/provider';
import type { StoreContext } from '../store-context.js';
import type { ModelOverrides } from './model-overrides.js';
import type { ProviderRecords } from './provider-records.js';

/** Options of `loadInto`. */
export interface LoadIntoOptions {
  /** Where provider packages are resolved from, as code there would import them. Default: the store's `cwd`. */
  cwd?: string;
  /**
   * Register the providers that load and report the others in `failed`, instead of failing on the
   * first (a package no longer installed, say). Default false: fail fast.
   */
  skipFailed?: boolean;
}

/** What `loadInto` did. */
export interface LoadIntoResult {
  /** Ids registered, in the order they were saved. */
  registered: string[];
  /** Providers that did not load (only with `skipFailed`), each with its CONFIG_ERROR. */
  failed: Array<{ id: string; error: PalError }>;
}

/**
 * Registers every saved, enabled provider in `target`'s registry (a runtime's, or a registry):
 * its package imported by name and its factory called as `loadConfig` does
 * (`loadProviderPackage`), with the saved options, `baseURL`, the API key as a `Secret` (other
 * credentials too, under their names), then registered with its default model and the saved
 * model overrides merged over the package's catalog. Credentials are decrypted here and handed to
 * the factory only.
 */
export async function loadInto(
  ctx: StoreContext,
  providers: ProviderRecords,
  models: ModelOverrides,
  target: { registry: ProviderRegistry } | ProviderRegistry,
  options: LoadIntoOptions = {},
): Promise<LoadIntoResult> {
  const registry = 'registry' in target ? target.registry : target;
  const result: LoadIntoResult = { registered: [], failed: [] };
  for (const row of providers.rows()) {
    if (row.enabled !== 1) continue;
    try {
      const credentials = providers.credentialsOf(row) ?? {};
      const { apiKey, ...others } = credentials;
      const adapter = await loadProviderPackage(
        {
          id: row.id,
          package: row.package,
          factory: row.factory,
          options: {
            ...(row.options_json !== null && (JSON.parse(row.options_json) as Record<string, unknown>)),
            ...Object.fromEntries(Object.entries(others).map(([name, value]) => [name, new Secret(value)])),
          },
          ...(apiKey !== undefined && { apiKey: new Secret(apiKey) }),
          ...(row.endpoint !== null && { baseURL: row.endpoint }),
        },
        { cwd: options.cwd ?? ctx.cwd, source: ctx.file },
      );
      const overrides = models.registryOverrides(row.id);
      registry.register(adapter, {
        ...(row.default_model !== null && { defaultModel: row.default_model }),
        ...(Object.keys(overrides).length > 0 && { models: overrides }),
      });
      result.registered.push(row.id);
    } catch (error) {
      if (!options.skipFailed || !isPalError(error)) throw error;
      result.failed.push({ id: row.id, error });
    }
  }
  return result;
}
