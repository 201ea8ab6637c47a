import { createErrorMapper, type ErrorMapper, PalError, palErrorFromHttp, readVendorError } from '@pal/core';
import { OllamaResponseError } from './ollama-http.js';

/** ollama.com's wording when an account's usage allowance is spent (a local server never says it). */
const USAGE_CAP = /usage limit|quota/i;

/**
 * Maps what the Ollama client throws into PAL's taxonomy via core's shared mapping
 * (`{"error": "model \"x\" not found…"}` 404 → MODEL_NOT_FOUND, "server busy" 503 → OVERLOADED, …),
 * plus one Ollama case: a 429 that says the usage limit is reached is QUOTA_EXCEEDED, not a rate limit.
 */
export function createOllamaErrorMapper(provider: string): ErrorMapper {
  return createErrorMapper({
    provider,
    extract: (error) =>
      error instanceof OllamaResponseError
        ? { status: error.status, headers: error.headers, body: error.body }
        : undefined,
    classify(error) {
      if (!(error instanceof OllamaResponseError) || error.status !== 429) return undefined;
      const message = readVendorError(error.body).message ?? '';
      if (!USAGE_CAP.test(message)) return undefined;
      return new PalError({
        code: 'QUOTA_EXCEEDED',
        message: `429 ${message}`,
        provider,
        status: 429,
        cause: error,
      });
    },
  });
}

/** The PalError for an `{"error": …}` line in the middle of an NDJSON stream. */
export function streamLineError(provider: string, model: string, line: { error?: unknown }): PalError {
  return palErrorFromHttp({ provider, model, body: { error: String(line.error) } });
}
