import { type ErrorCode, PalError } from '@pal/core';
import { createErrorMapper, type ErrorMapper, parseRetryAfter } from '@pal/core/provider';

/** What PAL reads off an AWS SDK error. */
interface AwsError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
  $response?: { statusCode?: number; headers?: Record<string, string> };
}

/** Exceptions whose PAL code core's generic status/message mapping would get wrong. */
const CODE_BY_EXCEPTION: Record<string, ErrorCode> = {
  ModelNotReadyException: 'OVERLOADED', // 429, but a cold model, not a rate limit
  ServiceUnavailableException: 'OVERLOADED',
  ResourceNotFoundException: 'MODEL_NOT_FOUND',
  ModelStreamErrorException: 'STREAM_ERROR',
  CredentialsProviderError: 'PROVIDER_AUTH_ERROR', // no credentials anywhere in the chain
  TokenProviderError: 'PROVIDER_AUTH_ERROR',
};

function bedrockCode({ name = '', message = '' }: AwsError): ErrorCode | undefined {
  // a corrupted event-stream frame: "The message checksum (…) did not match the expected value of (…)"
  if (/checksum .*did not match/i.test(message)) return 'STREAM_ERROR';
  if (name === 'ValidationException' && /model identifier is invalid/i.test(message))
    return 'MODEL_NOT_FOUND';
  return CODE_BY_EXCEPTION[name];
}

/**
 * Maps what `@aws-sdk/client-bedrock-runtime` throws onto PAL's taxonomy. Bedrock-specific cases
 * (by AWS exception name, and message for an invalid model id) come first; everything else goes
 * to core's HTTP mapping with the status, the `x-amzn-errortype` name as vendor code, the message
 * and the `retry-after` / `x-amz-retry-after` headers (mid-stream exceptions have no status: core
 * infers it from the name), then to core's network mapping.
 */
export function createBedrockErrorMapper(provider: string): ErrorMapper {
  return createErrorMapper({
    provider,
    classify(raw) {
      const error = (raw ?? {}) as AwsError;
      const code = typeof raw === 'object' ? bedrockCode(error) : undefined;
      if (!code) return undefined;
      const status = error.$metadata?.httpStatusCode;
      const retryAfterMs = parseRetryAfter(error.$response?.headers);
      return new PalError({
        code,
        message: `${error.name}: ${error.message}`,
        provider,
        ...(status !== undefined && status >= 400 && { status }),
        ...(retryAfterMs !== undefined && { retryAfterMs }),
        details: {
          code: error.name,
          ...(error.$metadata?.requestId && { requestId: error.$metadata.requestId }),
        },
        cause: raw,
      });
    },
    extract(raw) {
      const error = raw as AwsError;
      // modelled exceptions carry `$metadata` (undefined for mid-stream exception frames)
      if (typeof raw !== 'object' || raw === null || !('$metadata' in raw)) return undefined;
      const status = error.$metadata?.httpStatusCode;
      return {
        // a mid-stream exception carries the stream's 200: core then infers the status from the name
        status: status !== undefined && status >= 400 ? status : undefined,
        headers: error.$response?.headers,
        message: error.message,
        code: error.name,
      };
    },
  });
}
