import { PalError } from '@pal/core';
import { GatewayFailureError } from './gateway-error.js';

/**
 * A 400 about one field of the request body, in the words `readBody` uses
 * (`Invalid request body: n: …`), with `path` set so a dialect can name it (OpenAI's `param`).
 */
export function invalidField(
  path: ReadonlyArray<string | number>,
  message: string,
  cause?: unknown,
): GatewayFailureError {
  return new GatewayFailureError(
    400,
    new PalError({
      code: 'INVALID_REQUEST',
      message: `Invalid request body: ${path.join('.')}: ${message}`,
      retryable: false,
      path: [...path],
      ...(cause !== undefined && { cause }),
    }),
  );
}
