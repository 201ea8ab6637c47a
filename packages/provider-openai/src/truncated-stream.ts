import { PalError } from '@pal/core';

/** The error for a stream that ended before the vendor said it was finished (a cut connection). */
export function truncatedStream(provider: string): PalError {
  return new PalError({
    code: 'STREAM_ERROR',
    provider,
    retryable: true,
    message: `${provider}: the stream ended before the response was finished`,
  });
}
