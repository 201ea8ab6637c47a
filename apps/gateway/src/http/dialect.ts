import type { Context } from 'hono';
import type { GatewayFailure } from './gateway-error.js';

/** How a family of routes writes its errors: the caller's SDK must be able to read them. */
export interface Dialect {
  readonly name: 'openai' | 'anthropic' | 'pal';
  /** The JSON error body for a failure (PAL's `code` always included). */
  body(failure: GatewayFailure): unknown;
}

/** PAL's own fields, added to each vendor's error shape (a client that knows PAL reads them). */
function palFields(error: GatewayFailure['error']) {
  return {
    code: error.code,
    userMessage: error.userMessage,
    action: error.action,
    retryable: error.retryable,
  };
}

/** OpenAI's error shape: `{ error: { message, type, param, code } }`, plus PAL's fields. */
export const openaiDialect: Dialect = {
  name: 'openai',
  body({ status, error }) {
    return {
      error: {
        message: error.message,
        type: openaiType(status),
        param: error.path?.join('.') ?? null,
        code: error.code,
        pal: palFields(error),
      },
    };
  },
};

function openaiType(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'api_error';
  return 'invalid_request_error';
}

/** Anthropic's error shape: `{ type: 'error', error: { type, message } }`, plus PAL's fields. */
export const anthropicDialect: Dialect = {
  name: 'anthropic',
  body({ status, error }) {
    return {
      type: 'error',
      error: {
        type: anthropicType(status),
        message: error.message,
        code: error.code,
        pal: palFields(error),
      },
    };
  },
};

function anthropicType(status: number): string {
  if (status === 400 || status === 413 || status === 422)
    return status === 413 ? 'request_too_large' : 'invalid_request_error';
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 429) return 'rate_limit_error';
  if (status === 529 || status === 503) return 'overloaded_error';
  return 'api_error';
}

/** PAL's own shape for `/api/*`, `/v1/summarize`: the error's JSON (never a secret). */
export const palDialect: Dialect = {
  name: 'pal',
  body: ({ error }) => ({ error: error.toJSON() }),
};

/** Writes a failure in `dialect`, with `retry-after` when the error says how long to wait. */
export function failureResponse(c: Context, dialect: Dialect, failure: GatewayFailure): Response {
  const headers: Record<string, string> = {};
  const wait = failure.error.retryAfterMs;
  if (wait !== undefined) headers['retry-after'] = String(Math.max(1, Math.ceil(wait / 1000)));
  return c.json(dialect.body(failure) as object, failure.status as never, headers);
}
