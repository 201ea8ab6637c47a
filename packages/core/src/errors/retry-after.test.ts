import { describe, expect, it } from 'vitest';
import { parseRetryAfter, retryDelayFromBody } from './retry-after.js';

const NOW = Date.parse('2025-01-01T00:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    ['retry-after-ms wins', { 'retry-after-ms': '1500', 'retry-after': '9' }, 1500],
    ['retry-after seconds', { 'Retry-After': '20' }, 20_000],
    ['retry-after fractional seconds', { 'retry-after': '0.5' }, 500],
    ['retry-after HTTP date', { 'retry-after': 'Wed, 01 Jan 2025 00:00:07 GMT' }, 7000],
    ['retry-after date in the past clamps to 0', { 'retry-after': 'Tue, 31 Dec 2024 23:00:00 GMT' }, 0],
    ['x-amz-retry-after ms', { 'x-amz-retry-after': '250' }, 250],
    ['array values', { 'retry-after': ['3'] }, 3000],
    ['garbage', { 'retry-after': 'soon' }, undefined],
    ['negative', { 'retry-after': '-4' }, undefined],
    ['no header', {}, undefined],
  ])('%s', (_name, headers, expected) => {
    expect(parseRetryAfter(headers, NOW)).toBe(expected);
  });

  it('reads a Headers object and tolerates undefined', () => {
    expect(parseRetryAfter(new Headers({ 'retry-after-ms': '42' }), NOW)).toBe(42);
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});

describe('retryDelayFromBody', () => {
  const body = (retryDelay: string) => ({
    error: {
      code: 429,
      status: 'RESOURCE_EXHAUSTED',
      details: [
        { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [] },
        { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay },
      ],
    },
  });
  it.each([
    ['whole seconds', body('2s'), 2000],
    ['fractional seconds', body('1.5s'), 1500],
    ['JSON text', JSON.stringify(body('34.4s')), 34_400],
    ['array-wrapped', [body('3s')], 3000],
    ['bad duration', body('soon'), undefined],
    ['no details', { error: { message: 'x' } }, undefined],
    ['not JSON', 'oops', undefined],
    ['nothing', undefined, undefined],
  ])('%s', (_name, input, expected) => {
    expect(retryDelayFromBody(input)).toBe(expected);
  });
});
