import { randomBytes } from 'node:crypto';
import type { ErrorKind, Fault, JsonReply } from '../../emulator/types.js';

/** Anthropic's `error.type` values the emulator produces. */
export type AnthropicErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'billing_error'
  | 'permission_error'
  | 'not_found_error'
  | 'rate_limit_error'
  | 'api_error'
  | 'overloaded_error';

/** Status, `error.type` and message of one Anthropic error. */
export interface ErrorShape {
  status: number;
  type: AnthropicErrorType;
  message: string;
}

/**
 * How Anthropic answers each kind of failure. Billing ("credit balance is too low") is a 400
 * `invalid_request_error`, not a 429; a content-policy block is a 400 as well.
 */
export function anthropicErrorShape(kind: ErrorKind, model = 'claude-model'): ErrorShape {
  switch (kind) {
    case 'auth':
      return { status: 401, type: 'authentication_error', message: 'invalid x-api-key' };
    case 'permission':
      return {
        status: 403,
        type: 'permission_error',
        message: 'Your API key does not have permission to use the specified resource.',
      };
    case 'not_found':
      return { status: 404, type: 'not_found_error', message: `model: ${model}` };
    case 'invalid':
      return { status: 400, type: 'invalid_request_error', message: 'messages: Field required' };
    case 'context_length':
      return {
        status: 400,
        type: 'invalid_request_error',
        message: 'prompt is too long: 215041 tokens > 200000 maximum',
      };
    case 'rate_limit':
      return {
        status: 429,
        type: 'rate_limit_error',
        message:
          'This request would exceed the rate limit for your organization of 50 requests per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits.',
      };
    case 'quota':
      return {
        status: 400,
        type: 'invalid_request_error',
        message:
          'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.',
      };
    case 'server':
      return { status: 500, type: 'api_error', message: 'Internal server error' };
    case 'unavailable':
      return { status: 503, type: 'api_error', message: 'Service unavailable' };
    case 'overloaded':
      return { status: 529, type: 'overloaded_error', message: 'Overloaded' };
    case 'content_filter':
      return {
        status: 400,
        type: 'invalid_request_error',
        message: 'Output blocked by content filtering policy',
      };
  }
}

/** A fresh `req_011…` id like the ones Anthropic puts in `request-id` and error bodies. */
export function anthropicRequestId(): string {
  return `req_011${randomBytes(16).toString('base64url').slice(0, 21)}`;
}

/** Anthropic's error body: `{"type":"error","error":{"type","message"},"request_id"}`. */
export function anthropicErrorBody(type: AnthropicErrorType, message: string, requestId: string) {
  return { type: 'error', error: { type, message }, request_id: requestId };
}

/** The `anthropic-ratelimit-*` headers, with `remaining` requests/tokens and an RFC 3339 reset time. */
export function rateLimitHeaders(remainingRequests: number, remainingTokens: number, resetInMs: number) {
  const reset = new Date(Date.now() + resetInMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const headers: Record<string, string> = {
    'anthropic-ratelimit-requests-limit': '50',
    'anthropic-ratelimit-requests-remaining': String(remainingRequests),
    'anthropic-ratelimit-requests-reset': reset,
  };
  for (const kind of ['tokens', 'input-tokens', 'output-tokens']) {
    headers[`anthropic-ratelimit-${kind}-limit`] = '40000';
    headers[`anthropic-ratelimit-${kind}-remaining`] = String(remainingTokens);
    headers[`anthropic-ratelimit-${kind}-reset`] = reset;
  }
  return headers;
}

/** A JSON error reply in Anthropic's shape, with `request-id` and (for 429/529) `retry-after`. */
export function anthropicErrorReply(shape: ErrorShape, extraHeaders: Record<string, string> = {}): JsonReply {
  const requestId = anthropicRequestId();
  const headers: Record<string, string> = { 'request-id': requestId };
  if (shape.status === 429) Object.assign(headers, { 'retry-after': '30' }, rateLimitHeaders(0, 0, 30_000));
  if (shape.status === 529) headers['retry-after'] = '5';
  return {
    kind: 'json',
    status: shape.status,
    headers: { ...headers, ...extraHeaders },
    body: anthropicErrorBody(shape.type, shape.message, requestId),
  };
}

/** The reply for a scripted `error` fault: Anthropic's status and body for the kind, with overrides. */
export function faultErrorReply(
  fault: Extract<Fault, { type: 'error' }>,
  model: string | undefined,
): JsonReply {
  const shape = anthropicErrorShape(fault.kind, model);
  return anthropicErrorReply(
    { ...shape, status: fault.status ?? shape.status, message: fault.message ?? shape.message },
    fault.headers,
  );
}

/** The in-stream `event: error` frame for a scripted `stream-error` fault (no `request_id` inside a stream). */
export function streamErrorFrame(fault: Extract<Fault, { type: 'stream-error' }>): string {
  const shape = anthropicErrorShape(fault.kind);
  const body = { type: 'error', error: { type: shape.type, message: fault.message ?? shape.message } };
  return `event: error\ndata: ${JSON.stringify(body)}\n\n`;
}
