import { createErrorMapper, type ErrorMapper } from '@pal/core';
import { APIConnectionError, APIError } from 'openai';

/**
 * Builds `toPalError` for an OpenAI-protocol provider (OpenAI, Azure, compatible hosts): the SDK's
 * `APIError` by status and error body through core's HTTP mapping; its abort, timeout and connection
 * errors are recognised by core's network mapping.
 * Errors raised from a stream event carry no status: core infers it from the vendor code
 * (`insufficient_quota` → 429 → QUOTA_EXCEEDED).
 */
export function openaiErrorMapper(provider: string): ErrorMapper {
  return createErrorMapper({
    provider,
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
