import { describe, expect, it } from 'vitest';
import { createErrorMapper } from './error-mapper.js';
import { PalError } from './pal-error.js';

/** A stand-in for an SDK's API error class (the real SDKs are exercised in the provider packages). */
class VendorApiError extends Error {
  constructor(
    readonly status: number | undefined,
    readonly error: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`${status} vendor error`);
  }
}

const toPalError = createErrorMapper({
  provider: 'acme',
  extract: (error) =>
    error instanceof VendorApiError
      ? { status: error.status, headers: error.headers, body: error.error, message: error.message }
      : undefined,
  classify: (error) =>
    error instanceof Error && error.message === 'content blocked by acme'
      ? new PalError({ code: 'CONTENT_FILTERED', message: error.message })
      : undefined,
});

describe('createErrorMapper', () => {
  it.each([
    [
      'HTTP error via extract',
      new VendorApiError(429, { error: { message: 'slow down' } }, { 'retry-after': '2' }),
      'PROVIDER_RATE_LIMIT_ERROR',
    ],
    [
      'mid-stream vendor error without status',
      new VendorApiError(undefined, {
        type: 'error',
        error: { type: 'overloaded_error', message: 'Overloaded' },
      }),
      'OVERLOADED',
    ],
    ['vendor-specific classify wins', new Error('content blocked by acme'), 'CONTENT_FILTERED'],
    [
      'network failure',
      new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }) }),
      'NETWORK_ERROR',
    ],
    ['abort', Object.assign(new Error('This operation was aborted'), { name: 'AbortError' }), 'ABORTED'],
    ['JSON parse failure', new SyntaxError('Unexpected end of JSON input'), 'SERIALIZATION_ERROR'],
    ['anything else', new Error('weird'), 'PROVIDER_API_ERROR'],
    ['a thrown string', 'weird', 'PROVIDER_API_ERROR'],
  ])('%s → %s', (_name, error, expected) => {
    const mapped = toPalError(error, { model: 'm-1' });
    expect(mapped).toBeInstanceOf(PalError);
    expect(mapped.code).toBe(expected);
    expect(mapped.provider).toBe('acme');
    expect(mapped.model).toBe('m-1');
  });

  it('passes a PalError through, filling provider and model only when missing', () => {
    const original = new PalError({ code: 'TIMEOUT', message: 'slow' });
    const filled = toPalError(original, { model: 'm-2' });
    expect(filled.code).toBe('TIMEOUT');
    expect(filled.provider).toBe('acme');
    expect(filled.model).toBe('m-2');
    const complete = new PalError({ code: 'TIMEOUT', provider: 'other', model: 'x' });
    expect(toPalError(complete, { model: 'm-3' })).toBe(complete);
  });

  it('keeps the retry-after of an extracted HTTP error and the original as cause', () => {
    const error = new VendorApiError(429, { error: { message: 'slow down' } }, { 'retry-after': '2' });
    const mapped = toPalError(error);
    expect(mapped.retryAfterMs).toBe(2000);
    expect(mapped.cause).toBe(error);
    expect(mapped.message).toBe('429 slow down');
  });
});
