import type { PalError } from '@pal/core';
import { createErrorMapper, type ErrorMapper, palErrorFromHttp } from '@pal/core/provider';

/** ollama.com's wording when an account's usage allowance is spent (a local server never says it). */
const USAGE_CAP = /usage limit|quota/i;

/** A 429 that says the usage allowance is spent is QUOTA_EXCEEDED (waiting will not help), not a rate limit. */
function usageCapAsQuota(error: PalError): PalError {
  if (error.code !== 'PROVIDER_RATE_LIMIT_ERROR' || !USAGE_CAP.test(error.message)) return error;
  // naming the provider again makes `with` rebuild the user message for the new code
  return error.with({ code: 'QUOTA_EXCEEDED', retryable: false, provider: error.provider });
}

/**
 * Maps what the Ollama client throws into PAL's taxonomy. `@pal/core/http` already turns
 * Ollama's `{"error": …}` answers into PalErrors through core's shared mapping (`404 model "x"
 * not found` → MODEL_NOT_FOUND, `503 server busy` → OVERLOADED, …); this adds the one Ollama case.
 */
export function createOllamaErrorMapper(provider: string): ErrorMapper {
  const generic = createErrorMapper({ provider, extract: () => undefined });
  return (error, context) => usageCapAsQuota(generic(error, context));
}

/** The PalError for an `{"error": …}` line in the middle of an NDJSON stream. */
export function streamLineError(provider: string, model: string, line: { error?: unknown }): PalError {
  return palErrorFromHttp({ provider, model, body: { error: String(line.error) } });
}
