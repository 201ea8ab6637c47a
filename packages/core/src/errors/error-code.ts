/** Every stable error code PAL uses (DESIGN §3). */
export const ERROR_CODES = [
  'PROVIDER_NOT_FOUND',
  'MODEL_NOT_FOUND',
  'PROVIDER_AUTH_ERROR',
  'PROVIDER_RATE_LIMIT_ERROR',
  'QUOTA_EXCEEDED',
  'OVERLOADED',
  'INVALID_REQUEST',
  'CONTEXT_LENGTH_EXCEEDED',
  'CONTENT_FILTERED',
  'TIMEOUT',
  'NETWORK_ERROR',
  'PROVIDER_API_ERROR',
  'STREAM_ERROR',
  'SERIALIZATION_ERROR',
  'UNSUPPORTED_CAPABILITY',
  'BUDGET_EXCEEDED',
  'CIRCUIT_OPEN',
  'CONFIG_ERROR',
  'ABORTED',
] as const;

/** A stable error code. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Codes that are worth retrying (on the same provider, after back-off) by default. */
export const RETRYABLE_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'PROVIDER_RATE_LIMIT_ERROR',
  'OVERLOADED',
  'TIMEOUT',
  'NETWORK_ERROR',
  'PROVIDER_API_ERROR',
  'STREAM_ERROR',
]);

/** What the user can do about an error (seed 003's "Action" column). */
export type SuggestedAction =
  | 're-enter-key'
  | 'auto-retry'
  | 'pick-another-model'
  | 'provider-settings'
  | 'retry'
  | 'fix-request'
  | 'raise-budget'
  | 'none';
