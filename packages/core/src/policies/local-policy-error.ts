import { isPalError, PalError, type PalErrorOptions } from '../errors/pal-error.js';

/** `details` of an error a local policy raised without contacting the provider. */
export interface LocalPolicyErrorDetails {
  origin: 'local-policy';
  policy: string;
  [key: string]: unknown;
}

/**
 * Builds a PalError raised by a local policy (rate limiter, bulkhead, budget…), marked so
 * that the circuit breaker does not mistake it for the provider being unhealthy.
 */
export function localPolicyError(
  policy: string,
  options: Omit<PalErrorOptions, 'details'> & { details?: Record<string, unknown> },
): PalError {
  const details: LocalPolicyErrorDetails = { ...options.details, origin: 'local-policy', policy };
  return new PalError({ ...options, details });
}

/** True for an error made by {@link localPolicyError}: the provider was never asked. */
export function isLocalPolicyError(error: unknown): boolean {
  if (!isPalError(error)) return false;
  const details = error.details as Partial<LocalPolicyErrorDetails> | undefined;
  return typeof details === 'object' && details !== null && details.origin === 'local-policy';
}
