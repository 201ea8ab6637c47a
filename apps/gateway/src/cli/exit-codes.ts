import type { ErrorCode } from '@pal/core';

/** `pal`'s exit codes, by error class, so scripts can branch on them. */
export const EXIT = {
  ok: 0,
  /** Anything not classified below. */
  failure: 1,
  /** Bad command line (unknown option, missing argument). */
  usage: 2,
  /** Configuration, a setting or a key file. */
  config: 3,
  /** The gateway refused the key (401/403) or a provider refused its credentials. */
  auth: 4,
  /** No such provider, model or route. */
  notFound: 5,
  /** Budget, rate limit or quota: try later or raise the limit. */
  limit: 6,
  /** The gateway or the vendor could not be reached or failed (network, 5xx, timeout, open circuit). */
  unavailable: 7,
  /** The request was invalid. */
  invalid: 8,
} as const;

const BY_CODE: Partial<Record<ErrorCode, number>> = {
  CONFIG_ERROR: EXIT.config,
  PROVIDER_AUTH_ERROR: EXIT.auth,
  PROVIDER_NOT_FOUND: EXIT.notFound,
  MODEL_NOT_FOUND: EXIT.notFound,
  BUDGET_EXCEEDED: EXIT.limit,
  PROVIDER_RATE_LIMIT_ERROR: EXIT.limit,
  QUOTA_EXCEEDED: EXIT.limit,
  NETWORK_ERROR: EXIT.unavailable,
  TIMEOUT: EXIT.unavailable,
  PROVIDER_API_ERROR: EXIT.unavailable,
  STREAM_ERROR: EXIT.unavailable,
  OVERLOADED: EXIT.unavailable,
  CIRCUIT_OPEN: EXIT.unavailable,
  INVALID_REQUEST: EXIT.invalid,
  CONTEXT_LENGTH_EXCEEDED: EXIT.invalid,
  CONTENT_FILTERED: EXIT.invalid,
  UNSUPPORTED_CAPABILITY: EXIT.invalid,
};

/** The exit code for a failure with this PAL code (and HTTP status, when it came from the gateway). */
export function exitCodeFor(code: ErrorCode | undefined, status?: number): number {
  if (status === 401 || status === 403) return EXIT.auth;
  if (status === 404) return EXIT.notFound;
  return (code && BY_CODE[code]) ?? EXIT.failure;
}
