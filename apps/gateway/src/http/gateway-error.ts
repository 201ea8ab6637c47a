import { isPalError, PalError } from '@pal/core';
import { STATUS_BY_CODE } from './status.js';

/**
 * What the gateway answers with for a failure, whoever raised it: the HTTP status, the PAL error
 * (for the `code`, the messages, the path and retry-after), and the dialect writes the body.
 */
export interface GatewayFailure {
  status: number;
  error: PalError;
}

/** An error the gateway itself raises about the HTTP request (auth, body size, route). */
export function gatewayFailure(
  status: number,
  code: PalError['code'],
  message: string,
  extra: { path?: Array<string | number>; userMessage?: string } = {},
): GatewayFailure {
  return {
    status,
    error: new PalError({
      code,
      message,
      retryable: false,
      ...(extra.path && { path: extra.path }),
      userMessage: extra.userMessage ?? message,
    }),
  };
}

/** Any thrown value as a gateway failure: a PalError with the status of its code, else a 500. */
export function toFailure(thrown: unknown): GatewayFailure {
  if (isGatewayFailure(thrown)) return thrown;
  if (isPalError(thrown)) return { status: STATUS_BY_CODE[thrown.code] ?? 500, error: thrown };
  return {
    status: 500,
    error: new PalError({ code: 'PROVIDER_API_ERROR', message: 'Internal gateway error', cause: thrown }),
  };
}

/** Thrown by route code to answer with a gateway failure. */
export class GatewayFailureError extends Error implements GatewayFailure {
  constructor(
    readonly status: number,
    readonly error: PalError,
  ) {
    super(error.message);
  }
}

function isGatewayFailure(value: unknown): value is GatewayFailure {
  return value instanceof GatewayFailureError;
}
