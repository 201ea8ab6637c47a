import Anthropic from '@anthropic-ai/sdk';
import { createErrorMapper, type ErrorMapper, PalError } from '@pal/core';

const CREDIT_BALANCE = /credit balance is too low/i;

/**
 * The `toPalError` of the Anthropic provider: the SDK's `APIError` (status, headers, the
 * `{"type":"error","error":{...}}` body — also thrown mid-stream for an `event: error`, without
 * status) goes through core's HTTP mapping; `APIUserAbortError` → ABORTED,
 * `APIConnectionTimeoutError` → TIMEOUT, `APIConnectionError` → NETWORK_ERROR, and the billing
 * 400 ("Your credit balance is too low…") → QUOTA_EXCEEDED.
 */
export function anthropicErrorMapper(provider: string): ErrorMapper {
  return createErrorMapper({
    provider,
    classify(error) {
      if (error instanceof Anthropic.APIUserAbortError) {
        return new PalError({ code: 'ABORTED', message: error.message, cause: error });
      }
      if (error instanceof Anthropic.APIConnectionTimeoutError) {
        return new PalError({ code: 'TIMEOUT', message: error.message, cause: error });
      }
      if (error instanceof Anthropic.APIConnectionError) {
        return new PalError({ code: 'NETWORK_ERROR', message: error.message, cause: error });
      }
      // billing: Anthropic answers an empty credit balance with a 400 invalid_request_error
      if (
        error instanceof Anthropic.APIError &&
        error.status === 400 &&
        CREDIT_BALANCE.test(error.apiMessage ?? '')
      ) {
        return new PalError({
          code: 'QUOTA_EXCEEDED',
          status: 400,
          message: `400 ${error.apiMessage}`,
          cause: error,
        });
      }
      return undefined;
    },
    extract(error) {
      if (!(error instanceof Anthropic.APIError)) return undefined;
      return {
        ...(error.status !== undefined && { status: error.status }),
        headers: error.headers,
        body: error.error,
        message: error.apiMessage ?? error.message,
      };
    },
  });
}
