export { type ConfigIssue, configError, configErrorFromIssues } from './config-error.js';
export { configJsonSchema } from './config-json-schema.js';
export {
  configSchema,
  defineConfig,
  type EnvironmentProfile,
  type EnvReference,
  environmentProfileSchema,
  envReferenceSchema,
  modelOverrideSchema,
  type PalConfig,
  type PalConfigInput,
  type ProviderConfig,
  providerConfigSchema,
  ROUTING_STRATEGIES,
  type RoutingConfig,
  routingSchema,
} from './config-schema.js';
export { deepMerge } from './deep-merge.js';
export { type LoadConfigOptions, type LoadedConfig, loadConfig } from './load-config.js';
export type { ProviderFactory, ProviderFactoryOptions } from './load-providers.js';
export * from './policy-schemas.js';
export { CONFIG_FILE_NAMES, findConfigFile } from './read-config-file.js';
export { registerConfiguredProviders } from './register-configured-providers.js';
export {
  optionalSetting,
  type RequiredSetting,
  requireSetting,
  type SettingKind,
} from './require-setting.js';
export type { ResolvedConfig, ResolvedProviderConfig } from './resolve-env-references.js';
export { resolvePackageEntry } from './resolve-package.js';
export { isSecret, revealSecret, Secret } from './secret.js';
