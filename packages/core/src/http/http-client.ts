import type { KyInstance } from 'ky';
import type { CallContext } from '../contracts/adapter.js';
import { palErrorFromHttp } from '../errors/http-error.js';
import { palErrorFromNetwork } from '../errors/network-error.js';
import { redactSecrets } from '../errors/mask-secret.js';
import { isPalError, PalError } from '../errors/pal-error.js';
import { parseRateLimitHeaders } from '../translation/rate-limit-headers.js';
import { parseErrorBody } from '../errors/vendor-error-info.js';
import { createPooledFetch, type PooledFetch } from './pooled-fetch.js';

/** How the client authenticates. */
export type HttpAuth = { bearer: string } | { header: string; value: string };

/** Options for `createHttpClient`. */
export interface HttpClientOptions {
  /** Provider id, named in every error. */
  provider: string;
  /** E.g. `http://127.0.0.1:11434` or `https://api.example.com/v1`; request paths are appended. */
  baseUrl: string;
  /** Sent with every request. */
  headers?: Record<string, string>;
  auth?: HttpAuth;
  /** A fetch to use instead of the client's own pooled one. */
  fetch?: typeof globalThis.fetch;
  /** Cap on sockets per origin for the client's pooled fetch. Default 32. */
  maxConnections?: number;
  /** Idle keep-alive of pooled sockets, in ms. Default 30 000. */
  keepAliveMs?: number;
}

/** Options of one request. */
export interface HttpRequestOptions {
  /** Default `POST` when `json` is given, else `GET`. */
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
  /** Sent as a JSON body. */
  json?: unknown;
  searchParams?: Record<string, string | number | boolean | undefined>;
  /** Extra headers for this request. */
  headers?: Record<string, string>;
  /** The kernel's call context: its `signal` aborts the request, its `headers` are sent, rate limits are reported to it. */
  ctx?: Partial<CallContext>;
  /** Model named in errors. */
  model?: string;
}

/** A decoded response. */
export interface HttpResponse<T> {
  data: T;
  headers: Headers;
  status: number;
}

/** A streamed response: its body is left for `parseSSE` / `parseNDJSON`. */
export interface HttpStreamResponse {
  body: ReadableStream<Uint8Array>;
  headers: Headers;
  status: number;
}

/** A small HTTP client for providers that have no SDK. */
export interface HttpClient {
  request<T = unknown>(path: string, options?: HttpRequestOptions): Promise<HttpResponse<T>>;
  stream(path: string, options?: HttpRequestOptions): Promise<HttpStreamResponse>;
  /** Closes the client's own connection pool (not a `fetch` passed in). */
  close(): Promise<void>;
}

function joinUrl(baseUrl: string, path: string): string {
  if (/^https?:\/\//i.test(path)) return path;
  return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

function searchParamsOf(params: HttpRequestOptions['searchParams']): Record<string, string> | undefined {
  if (!params) return undefined;
  const entries = Object.entries(params).filter(([, v]) => v !== undefined);
  return Object.fromEntries(entries.map(([k, v]) => [k, String(v)]));
}

/**
 * Creates an HTTP client on ky (loaded on the first request) with ky's retries and timeout off
 * (the kernel owns both), over a keep-alive connection pool. Non-2xx responses become PalErrors through
 * `palErrorFromHttp` (JSON error bodies parsed), transport failures through
 * `palErrorFromNetwork`; vendor rate-limit headers are reported to `ctx.reportRateLimit`.
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const own: PooledFetch | undefined = options.fetch
    ? undefined
    : createPooledFetch({
        ...(options.maxConnections !== undefined && { maxConnections: options.maxConnections }),
        ...(options.keepAliveMs !== undefined && { keepAliveMs: options.keepAliveMs }),
      });
  const authHeaders: Record<string, string> = !options.auth
    ? {}
    : 'bearer' in options.auth
      ? { authorization: `Bearer ${options.auth.bearer}` }
      : { [options.auth.header]: options.auth.value };
  const secrets = options.auth ? ['bearer' in options.auth ? options.auth.bearer : options.auth.value] : [];
  // ky is imported on the first request, so importing `@pal/core/http` (or creating a client) does not load it
  let client: Promise<KyInstance> | undefined;
  const kyClient = (): Promise<KyInstance> =>
    (client ??= import('ky').then(({ default: ky }) =>
      ky.create({
        retry: 0,
        timeout: false,
        throwHttpErrors: false,
        fetch: options.fetch ?? own,
        headers: { ...options.headers, ...authHeaders },
      }),
    ));

  const fail = (error: unknown, model: string | undefined): PalError => {
    if (isPalError(error)) return error;
    const network = palErrorFromNetwork(error, { provider: options.provider, model });
    if (network) return network;
    return new PalError({
      code: 'PROVIDER_API_ERROR',
      message: error instanceof Error ? error.message : String(error),
      provider: options.provider,
      ...(model !== undefined && { model }),
      cause: error,
    });
  };

  async function send(path: string, request: HttpRequestOptions, accept: string): Promise<Response> {
    const { ctx, model } = request;
    if (ctx?.signal?.aborted)
      throw fail(ctx.signal.reason ?? new DOMException('aborted', 'AbortError'), model);
    let response: Response;
    try {
      const ky = await kyClient();
      response = await ky(joinUrl(options.baseUrl, path), {
        method: request.method ?? (request.json === undefined ? 'GET' : 'POST'),
        ...(request.json !== undefined && { json: request.json }),
        ...(request.searchParams && { searchParams: searchParamsOf(request.searchParams) }),
        headers: { accept, ...ctx?.headers, ...request.headers },
        ...(ctx?.signal && { signal: ctx.signal }),
      });
    } catch (error) {
      throw fail(error, model);
    }
    const rateLimit = parseRateLimitHeaders(response.headers);
    if (rateLimit) ctx?.reportRateLimit?.(rateLimit);
    if (!response.ok) {
      // the vendor may echo the key back ("Incorrect API key provided: ..."): mask it before anything else
      const text = redactSecrets(await response.text().catch(() => ''), secrets);
      throw palErrorFromHttp({
        status: response.status,
        headers: response.headers,
        body: parseErrorBody(text),
        message: response.statusText || undefined,
        provider: options.provider,
        ...(model !== undefined && { model }),
      });
    }
    return response;
  }

  return {
    async request<T>(path: string, request: HttpRequestOptions = {}): Promise<HttpResponse<T>> {
      const response = await send(path, request, 'application/json');
      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        throw fail(error, request.model);
      }
      let data: unknown;
      if (text !== '') {
        try {
          data = JSON.parse(text);
        } catch (error) {
          throw new PalError({
            code: 'SERIALIZATION_ERROR',
            message: `${options.provider} answered ${path} with a body that is not JSON: ${text.slice(0, 200)}`,
            provider: options.provider,
            ...(request.model !== undefined && { model: request.model }),
            status: response.status,
            cause: error,
          });
        }
      }
      return { data: data as T, headers: response.headers, status: response.status };
    },
    async stream(path: string, request: HttpRequestOptions = {}): Promise<HttpStreamResponse> {
      const response = await send(path, request, 'text/event-stream, application/x-ndjson, application/json');
      if (!response.body) {
        throw new PalError({
          code: 'STREAM_ERROR',
          message: `${options.provider} answered ${path} without a body`,
          provider: options.provider,
          status: response.status,
        });
      }
      return { body: response.body, headers: response.headers, status: response.status };
    },
    async close() {
      await own?.close();
    },
  };
}
