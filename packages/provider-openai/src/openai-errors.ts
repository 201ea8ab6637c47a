import { PalError, createErrorMapper } from '@pal/core';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';

/** Status implied by an error `code` the SDK raised from a stream event (which has no HTTP status). */
const STATUS_OF_CODE: Record<string, number> = {
  insufficient_quota: 429,
  rate_limit_exceeded: 429,
  context_length_exceeded: 400,
  invalid_request_error: 400,
  invalid_api_key: 401,
  model_not_found: 404,
  server_error: 500,
};

/** Builds `toPalError` for an OpenAI-protocol provider (OpenAI, Azure, compatible hosts). */
export function openaiErrorMapper(
  provider: string,
): (error: unknown, context?: { model?: string }) => PalError {
  return createErrorMapper({
    provider,
    extract(error) {
      if (!(error instanceof APIError) || error instanceof APIConnectionError) {
        const body = (error as { error?: { code?: string } } | null)?.error;
        if (body?.code && !(error instanceof APIError)) {
          return {
            status: STATUS_OF_CODE[body.code] ?? 500,
            body: { error: body },
            message: (error as Error).message,
          };
        }
        return undefined;
      }
      const code = typeof error.code === 'string' ? error.code : undefined;
      return {
        status: error.status ?? (code ? STATUS_OF_CODE[code] : undefined) ?? 500,
        headers: error.headers,
        body: error.error === undefined ? undefined : { error: error.error },
        message: error.message,
        ...(code !== undefined && { code }),
      };
    },
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
  });
}
