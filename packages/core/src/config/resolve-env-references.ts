import { isSecretName } from '../errors/mask-secret.js';
import { configError, configErrorFromIssues } from './config-error.js';
import {
  type EnvReference,
  envReferenceSchema,
  type PalConfig,
  type ProviderConfig,
} from './config-schema.js';
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

const REFERENCE_KEYS = new Set(['env', 'optional', 'default']);

/** Whether a factory option is meant as an env reference: a string `env` and no key a reference lacks. */
function isEnvReference(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { env?: unknown }).env === 'string' &&
    Object.keys(value).every((key) => REFERENCE_KEYS.has(key))
  );
}

/**
 * The variable's value; else the reference's default; else undefined for an optional reference
 * (the setting is left out); else a CONFIG_ERROR naming the path and the variable.
 */
function readEnv(env: NodeJS.ProcessEnv, reference: EnvReference, path: string, source?: string) {
  const value = env[reference.env];
  if (value !== undefined && value !== '') return value;
  if (reference.default !== undefined) return reference.default;
  if (reference.optional) return undefined;
  throw configError(path, `environment variable ${reference.env} is not set`, { ...(source && { source }) });
}

/** What {@link resolveOptions} returns for an optional reference to an unset variable: the key is dropped. */
const ABSENT = Symbol('absent');

/** Resolves env references anywhere inside factory options; values under secret-looking keys become `Secret`. */
function resolveOptions(
  value: unknown,
  path: string,
  key: string,
  env: NodeJS.ProcessEnv,
  source?: string,
): unknown {
  if (isEnvReference(value)) {
    // options are not validated by the config schema: a reference in them is checked here
    const reference = envReferenceSchema.safeParse(value, { reportInput: true });
    if (!reference.success) {
      throw configErrorFromIssues(reference.error.issues, {
        ...(source && { source }),
        pathPrefix: path.split('.'),
      });
    }
    const resolved = readEnv(env, reference.data, path, source);
    if (resolved === undefined) return ABSENT;
    return isSecretName(key) ? new Secret(resolved) : resolved;
  }
  if (typeof value === 'string' && isSecretName(key)) return new Secret(value);
  if (Array.isArray(value))
    return value
      .map((item, i) => resolveOptions(item, `${path}.${i}`, key, env, source))
      .filter((item) => item !== ABSENT);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(
      Object.entries(value)
        .map(([k, v]) => [k, resolveOptions(v, `${path}.${k}`, k, env, source)])
        .filter(([, v]) => v !== ABSENT),
    );
  }
  return value;
}

/**
 * Resolves the credentials of every enabled provider: `apiKey` (inline or `{ "env": NAME }`)
 * becomes a `Secret`, header values and factory options are read from the environment where
 * they reference it. A missing variable is a CONFIG_ERROR naming the path and the variable, unless
 * the reference has a `default` (used instead) or is `optional` (the key is left out).
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
    const key = typeof apiKey === 'object' ? readEnv(env, apiKey, `${base}.apiKey`, source) : apiKey;
    if (key !== undefined) out.apiKey = new Secret(key);
    if (headers) {
      out.headers = {};
      for (const [name, value] of Object.entries(headers)) {
        const text =
          typeof value === 'string' ? value : readEnv(env, value, `${base}.headers.${name}`, source);
        if (text !== undefined) out.headers[name] = isSecretName(name) ? new Secret(text) : text;
      }
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
