import { isPalError, PalError } from './pal-error.js';

/** Where an abort happened, and optionally how to word it. */
export interface AbortContext {
  provider?: string;
  model?: string;
  /** Default: "The call was aborted". */
  message?: string;
}

/**
 * The one place PAL builds its ABORTED error. A `reason` that is already a `PalError` (a
 * timeout aborts with TIMEOUT, a closed runtime with its own ABORTED) is what the caller gets;
 * anything else (the caller's `AbortController.abort(reason)`) becomes ABORTED, with the reason
 * kept as `cause`. ABORTED is never retried.
 *
 * @example
 * ```ts
 * abortedError(signal.reason, { provider: 'openai', model: 'gpt-4o-mini' });
 * ```
 */
export function abortedError(reason: unknown, context: AbortContext = {}): PalError {
  if (isPalError(reason)) return reason;
  return new PalError({
    code: 'ABORTED',
    message: context.message ?? 'The call was aborted',
    retryable: false,
    ...(context.provider !== undefined && { provider: context.provider }),
    ...(context.model !== undefined && { model: context.model }),
    ...(reason !== undefined && { cause: reason }),
  });
}
