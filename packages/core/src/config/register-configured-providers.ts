import type { ProviderRegistry } from '../registry/types.js';
import type { LoadedConfig } from './load-config.js';

/**
 * Registers every adapter of a loaded config in `registry`, with its entry's
 * `enabled`, `defaultModel` and catalog overrides (`models`).
 */
export function registerConfiguredProviders(registry: ProviderRegistry, loaded: LoadedConfig): void {
  for (const adapter of loaded.providers) {
    const entry = loaded.config.providers[adapter.id];
    registry.register(adapter, {
      ...(entry?.enabled !== undefined && { enabled: entry.enabled }),
      ...(entry?.defaultModel !== undefined && { defaultModel: entry.defaultModel }),
      ...(entry?.models !== undefined && { models: entry.models }),
      ...(entry?.allowUnknownModels !== undefined && { allowUnknownModels: entry.allowUnknownModels }),
    });
  }
}
