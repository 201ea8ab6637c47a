import { createErrorMapper, type ErrorMapper } from '@pal/core/provider';
import { APIConnectionError, APIError } from 'openai';

/**
 * Builds `toPalError` for an OpenAI-protocol provider (OpenAI, Azure, compatible hosts): the SDK's
 * `APIError` by status and error body through core's HTTP mapping; its abort, timeout and connection
 * errors are recognised by core's network mapping.
 * Errors raised from a stream event carry no status: core infers it from the vendor code
 * (`insufficient_quota` → 429 → QUOTA_EXCEEDED). `alternativeModel` names the model an
 * unavailable one's error suggests ({@link openaiAlternative} for OpenAI itself).
 */
export function openaiErrorMapper(
  provider: string,
  alternativeModel?: (model: string) => string | undefined,
): ErrorMapper {
  return createErrorMapper({
    provider,
    ...(alternativeModel && { alternativeModel }),
    baseURLHint: 'for the OpenAI SDK it ends in /v1, e.g. https://api.openai.com/v1',
    extract(error) {
      if (!(error instanceof APIError) || error instanceof APIConnectionError) return undefined;
      return {
        status: error.status,
        headers: error.headers,
        body: error.error === undefined ? undefined : { error: error.error },
        message: error.message,
        ...(typeof error.code === 'string' && { code: error.code }),
      };
    },
  });
}

/** The model OpenAI suggests for an unavailable chat model: GPT-5.4 mini, its current small model. */
const SUGGESTED = 'gpt-5.4-mini';

/** The model to suggest when a GPT or o-series chat model is unavailable on OpenAI (not for itself). */
export function openaiAlternative(model: string): string | undefined {
  return /^(gpt-[3-9]|o\d)/.test(model) && !model.startsWith(SUGGESTED) ? SUGGESTED : undefined;
}
