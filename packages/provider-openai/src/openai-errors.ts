import { createErrorMapper, type ErrorMapper, PalError } from '@pal/core';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';

/**
 * Builds `toPalError` for an OpenAI-protocol provider (OpenAI, Azure, compatible hosts): the SDK's
 * transport errors by class, its `APIError` by status and error body through core's HTTP mapping.
 * Errors raised from a stream event carry no status: core infers it from the vendor code
 * (`insufficient_quota` → 429 → QUOTA_EXCEEDED).
 */
export function openaiErrorMapper(provider: string): ErrorMapper {
  return createErrorMapper({
    provider,
    classify(error) {
      const code =
        error instanceof APIUserAbortError
          ? 'ABORTED'
          : error instanceof APIConnectionTimeoutError
            ? 'TIMEOUT'
            : error instanceof APIConnectionError
              ? 'NETWORK_ERROR'
              : undefined;
      return code && new PalError({ code, provider, message: (error as Error).message, cause: error });
    },
    extract(error) {
      if (!(error instanceof APIError)) return undefined;
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
