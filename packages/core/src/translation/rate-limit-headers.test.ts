import { describe, expect, it } from 'vitest';
import { parseDurationMs, parseRateLimitHeaders } from './rate-limit-headers.js';

const NOW = Date.parse('2025-01-01T00:00:00Z');

describe('parseDurationMs', () => {
  it.each([
    ['1s', 1000],
    ['6m0s', 360_000],
    ['20ms', 20],
    ['2m59.56s', 179_560],
    ['1h2m', 3_720_000],
    ['7', 7000],
    ['soon', undefined],
    ['', undefined],
  ])('%s', (text, expected) => {
    expect(parseDurationMs(text)).toBe(expected);
  });
});

describe('parseRateLimitHeaders', () => {
  it('reads OpenAI headers', () => {
    const headers = new Headers({
      'x-ratelimit-limit-requests': '500',
      'x-ratelimit-remaining-requests': '499',
      'x-ratelimit-reset-requests': '120ms',
      'x-ratelimit-limit-tokens': '30000',
      'x-ratelimit-remaining-tokens': '29000',
      'x-ratelimit-reset-tokens': '6m0s',
    });
    expect(parseRateLimitHeaders(headers, NOW)).toEqual({
      limitRequests: 500,
      remainingRequests: 499,
      resetRequestsMs: 120,
      limitTokens: 30_000,
      remainingTokens: 29_000,
      resetTokensMs: 360_000,
    });
  });

  it('reads Anthropic headers, preferring the combined tokens bucket', () => {
    const info = parseRateLimitHeaders(
      {
        'anthropic-ratelimit-requests-limit': '50',
        'anthropic-ratelimit-requests-remaining': '49',
        'anthropic-ratelimit-requests-reset': '2025-01-01T00:00:02Z',
        'anthropic-ratelimit-tokens-limit': '100000',
        'anthropic-ratelimit-tokens-remaining': '90000',
        'anthropic-ratelimit-tokens-reset': '2025-01-01T00:00:30Z',
        'anthropic-ratelimit-input-tokens-limit': '80000',
      },
      NOW,
    );
    expect(info).toEqual({
      limitRequests: 50,
      remainingRequests: 49,
      resetRequestsMs: 2000,
      limitTokens: 100_000,
      remainingTokens: 90_000,
      resetTokensMs: 30_000,
    });
  });

  it('falls back to the Anthropic input-tokens bucket', () => {
    const info = parseRateLimitHeaders(
      {
        'anthropic-ratelimit-input-tokens-limit': '40000',
        'anthropic-ratelimit-input-tokens-remaining': '39000',
        'anthropic-ratelimit-input-tokens-reset': '2025-01-01T00:00:01Z',
        'anthropic-ratelimit-output-tokens-limit': '8000',
      },
      NOW,
    );
    expect(info).toEqual({ limitTokens: 40_000, remainingTokens: 39_000, resetTokensMs: 1000 });
  });

  it('returns undefined without rate-limit headers', () => {
    expect(parseRateLimitHeaders({ 'content-type': 'application/json' })).toBeUndefined();
    expect(parseRateLimitHeaders(undefined)).toBeUndefined();
  });
});
