import { abortedError } from '../errors/aborted.js';
import type { PalError } from '../errors/pal-error.js';

/**
 * The error to throw when `signal` was aborted: the signal's reason when it is a `PalError`
 * (a timeout policy aborts with a TIMEOUT error), otherwise a PalError ABORTED.
 */
export function abortErrorFor(
  signal: AbortSignal,
  context: { provider?: string; model?: string } = {},
): PalError {
  return abortedError(signal.reason, context);
}
