import { createErrorMapper, type ErrorCode, type ErrorMapper, PalError, parseRetryAfter } from '@pal/core';

/** What PAL reads off an AWS SDK error. */
interface AwsError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
  $response?: { statusCode?: number; headers?: Record<string, string> };
}

const AUTH_EXCEPTIONS = new Set([
  'AccessDeniedException',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'IncompleteSignatureException',
  'MissingAuthenticationTokenException',
  'ExpiredTokenException',
  'CredentialsProviderError',
  'TokenProviderError',
]);

/** PAL's code for each Bedrock exception whose meaning does not depend on its message. */
const CODE_BY_EXCEPTION: Record<string, ErrorCode> = {
  ThrottlingException: 'PROVIDER_RATE_LIMIT_ERROR',
  ServiceQuotaExceededException: 'QUOTA_EXCEEDED',
  ModelNotReadyException: 'OVERLOADED',
  ServiceUnavailableException: 'OVERLOADED',
  ResourceNotFoundException: 'MODEL_NOT_FOUND',
  ModelStreamErrorException: 'STREAM_ERROR',
  ModelTimeoutException: 'TIMEOUT',
  ModelErrorException: 'PROVIDER_API_ERROR',
  InternalServerException: 'PROVIDER_API_ERROR',
};

/** ValidationException means different things by its message. */
function validationCode(message: string): ErrorCode {
  if (
    /model identifier is invalid|model .*(not found|does ?n[o']t exist)|on-demand throughput isn.t supported/i.test(
      message,
    )
  ) {
    return 'MODEL_NOT_FOUND';
  }
  if (
    /too long|too many (input )?tokens|context (window|length)|exceeds? the (maximum|model)/i.test(message)
  ) {
    return 'CONTEXT_LENGTH_EXCEEDED';
  }
  if (/content filters|blocked by|guardrail/i.test(message)) return 'CONTENT_FILTERED';
  return 'INVALID_REQUEST';
}

function codeFor(error: AwsError): ErrorCode | undefined {
  const name = error.name ?? '';
  // smithy names a reset HTTP/1.1 socket "TimeoutError", and HTTP/2 stream errors carry `$metadata`
  if (/^(ECONNRESET|EPIPE|ECONNREFUSED|ERR_HTTP2_)/.test(error.code ?? '')) return 'NETWORK_ERROR';
  if (AUTH_EXCEPTIONS.has(name)) return 'PROVIDER_AUTH_ERROR';
  if (name === 'ValidationException') return validationCode(error.message ?? '');
  // a corrupted event-stream frame: "The message checksum (…) did not match the expected value of (…)"
  if (/checksum .*did not match/i.test(error.message ?? '')) return 'STREAM_ERROR';
  return CODE_BY_EXCEPTION[name];
}

/**
 * Maps what `@aws-sdk/client-bedrock-runtime` throws onto PAL's taxonomy, by AWS exception name
 * (and message, for ValidationException), with the HTTP status and any `retry-after` /
 * `x-amz-retry-after` delay; anything else goes to core's generic HTTP / network mapping.
 */
export function createBedrockErrorMapper(provider: string): ErrorMapper {
  return createErrorMapper({
    provider,
    classify(raw) {
      const error = raw as AwsError;
      const code = typeof raw === 'object' && raw !== null ? codeFor(error) : undefined;
      if (!code) return undefined;
      const status = error.$metadata?.httpStatusCode ?? error.$response?.statusCode;
      const retryAfterMs = parseRetryAfter(error.$response?.headers);
      return new PalError({
        code,
        message: `${error.name}: ${error.message}`,
        provider,
        ...(status !== undefined && status >= 400 && { status }),
        ...(retryAfterMs !== undefined && { retryAfterMs }),
        ...(code === 'PROVIDER_API_ERROR' && { retryable: error.name === 'InternalServerException' }),
        details: {
          code: error.name,
          ...(error.$metadata?.requestId && { requestId: error.$metadata.requestId }),
        },
        cause: raw,
      });
    },
    extract(raw) {
      const error = raw as AwsError;
      if (typeof raw !== 'object' || raw === null || error.$metadata?.httpStatusCode === undefined)
        return undefined;
      return {
        status: error.$metadata.httpStatusCode,
        headers: error.$response?.headers,
        message: error.message,
        code: error.name,
      };
    },
  });
}
