import { pathToFileURL } from 'node:url';
import type { ProviderAdapter } from '../contracts/adapter.js';
import { isPalError } from '../errors/pal-error.js';
import { configError } from './config-error.js';
import type { ResolvedConfig, ResolvedProviderConfig } from './resolve-env-references.js';
import { resolvePackageEntry } from './resolve-package.js';
import { revealSecret, type Secret } from './secret.js';

/**
 * What a provider package's factory receives from its config entry (`providers.<id>`), the same
 * for every package, so a factory should read these names:
 *
 * - every key of the entry's `options`, `{ "env": … }` references resolved (values under key-like
 *   names such as `secretAccessKey` become `Secret`s);
 * - `id`, and the entry's top-level `apiKey`, `baseURL` and `headers` under those names when the
 *   entry sets them (they replace same-named keys of `options`).
 *
 * The entry's other keys are not passed: `defaultModel`, `models`, `allowUnknownModels` and
 * `enabled` go to the registry (`registerConfiguredProviders`), over what the adapter declares;
 * `package`, `factory` and `policies` are the runtime's.
 *
 * @example
 * ```ts
 * // "acme": { "package": "pal-provider-acme", "apiKey": { "env": "ACME_API_KEY" }, "options": { "region": "eu" } }
 * import type { ProviderFactoryOptions } from '@pal/core';
 * import { requireSetting } from '@pal/core/provider';
 *
 * export function createProvider({ id, apiKey, baseURL, headers, region }: ProviderFactoryOptions) {
 *   const key = requireSetting({ provider: id, value: apiKey, env: ['ACME_API_KEY'] }); // revealed
 *   // … build the adapter with `id` as its id
 * }
 * ```
 */
export interface ProviderFactoryOptions extends Record<string, unknown> {
  /** The config key (`providers.<id>`); the adapter must use it as its `id`. */
  id: string;
  /**
   * The entry's `apiKey` (inline or `{ "env": … }`), as a `Secret`: hand it to `requireSetting` /
   * `optionalSetting` (which reveal it) or call `revealSecret(apiKey)`. Absent when the entry has none.
   */
  apiKey?: Secret;
  /** The entry's `baseURL`, an absolute URL as written (the schema checks it). */
  baseURL?: string;
  /** The entry's `headers`, `{ "env": … }` references resolved, every value a plain string. */
  headers?: Record<string, string>;
}

/** A provider package's factory export. */
export type ProviderFactory = (options: ProviderFactoryOptions) => ProviderAdapter | Promise<ProviderAdapter>;

function isAdapter(value: unknown): value is ProviderAdapter {
  const candidate = value as Partial<ProviderAdapter> | undefined;
  return (
    !!candidate &&
    typeof candidate.id === 'string' &&
    typeof candidate.chat === 'function' &&
    typeof candidate.stream === 'function' &&
    typeof candidate.toPalError === 'function' &&
    Array.isArray(candidate.models)
  );
}

async function loadOne(
  id: string,
  entry: ResolvedProviderConfig,
  cwd: string,
  source?: string,
): Promise<ProviderAdapter> {
  const packageName = entry.package as string;
  const factoryName = entry.factory ?? 'createProvider';
  const where = { ...(source && { source }) };
  const file = resolvePackageEntry(packageName, cwd);
  if (!file) {
    throw configError(
      `providers.${id}.package`,
      `package "${packageName}" is not installed: install ${packageName}`,
      where,
    );
  }
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    throw configError(
      `providers.${id}.package`,
      `cannot load "${packageName}": ${(error as Error).message}`,
      {
        ...where,
        cause: error,
      },
    );
  }
  const factory =
    module[factoryName] ?? (module.default as Record<string, unknown> | undefined)?.[factoryName];
  if (typeof factory !== 'function') {
    throw configError(
      `providers.${id}.factory`,
      `"${packageName}" has no export named "${factoryName}"`,
      where,
    );
  }
  const headers = entry.headers
    ? Object.fromEntries(Object.entries(entry.headers).map(([name, value]) => [name, revealSecret(value)]))
    : undefined;
  let adapter: unknown;
  try {
    adapter = await (factory as ProviderFactory)({
      ...entry.options,
      id,
      ...(entry.apiKey && { apiKey: entry.apiKey }),
      ...(entry.baseURL && { baseURL: entry.baseURL }),
      ...(headers && { headers }),
    });
  } catch (error) {
    if (isPalError(error)) throw error.with({ provider: id });
    throw configError(
      `providers.${id}`,
      `${packageName}.${factoryName}() failed: ${(error as Error)?.message ?? error}`,
      {
        ...where,
        cause: error,
      },
    );
  }
  if (!isAdapter(adapter)) {
    throw configError(
      `providers.${id}.factory`,
      `${packageName}.${factoryName}() did not return a ProviderAdapter`,
      where,
    );
  }
  if (adapter.id !== id) {
    throw configError(
      `providers.${id}`,
      `${packageName}.${factoryName}() returned an adapter with id "${adapter.id}"; it must use the id it is given ("${id}")`,
      where,
    );
  }
  return adapter;
}

/** One provider to build from its package: a config entry's fields, references already resolved. */
export interface ProviderPackageEntry {
  /** The provider id; the adapter must use it. */
  id: string;
  /** The npm package exporting the factory, imported as code in `cwd` would import it. */
  package: string;
  /** The factory export's name. Default `createProvider`. */
  factory?: string;
  /** Passed to the factory as they are. */
  options?: Record<string, unknown>;
  apiKey?: Secret;
  baseURL?: string;
  headers?: Record<string, string | Secret>;
}

/**
 * Builds one provider's adapter from its package, as `loadConfig` builds each entry of a config
 * file: imports `package` as code in `cwd` would (its ESM entry), calls its factory with the
 * options, `id`, `apiKey`, `baseURL` and `headers` ({@link ProviderFactoryOptions}), and checks that
 * it returned an adapter with that id. For stores that keep providers elsewhere than in a config
 * file (`@pal/store-sqlite`). Throws CONFIG_ERROR naming `providers.<id>…` and `source` (where
 * the entry came from) when the package is missing, has no such factory, or the factory fails.
 *
 * @example
 * ```ts
 * const adapter = await loadProviderPackage(
 *   { id: 'openai', package: '@pal/provider-openai', apiKey: new Secret(key) },
 *   { source: '/var/lib/pal/pal.db' },
 * );
 * ```
 */
export function loadProviderPackage(
  entry: ProviderPackageEntry,
  where: { cwd?: string; source?: string } = {},
): Promise<ProviderAdapter> {
  const { id, ...rest } = entry;
  return loadOne(id, rest as ResolvedProviderConfig, where.cwd ?? process.cwd(), where.source);
}

/** Imports the package of every enabled provider entry that names one and builds its adapter, in config order. */
export async function loadProviders(
  config: ResolvedConfig,
  cwd: string,
  source?: string,
): Promise<ProviderAdapter[]> {
  const adapters: ProviderAdapter[] = [];
  for (const [id, entry] of Object.entries(config.providers)) {
    if (entry.enabled === false || !entry.package) continue;
    adapters.push(await loadOne(id, entry, cwd, source));
  }
  return adapters;
}
