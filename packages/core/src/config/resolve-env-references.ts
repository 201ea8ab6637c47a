import { isSecretName } from '../errors/mask-secret.js';
import { configError } from './config-error.js';
import type { PalConfig, ProviderConfig } from './config-schema.js';
import { Secret } from './secret.js';

/** A provider entry with its credentials resolved: the key (and secret headers) wrapped in `Secret`. */
export type ResolvedProviderConfig = Omit<ProviderConfig, 'apiKey' | 'headers'> & {
  apiKey?: Secret;
  headers?: Record<string, string | Secret>;
};

/** A validated configuration with every `{ "env": ... }` reference resolved. */
export type ResolvedConfig = Omit<PalConfig, 'providers' | 'environments' | '$schema'> & {
  providers: Record<string, ResolvedProviderConfig>;
};

function isEnvReference(value: unknown): value is { env: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length === 1 &&
    typeof (value as { env?: unknown }).env === 'string'
  );
}

function readEnv(env: NodeJS.ProcessEnv, name: string, path: string, source?: string): string {
  const value = env[name];
  if (value === undefined || value === '') {
    throw configError(path, `environment variable ${name} is not set`, { ...(source && { source }) });
  }
  return value;
}

/** Resolves env references anywhere inside factory options; values under secret-looking keys become `Secret`. */
function resolveOptions(
  value: unknown,
  path: string,
  key: string,
  env: NodeJS.ProcessEnv,
  source?: string,
): unknown {
  if (isEnvReference(value)) {
    const resolved = readEnv(env, value.env, path, source);
    return isSecretName(key) ? new Secret(resolved) : resolved;
  }
  if (typeof value === 'string' && isSecretName(key)) return new Secret(value);
  if (Array.isArray(value))
    return value.map((item, i) => resolveOptions(item, `${path}.${i}`, key, env, source));
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, resolveOptions(v, `${path}.${k}`, k, env, source)]),
    );
  }
  return value;
}

/**
 * Resolves the credentials of every enabled provider: `apiKey` (inline or `{ "env": NAME }`)
 * becomes a `Secret`, header values and factory options are read from the environment where
 * they reference it. A missing variable is a CONFIG_ERROR naming the path and the variable.
 * Disabled providers are left unresolved (their variables need not exist).
 */
export function resolveEnvReferences(
  config: PalConfig,
  env: NodeJS.ProcessEnv,
  source?: string,
): ResolvedConfig {
  const { environments: _environments, $schema: _schema, providers, ...rest } = config;
  const resolved: Record<string, ResolvedProviderConfig> = {};
  for (const [id, entry] of Object.entries(providers)) {
    const { apiKey, headers, options, ...plain } = entry;
    if (entry.enabled === false) {
      resolved[id] = { ...plain, ...(options && { options }) };
      continue;
    }
    const base = `providers.${id}`;
    const out: ResolvedProviderConfig = { ...plain };
    if (apiKey !== undefined) {
      out.apiKey = new Secret(
        typeof apiKey === 'string' ? apiKey : readEnv(env, apiKey.env, `${base}.apiKey`, source),
      );
    }
    if (headers) {
      out.headers = Object.fromEntries(
        Object.entries(headers).map(([name, value]) => {
          const text =
            typeof value === 'string' ? value : readEnv(env, value.env, `${base}.headers.${name}`, source);
          return [name, isSecretName(name) ? new Secret(text) : text];
        }),
      );
    }
    if (options)
      out.options = resolveOptions(options, `${base}.options`, 'options', env, source) as Record<
        string,
        unknown
      >;
    resolved[id] = out;
  }
  return { ...rest, providers: resolved };
}
