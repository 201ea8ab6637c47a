import { PalError } from '../errors/pal-error.js';
import { isSecret, type Secret } from './secret.js';

/** What kind of value a setting holds: a credential, an http(s) URL, or plain text. */
export type SettingKind = 'secret' | 'url' | 'text';

/** Where a provider factory looks for one setting. */
export interface RequiredSetting {
  /** Provider id, named in the error. */
  provider: string;
  /**
   * The value the caller passed: a string, or a `Secret` (what `loadConfig` makes of
   * `{ "env": "OPENAI_API_KEY" }` and of inline keys). An empty string counts as missing; any
   * other type is a CONFIG_ERROR.
   */
  value: string | Secret | undefined | unknown;
  /** Environment variables to try in order, e.g. `['GEMINI_API_KEY', 'GOOGLE_API_KEY']`. */
  env: readonly string[];
  /** The factory option that holds it (default `apiKey`). */
  option?: string;
  /** Default `secret` for `apiKey`, `url` for options ending in `URL`/`Url`/`endpoint`, else `text`. */
  kind?: SettingKind;
}

/**
 * A provider setting from the factory's options or the first environment variable that has it,
 * else a CONFIG_ERROR naming the option and every variable tried: the one rule every provider
 * factory follows for keys and endpoints. A `Secret` is revealed here (and only here); a value of
 * the wrong type, or a URL that is not absolute http(s), is a CONFIG_ERROR at construction,
 * never a failed call later.
 *
 * @example
 * ```ts
 * const apiKey = requireSetting({ provider: 'openai', value: options.apiKey, env: ['OPENAI_API_KEY'] });
 * ```
 */
export function requireSetting(setting: RequiredSetting): string {
  const found = optionalSetting(setting);
  if (found !== undefined) return found;
  const { provider, env, option = 'apiKey' } = setting;
  const what = option === 'apiKey' ? 'API key' : option;
  throw new PalError({
    code: 'CONFIG_ERROR',
    provider,
    path: [option],
    message: `${provider}: no ${what}. Pass { ${option} }${env.length > 0 ? ` or set ${env.join(' or ')}` : ''}.`,
  });
}

/**
 * {@link requireSetting} for a setting that may be absent: the value (checked the same way) or
 * undefined.
 *
 * @example
 * ```ts
 * const baseURL = optionalSetting({ provider: 'openai', value: options.baseURL, env: ['OPENAI_BASE_URL'], option: 'baseURL' });
 * ```
 */
export function optionalSetting({
  provider,
  value,
  env,
  option = 'apiKey',
  kind,
}: RequiredSetting): string | undefined {
  const as = kind ?? kindOf(option);
  const fromOption = plain(provider, option, value, as);
  if (fromOption) return check(provider, option, fromOption, as);
  for (const name of env) {
    const fromEnv = process.env[name];
    if (fromEnv) return check(provider, name, fromEnv, as);
  }
  return undefined;
}

function kindOf(option: string): SettingKind {
  if (option === 'apiKey' || /key|token|secret/i.test(option)) return 'secret';
  if (/url$|endpoint$/i.test(option)) return 'url';
  return 'text';
}

function plain(provider: string, option: string, value: unknown, kind: SettingKind): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return value;
  if (isSecret(value)) return value.reveal() || undefined;
  const got = Array.isArray(value)
    ? 'an array'
    : typeof value === 'object'
      ? 'an object'
      : `a ${typeof value}`;
  const expected =
    kind === 'secret' ? 'a string or a Secret (e.g. { "env": "VAR" } in a config file)' : 'a string';
  throw new PalError({
    code: 'CONFIG_ERROR',
    provider,
    path: [option],
    // the value itself is never printed: it may be a credential
    message: `${provider}: ${option} must be ${expected}, got ${got}.`,
  });
}

function check(provider: string, where: string, value: string, kind: SettingKind): string {
  if (kind !== 'url') return value;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url && (url.protocol === 'http:' || url.protocol === 'https:')) return value;
  throw new PalError({
    code: 'CONFIG_ERROR',
    provider,
    path: [where],
    message: `${provider}: ${where} must be an absolute http(s) URL such as "https://api.example.com/v1", got ${JSON.stringify(value)}${value.startsWith('undefined') ? ' (an undefined value was joined into it: a missing await or variable?)' : ''}.`,
  });
}
