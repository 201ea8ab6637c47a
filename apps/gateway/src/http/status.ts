import type { ErrorCode } from '@pal/core';

/** The HTTP status a gateway answers with for each PAL error code. */
export const STATUS_BY_CODE: Readonly<Record<ErrorCode, number>> = {
  PROVIDER_NOT_FOUND: 404,
  MODEL_NOT_FOUND: 404,
  PROVIDER_AUTH_ERROR: 502, // the gateway's upstream credentials are wrong: not the caller's key
  PROVIDER_RATE_LIMIT_ERROR: 429,
  QUOTA_EXCEEDED: 429,
  OVERLOADED: 529,
  INVALID_REQUEST: 400,
  CONTEXT_LENGTH_EXCEEDED: 400,
  CONTENT_FILTERED: 400,
  TIMEOUT: 504,
  NETWORK_ERROR: 502,
  PROVIDER_API_ERROR: 502,
  STREAM_ERROR: 502,
  SERIALIZATION_ERROR: 502,
  UNSUPPORTED_CAPABILITY: 400,
  BUDGET_EXCEEDED: 429,
  CIRCUIT_OPEN: 503,
  CONFIG_ERROR: 500,
  ABORTED: 499,
};
