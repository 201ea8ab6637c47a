import { resolve } from 'node:path';
import type { ProviderAdapter } from '../contracts/adapter.js';
import { configError, configErrorFromIssues } from './config-error.js';
import { configSchema, type EnvironmentProfile, type PalConfig } from './config-schema.js';
import { deepMerge } from './deep-merge.js';
import { applyEnvOverrides } from './env-overrides.js';
import { loadProviders } from './load-providers.js';
import { CONFIG_FILE_NAMES, findConfigFile, readConfigFile } from './read-config-file.js';
import { type ResolvedConfig, resolveEnvReferences } from './resolve-env-references.js';

/** Options for `loadConfig`. */
export interface LoadConfigOptions {
  /** Where credentials and overrides are read from. Default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Where the config file is looked for and provider packages are resolved from. Default `process.cwd()`. */
  cwd?: string;
  /** The environment profile to apply; default `PAL_ENV`, then `NODE_ENV`. */
  environment?: string;
  /** Skip importing provider packages (validate and resolve only). Default false. */
  skipProviders?: boolean;
}

/** A loaded configuration: validated, profile applied, credentials resolved, provider adapters built. */
export interface LoadedConfig {
  config: ResolvedConfig;
  /** One adapter per enabled provider entry that names a `package`, in config order. */
  providers: ProviderAdapter[];
  /** The environment profile applied, if any was selected. */
  environment?: string;
  /** The file the config came from (undefined for an object or when no file exists). */
  source?: string;
  /**
   * Set when `loadConfig()` was called without a path or object and no config file was found in
   * `cwd`: the config is then empty (plus env overrides), and `message` says where it looked.
   */
  notFound?: { cwd: string; searched: string[]; message: string };
  /** Secret-free summary (keys masked, adapters by id). */
  toJSON(): Record<string, unknown>;
}

function validate(raw: unknown, source?: string): PalConfig {
  const result = configSchema.safeParse(raw ?? {}, { reportInput: true });
  if (!result.success) throw configErrorFromIssues(result.error.issues, { source, schema: configSchema });
  return result.data;
}

function noConfigFile(cwd: string): NonNullable<LoadedConfig['notFound']> {
  const searched = [...CONFIG_FILE_NAMES];
  return {
    cwd,
    searched,
    message: `No PAL config file found in ${cwd} (looked for ${searched.join(', ')}); the config is empty. Create ${searched[0]} there, or pass a path or an object to loadConfig().`,
  };
}

/**
 * Loads PAL's configuration from a file path (relative to `cwd`), an object, or — with
 * no argument — `provider-runtime.config.{json,ts,mjs,js}` in `cwd` (none: an empty config, and
 * the result's `notFound` says where it looked).
 * Then: validates it (one CONFIG_ERROR listing every bad path), lays the selected
 * environment profile over it, applies `PAL_FALLBACK_CHAIN` / `PAL_ROUTING_STRATEGY`,
 * resolves `{ "env": NAME }` references into `Secret`s, and builds an adapter for each
 * enabled provider that names a `package` by calling its factory.
 * @example
 * // provider-runtime.config.json:
 * // { "providers": { "openai": { "package": "@pal/provider-openai", "apiKey": { "env": "OPENAI_API_KEY" } } } }
 * const config = await loadConfig();
 * if (config.notFound) console.warn(config.notFound.message);
 * const runtime = createRuntime({ config });
 * const result = await runtime.chat({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });
 */
export async function loadConfig(
  pathOrObject?: string | object,
  options: LoadConfigOptions = {},
): Promise<LoadedConfig> {
  const env = options.env ?? process.env;
  const cwd = resolve(options.cwd ?? process.cwd());
  let source: string | undefined;
  let notFound: LoadedConfig['notFound'];
  let raw: unknown;
  if (typeof pathOrObject === 'string') {
    source = resolve(cwd, pathOrObject);
    raw = await readConfigFile(source);
  } else if (pathOrObject !== undefined && pathOrObject !== null) {
    raw = pathOrObject;
  } else {
    source = findConfigFile(cwd);
    raw = source ? await readConfigFile(source) : {};
    if (!source) notFound = noConfigFile(cwd);
  }

  const base = validate(raw, source);
  const environment = options.environment ?? env.PAL_ENV ?? env.NODE_ENV;
  let merged: PalConfig = base;
  if (environment) {
    const profile: EnvironmentProfile | undefined = base.environments?.[environment];
    if (profile) {
      const { environments: _environments, ...rest } = base;
      merged = validate(deepMerge(rest, profile), source);
    } else if (
      options.environment !== undefined &&
      base.environments &&
      Object.keys(base.environments).length > 0
    ) {
      throw configError(
        'environments',
        `no profile named "${environment}"; known: ${Object.keys(base.environments).join(', ')}`,
        { ...(source && { source }) },
      );
    }
  }
  const config = resolveEnvReferences(applyEnvOverrides(merged, env), env, source);
  const providers = options.skipProviders ? [] : await loadProviders(config, cwd, source);
  return {
    config,
    providers,
    ...(environment !== undefined && { environment }),
    ...(source !== undefined && { source }),
    ...(notFound && { notFound }),
    toJSON() {
      return {
        config: JSON.parse(JSON.stringify(config)),
        providers: providers.map((p) => p.id),
        ...(environment !== undefined && { environment }),
        ...(source !== undefined && { source }),
        ...(notFound && { notFound }),
      };
    },
  };
}
