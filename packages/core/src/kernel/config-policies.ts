import type { LoadedConfig } from '../config/load-config.js';
import type { PolicySettings } from './policy-set.js';

/** The policy settings a runtime takes from a loaded configuration. */
export interface ConfigPolicies {
  /** `policies` at the top of the config. */
  global: PolicySettings | undefined;
  /** `providers.<id>.policies`. */
  forProvider(id: string): PolicySettings | undefined;
}

/** Reads global and per-provider policy settings out of a loaded configuration. */
export function policiesFromConfig(loaded: LoadedConfig | undefined): ConfigPolicies {
  return {
    global: loaded?.config.policies as PolicySettings | undefined,
    forProvider: (id) => loaded?.config.providers[id]?.policies as PolicySettings | undefined,
  };
}
