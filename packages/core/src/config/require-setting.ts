import { PalError } from '../errors/pal-error.js';

/** Where a provider factory looks for one setting. */
export interface RequiredSetting {
  /** Provider id, named in the error. */
  provider: string;
  /** The value the caller passed (an empty string counts as missing). */
  value: string | undefined;
  /** Environment variables to try in order, e.g. `['GEMINI_API_KEY', 'GOOGLE_API_KEY']`. */
  env: readonly string[];
  /** The factory option that holds it (default `apiKey`). */
  option?: string;
}

/**
 * A provider setting from the factory's options or the first environment variable that has it,
 * else a CONFIG_ERROR naming the option and every variable tried: the one rule every provider
 * factory follows for keys and endpoints.
 */
export function requireSetting({ provider, value, env, option = 'apiKey' }: RequiredSetting): string {
  const found = value || env.map((name) => process.env[name]).find((v) => v);
  if (found) return found;
  const what = option === 'apiKey' ? 'API key' : option;
  throw new PalError({
    code: 'CONFIG_ERROR',
    provider,
    path: [option],
    message: `${provider}: no ${what}. Pass { ${option} } or set ${env.join(' or ')}.`,
  });
}
