import { Agent, fetch as undiciFetch } from 'undici';

/** Options for `createPooledFetch`. */
export interface PooledFetchOptions {
  /** Most sockets open to one origin at a time; further requests queue. Default 32. */
  maxConnections?: number;
  /** How long an idle socket stays open for reuse, in ms. Default 30 000. */
  keepAliveMs?: number;
  /** Longest wait for a TCP/TLS connection, in ms. Default 10 000. */
  connectTimeoutMs?: number;
}

/** A `fetch` over a keep-alive connection pool, with a way to close the pool. */
export type PooledFetch = typeof globalThis.fetch & {
  /** The undici agent holding the pool. */
  readonly dispatcher: Agent;
  /** Closes every pooled socket (waits for requests in flight). */
  close(): Promise<void>;
};

function isRequest(input: unknown): input is Request {
  return (
    typeof input === 'object' &&
    input !== null &&
    !(input instanceof URL) &&
    'url' in input &&
    'method' in input
  );
}

/**
 * A `fetch` that keeps connections alive and pools them per origin, at most
 * `maxConnections` at once, on an undici `Agent`. Pass it to an SDK's `fetch` option
 * (openai, @anthropic-ai/sdk) or to `createHttpClient`. Header and body timeouts are off:
 * PAL's kernel owns timeouts and aborts through the request's `signal`.
 */
export function createPooledFetch(options: PooledFetchOptions = {}): PooledFetch {
  const dispatcher = new Agent({
    connections: options.maxConnections ?? 32,
    keepAliveTimeout: options.keepAliveMs ?? 30_000,
    keepAliveMaxTimeout: Math.max(options.keepAliveMs ?? 30_000, 600_000),
    connect: { timeout: options.connectTimeoutMs ?? 10_000 },
    headersTimeout: 0,
    bodyTimeout: 0,
  });

  const pooled = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    let url: string | URL = input as string | URL;
    let requestInit: Record<string, unknown> = { ...init };
    if (isRequest(input)) {
      // a Request built by the global fetch implementation (ky builds one): copy it for undici's fetch
      const method = input.method.toUpperCase();
      const body =
        method === 'GET' || method === 'HEAD' || input.body === null ? undefined : await input.arrayBuffer();
      url = input.url;
      requestInit = {
        method,
        headers: input.headers,
        signal: input.signal,
        redirect: input.redirect,
        ...(body !== undefined && { body }),
        ...init,
      };
    }
    const response = await undiciFetch(url, { ...requestInit, dispatcher } as Parameters<
      typeof undiciFetch
    >[1]);
    return response as unknown as Response;
  };

  return Object.assign(pooled as typeof globalThis.fetch, {
    dispatcher,
    close: () => dispatcher.close(),
  });
}
