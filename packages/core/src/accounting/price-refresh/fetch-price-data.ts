import { redactSecrets } from '../../errors/mask-secret.js';
import { type PriceData, priceDataSchema } from '../price-data/price-data-schema.js';

/** The largest price data body read, in bytes (genai-prices' data.json is under 1 MB). */
export const MAX_PRICE_DATA_BYTES = 32 * 1024 * 1024;

/** What the server answered: new price data, or that the copy named by `etag` is still current. */
export type PriceDataAnswer =
  | { notModified: false; data: PriceData; version?: string; dataDate?: string }
  | { notModified: true; version?: string; dataDate?: string };

/** Options of {@link fetchPriceData}. */
export interface FetchPriceDataOptions {
  /** The whole fetch, body included, must finish within this (ms). */
  timeoutMs: number;
  /** Aborts the fetch (the runtime closing). */
  signal?: AbortSignal;
  /** The version held (`ETag`): sent as `If-None-Match`, so an unchanged file answers `304`. */
  etag?: string;
}

/** A URL as telemetry and errors show it: scheme, host, port and path (no user info, no query). */
export function priceDataSource(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
}

/**
 * Fetches the price data at `url` (genai-prices' `data.json` format) and validates it. Throws an
 * `Error` saying what went wrong — unreachable, timed out, an HTTP error status, a body that is
 * not JSON, not price data or lists no model — in words that never show the URL's query.
 */
export async function fetchPriceData(url: string, options: FetchPriceDataOptions): Promise<PriceDataAnswer> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  const failure = (what: string, error: unknown): Error => {
    if (options.signal?.aborted) return new Error('the fetch was aborted');
    if (timeout.aborted) return new Error(`no complete answer within ${options.timeoutMs} ms`);
    return new Error(`${what}: ${reasonOf(error)}`);
  };
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json', ...(options.etag && { 'if-none-match': options.etag }) },
      signal,
    });
  } catch (error) {
    throw failure('the price data could not be fetched', error);
  }
  const version = response.headers.get('etag') ?? undefined;
  const modified = Date.parse(response.headers.get('last-modified') ?? '');
  const about = {
    ...(version && { version }),
    ...(Number.isFinite(modified) && { dataDate: new Date(modified).toISOString() }),
  };
  if (response.status === 304 && options.etag) return { notModified: true, ...about };
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new Error(`the price data server answered HTTP ${response.status}`);
  }
  let text: string;
  try {
    text = await readCapped(response);
  } catch (error) {
    throw failure('the price data could not be read', error);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`the price data is not JSON: ${reasonOf(error)}`);
  }
  const parsed = priceDataSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    const more = parsed.error.issues.length > 3 ? ` (and ${parsed.error.issues.length - 3} more)` : '';
    throw new Error(`the price data does not match the genai-prices format: ${issues.join('; ')}${more}`);
  }
  if (!parsed.data.some((provider) => provider.models.length > 0))
    throw new Error('the price data lists no model');
  return { notModified: false, data: parsed.data, ...about };
}

/** The body as text, refused past {@link MAX_PRICE_DATA_BYTES}. */
async function readCapped(response: Response): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > MAX_PRICE_DATA_BYTES) {
    await response.body?.cancel().catch(() => undefined);
    throw new Error(`the body is ${declared} bytes, more than ${MAX_PRICE_DATA_BYTES}`);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_PRICE_DATA_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw new Error(`the body is more than ${MAX_PRICE_DATA_BYTES} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function reasonOf(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return redactSecrets(error instanceof Error ? `${error.message}${cause}` : String(error));
}
