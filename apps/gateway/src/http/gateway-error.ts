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

/** What else {@link gatewayFailure} may say: the field, the words for people, what to do, when to try again. */
export interface GatewayFailureExtra {
  path?: Array<string | number>;
  userMessage?: string;
  action?: PalError['action'];
  /** When set, the failure is retryable and its answer carries `retry-after`. */
  retryAfterMs?: number;
}

/** An error the gateway itself raises about the HTTP request (auth, body size, route, a key's limits). */
export function gatewayFailure(
  status: number,
  code: PalError['code'],
  message: string,
  extra: GatewayFailureExtra = {},
): GatewayFailure {
  return {
    status,
    error: new PalError({
      code,
      message,
      retryable: extra.retryAfterMs !== undefined,
      ...(extra.path && { path: extra.path }),
      ...(extra.action && { action: extra.action }),
      ...(extra.retryAfterMs !== undefined && { retryAfterMs: extra.retryAfterMs }),
      userMessage: extra.userMessage ?? message,
    }),
  };
}

/** {@link gatewayFailure}, as an error to throw from route code. */
export function gatewayError(
  status: number,
  code: PalError['code'],
  message: string,
  extra: GatewayFailureExtra = {},
): GatewayFailureError {
  const failure = gatewayFailure(status, code, message, extra);
  return new GatewayFailureError(failure.status, failure.error);
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
