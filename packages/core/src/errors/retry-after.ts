import { type HeadersLike, readHeader } from './headers-like.js';

/** Parses a non-negative finite number, or returns undefined. */
function nonNegativeNumber(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text.trim());
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * How long the vendor asked us to wait, in milliseconds, from its response headers:
 * `retry-after-ms` (ms, OpenAI/Anthropic), `x-amz-retry-after` (ms, AWS), then
 * `retry-after` (seconds or an HTTP date). Undefined when none is present or parsable.
 * @param now epoch ms used to turn an HTTP date into a delay (defaults to `Date.now()`).
 */
export function parseRetryAfter(headers: HeadersLike, now: number = Date.now()): number | undefined {
  const ms = nonNegativeNumber(readHeader(headers, 'retry-after-ms'));
  if (ms !== undefined) return ms;
  const amz = nonNegativeNumber(readHeader(headers, 'x-amz-retry-after'));
  if (amz !== undefined) return amz;
  const retryAfter = readHeader(headers, 'retry-after');
  if (retryAfter === undefined) return undefined;
  const seconds = nonNegativeNumber(retryAfter);
  if (seconds !== undefined) return seconds * 1000;
  // an HTTP date always names the weekday and month; this keeps "-4" from parsing as year -4
  const date = /[a-z]{3}/i.test(retryAfter) ? Date.parse(retryAfter) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Parses a protobuf `Duration` in JSON form (`"2s"`, `"1.5s"`, `"34.4s"`) into milliseconds. */
export function parseProtoDurationMs(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)s\s*$/.exec(text);
  return match ? Number(match[1]) * 1000 : undefined;
}

/**
 * The retry delay a Google API put in its error body (`google.rpc.RetryInfo`'s
 * `retryDelay` inside `error.details[]`), in milliseconds. Accepts the parsed body,
 * its JSON text, or a Gemini array-wrapped body.
 */
export function retryDelayFromBody(body: unknown): number | undefined {
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (Array.isArray(value)) value = value[0];
  if (!value || typeof value !== 'object') return undefined;
  const error = (value as { error?: unknown }).error ?? value;
  const details = (error as { details?: unknown }).details;
  if (!Array.isArray(details)) return undefined;
  for (const detail of details) {
    if (!detail || typeof detail !== 'object') continue;
    const type = String((detail as Record<string, unknown>)['@type'] ?? '');
    const delay = (detail as { retryDelay?: unknown }).retryDelay;
    if (delay === undefined || (type && !type.endsWith('google.rpc.RetryInfo'))) continue;
    const ms = parseProtoDurationMs(delay);
    if (ms !== undefined) return ms;
  }
  return undefined;
}
