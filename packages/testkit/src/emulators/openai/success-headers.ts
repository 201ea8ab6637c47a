import type { VendorRequestContext } from '../../emulator/types.js';
import { requestIdHeaders } from './errors.js';

/** Requests and tokens per minute the emulator advertises in `x-ratelimit-limit-*`. */
export const RATE_LIMITS = { requests: 10_000, tokens: 30_000_000 } as const;

/**
 * The headers OpenAI sends with a successful answer: request id, processing time and the
 * `x-ratelimit-*` state after this call (`tokensUsed` taken off the token budget).
 */
export function successHeaders(ctx: VendorRequestContext, tokensUsed: number): Record<string, string> {
  return {
    ...requestIdHeaders(ctx),
    'x-ratelimit-limit-requests': String(RATE_LIMITS.requests),
    'x-ratelimit-limit-tokens': String(RATE_LIMITS.tokens),
    'x-ratelimit-remaining-requests': String(RATE_LIMITS.requests - 1),
    'x-ratelimit-remaining-tokens': String(Math.max(0, RATE_LIMITS.tokens - tokensUsed)),
    'x-ratelimit-reset-requests': '6ms',
    'x-ratelimit-reset-tokens': '0s',
  };
}
