import { PROVIDER_HINTS, type ProviderHint } from '@pal/router';
import type { Context } from 'hono';
import { GatewayFailureError } from './gateway-error.js';
import { PalError } from '@pal/core';

/** The header a client names a routing hint with (`cheapest`, `local_preferred`…); it wins over a body's `provider_hint`. */
export const PROVIDER_HINT_HEADER = 'x-pal-provider-hint';

/** The request's `x-pal-provider-hint`, if any; a value that is not a hint is a 400 naming the header. */
export function providerHintHeader(c: Context): ProviderHint | undefined {
  const value = c.req.header(PROVIDER_HINT_HEADER)?.trim();
  if (!value) return undefined;
  if ((PROVIDER_HINTS as readonly string[]).includes(value)) return value as ProviderHint;
  throw new GatewayFailureError(
    400,
    new PalError({
      code: 'INVALID_REQUEST',
      message: `Invalid ${PROVIDER_HINT_HEADER} header: expected one of ${PROVIDER_HINTS.map((h) => `"${h}"`).join(', ')}, got "${value}"`,
      retryable: false,
      path: [PROVIDER_HINT_HEADER],
    }),
  );
}
