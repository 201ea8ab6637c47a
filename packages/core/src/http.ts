/**
 * @pal/core/http: an HTTP client, a pooled keep-alive fetch and stream parsers for
 * adapters that have no SDK (and a pooled `fetch` for those that do).
 * @packageDocumentation
 */
export {
  createHttpClient,
  type HttpAuth,
  type HttpClient,
  type HttpClientOptions,
  type HttpRequestOptions,
  type HttpResponse,
  type HttpStreamResponse,
} from './http/http-client.js';
export { type NDJSONOptions, parseNDJSON } from './http/parse-ndjson.js';
export { parseSSE, type SSEEvent } from './http/parse-sse.js';
export { createPooledFetch, type PooledFetch, type PooledFetchOptions } from './http/pooled-fetch.js';
export type { ByteSource } from './http/read-text-chunks.js';
