import { type ModelInfo, PalError } from '@pal/core';

/** Options every OpenAI-protocol factory accepts. */
export interface CommonOpenAIOptions {
  /** API key; defaults to the vendor's own environment variable. */
  apiKey?: string;
  /** Base URL of the API (must include `/v1` for OpenAI-style hosts). */
  baseURL?: string;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /** Replaces the built-in model catalog. */
  models?: ModelInfo[];
  /** Provider id used in model refs (`"<id>/<model>"`). */
  id?: string;
  defaultModel?: string;
  /** Cap on pooled keep-alive connections to the host. */
  maxConnections?: number;
}

/** The API key from options or the named environment variable, or a CONFIG_ERROR naming both. */
export function requireApiKey(provider: string, apiKey: string | undefined, envVar: string): string {
  const key = apiKey ?? process.env[envVar];
  if (!key) {
    throw new PalError({
      code: 'CONFIG_ERROR',
      provider,
      message: `${provider}: no API key. Pass { apiKey } or set ${envVar}.`,
    });
  }
  return key;
}
