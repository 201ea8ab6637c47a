import type { ProviderAdapter } from '../contracts/adapter.js';
import type { ProviderRegistration } from '../registry/index.js';
import type { PolicySettings } from './policy-set.js';

/** The parts of a provider's configuration the runtime reads. */
export interface ProviderConfigEntry extends ProviderRegistration {
  id?: string;
  policies?: PolicySettings;
}

/**
 * The parts of a loaded configuration (`loadConfig()`'s `LoadedConfig`) the runtime
 * reads: the built adapters, global policies and per-provider policies and registration
 * (providers given as a map by id or as a list of entries with `id`).
 */
export interface RuntimeConfig {
  config: {
    policies?: PolicySettings;
    providers?: Record<string, ProviderConfigEntry | undefined> | ReadonlyArray<ProviderConfigEntry>;
  };
  providers: readonly ProviderAdapter[];
}

/** What the runtime takes from a configuration. */
export interface ConfigPolicies {
  global: PolicySettings | undefined;
  forProvider(id: string): PolicySettings | undefined;
  registration(id: string): ProviderRegistration | undefined;
}

/** Reads global and per-provider policy settings and registration options out of a configuration. */
export function policiesFromConfig(loaded: RuntimeConfig | undefined): ConfigPolicies {
  const providers = loaded?.config.providers;
  const entryFor = (id: string): ProviderConfigEntry | undefined => {
    if (!providers) return undefined;
    if (Array.isArray(providers))
      return (providers as ProviderConfigEntry[]).find((entry) => entry.id === id);
    return (providers as Record<string, ProviderConfigEntry | undefined>)[id];
  };
  return {
    global: loaded?.config.policies,
    forProvider: (id) => entryFor(id)?.policies,
    registration(id) {
      const entry = entryFor(id);
      if (!entry) return undefined;
      const registration: ProviderRegistration = {};
      if (entry.enabled !== undefined) registration.enabled = entry.enabled;
      if (entry.defaultModel !== undefined) registration.defaultModel = entry.defaultModel;
      if (entry.models !== undefined) registration.models = entry.models;
      if (entry.allowUnknownModels !== undefined) registration.allowUnknownModels = entry.allowUnknownModels;
      return registration;
    },
  };
}
