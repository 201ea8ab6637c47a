import type { RateLimitInfo } from '../contracts/adapter.js';
import { type HeadersLike, readHeader } from '../errors/headers-like.js';

const UNIT_MS: Record<string, number> = {
  h: 3_600_000,
  m: 60_000,
  s: 1000,
  ms: 1,
  us: 0.001,
  µs: 0.001,
  ns: 1e-6,
};

/**
 * Parses a Go-style duration as OpenAI and Groq send it in `x-ratelimit-reset-*`
 * (`"1s"`, `"6m0s"`, `"20ms"`, `"2m59.56s"`); a bare number counts as seconds.
 */
export function parseDurationMs(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const pattern = /(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/g;
  let total = 0;
  let consumed = 0;
  for (const match of trimmed.matchAll(pattern)) {
    total += Number(match[1]) * (UNIT_MS[match[2] as string] ?? 0);
    consumed += match[0].length;
  }
  return consumed === trimmed.length ? total : undefined;
}

function integer(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** An RFC 3339 reset time (Anthropic) as milliseconds from `now`, never negative. */
function untilMs(text: string | undefined, now: number): number | undefined {
  if (text === undefined) return undefined;
  const at = Date.parse(text);
  if (!Number.isNaN(at)) return Math.max(0, at - now);
  return parseDurationMs(text);
}

function compact(info: RateLimitInfo): RateLimitInfo | undefined {
  const entries = Object.entries(info).filter(([, v]) => v !== undefined);
  return entries.length === 0 ? undefined : (Object.fromEntries(entries) as RateLimitInfo);
}

/**
 * Reads the vendor's rate-limit headers into a `RateLimitInfo`: OpenAI-style
 * `x-ratelimit-{limit,remaining,reset}-{requests,tokens}` (reset as a duration) and
 * Anthropic `anthropic-ratelimit-{requests,tokens,input-tokens,output-tokens}-{limit,remaining,reset}`
 * (reset as an RFC 3339 time; the combined `tokens` bucket wins, then input, then output).
 * Undefined when the response carried none.
 * @param now epoch ms used to turn reset times into delays (defaults to `Date.now()`).
 */
export function parseRateLimitHeaders(
  headers: HeadersLike,
  now: number = Date.now(),
): RateLimitInfo | undefined {
  if (!headers) return undefined;
  const openai = compact({
    limitRequests: integer(readHeader(headers, 'x-ratelimit-limit-requests')),
    remainingRequests: integer(readHeader(headers, 'x-ratelimit-remaining-requests')),
    resetRequestsMs: parseDurationMs(readHeader(headers, 'x-ratelimit-reset-requests')),
    limitTokens: integer(readHeader(headers, 'x-ratelimit-limit-tokens')),
    remainingTokens: integer(readHeader(headers, 'x-ratelimit-remaining-tokens')),
    resetTokensMs: parseDurationMs(readHeader(headers, 'x-ratelimit-reset-tokens')),
  });
  if (openai) return openai;
  const anthropic = (bucket: string, field: string) =>
    readHeader(headers, `anthropic-ratelimit-${bucket}-${field}`);
  const tokenBucket = ['tokens', 'input-tokens', 'output-tokens'].find(
    (bucket) => anthropic(bucket, 'limit') !== undefined || anthropic(bucket, 'remaining') !== undefined,
  );
  return compact({
    limitRequests: integer(anthropic('requests', 'limit')),
    remainingRequests: integer(anthropic('requests', 'remaining')),
    resetRequestsMs: untilMs(anthropic('requests', 'reset'), now),
    ...(tokenBucket && {
      limitTokens: integer(anthropic(tokenBucket, 'limit')),
      remainingTokens: integer(anthropic(tokenBucket, 'remaining')),
      resetTokensMs: untilMs(anthropic(tokenBucket, 'reset'), now),
    }),
  });
}

/** Hands the vendor's rate-limit headers (if any) to the kernel's rate limiter through `ctx.reportRateLimit`. */
export function reportRateLimitHeaders(
  ctx: { reportRateLimit?: ((info: RateLimitInfo) => void) | undefined } | undefined,
  headers: HeadersLike,
): void {
  if (!ctx?.reportRateLimit) return;
  const info = parseRateLimitHeaders(headers);
  if (info) ctx.reportRateLimit(info);
}
