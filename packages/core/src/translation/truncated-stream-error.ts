import { PalError } from '../errors/pal-error.js';

/** Which stream ended early, and what its vendor's last event is. */
export interface TruncatedStreamContext {
  provider: string;
  model?: string;
  /** The vendor's closing event that never came (`message_delta`, the `done` line…), for the message. */
  expected?: string;
}

/**
 * The error for a vendor stream that ended cleanly but before the vendor said the answer was
 * complete: a cut connection or proxy timeout, so a retryable STREAM_ERROR.
 * @example
 * if (!sawMessageDelta) throw truncatedStreamError({ provider, expected: 'message_delta' });
 */
export function truncatedStreamError({ provider, model, expected }: TruncatedStreamContext): PalError {
  return new PalError({
    code: 'STREAM_ERROR',
    provider,
    ...(model !== undefined && { model }),
    retryable: true,
    message: `${provider}: the stream ended before ${expected ?? 'the response was finished'}`,
  });
}
