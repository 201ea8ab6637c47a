import { isPalError, PalError } from '../errors/pal-error.js';

/**
 * The error to throw when `signal` was aborted: the signal's reason when it is a `PalError`
 * (a timeout policy aborts with a TIMEOUT error), otherwise a PalError ABORTED.
 */
export function abortErrorFor(
  signal: AbortSignal,
  context: { provider?: string; model?: string } = {},
): PalError {
  const reason: unknown = signal.reason;
  if (isPalError(reason)) return reason;
  return new PalError({
    code: 'ABORTED',
    message: 'The call was aborted',
    retryable: false,
    ...context,
    ...(reason !== undefined && { cause: reason }),
  });
}
