import { createRequire } from 'node:module';
import type { Agent } from 'undici';

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
  /** Closes every pooled socket (waits for requests in flight); calling it again is a no-op. */
  close(): Promise<void>;
};

type AgentClass = typeof Agent;
let agentClass: AgentClass | undefined;

/**
 * undici's `Agent` class, loaded on the first pool. Only the dispatcher module is required, not
 * undici's index: the index also loads undici's own fetch, mock agents, caches, WebSocket and
 * EventSource, about 110 files against 23, for a pool that Node's built-in `fetch` drives. When a
 * future undici moves that file, the index is the fallback (slower to load, same class).
 */
function loadAgentClass(): AgentClass {
  if (agentClass) return agentClass;
  const load = createRequire(typeof __filename === 'string' ? __filename : import.meta.url);
  try {
    agentClass = load('undici/lib/dispatcher/agent.js') as AgentClass;
    if (typeof agentClass !== 'function') throw new TypeError('not a class');
  } catch {
    agentClass = (load('undici') as typeof import('undici')).Agent;
  }
  return agentClass;
}

/**
 * A `fetch` that keeps connections alive and pools them per origin, at most
 * `maxConnections` at once, on an undici `Agent` driven by Node's built-in `fetch` (the npm
 * `undici` package provides only the pool, so its fetch implementation is never loaded). Pass it
 * to an SDK's `fetch` option (openai, @anthropic-ai/sdk) or to `createHttpClient`. Header and body
 * timeouts are off: PAL's kernel owns timeouts and aborts through the request's `signal`.
 * @example
 * const fetch = createPooledFetch({ maxConnections: 16 });
 * const client = new OpenAI({ fetch });
 * // ...
 * await fetch.close();
 */
export function createPooledFetch(options: PooledFetchOptions = {}): PooledFetch {
  const PoolAgent = loadAgentClass();
  const dispatcher = new PoolAgent({
    connections: options.maxConnections ?? 32,
    keepAliveTimeout: options.keepAliveMs ?? 30_000,
    keepAliveMaxTimeout: Math.max(options.keepAliveMs ?? 30_000, 600_000),
    connect: { timeout: options.connectTimeoutMs ?? 10_000 },
    headersTimeout: 0,
    bodyTimeout: 0,
  });

  // Node's fetch takes undici's `dispatcher` option (not in the DOM RequestInit type); a Request
  // built by the same global fetch (ky builds one) passes straight through
  const pooled = (input: string | URL | Request, init?: RequestInit): Promise<Response> =>
    globalThis.fetch(input, { ...init, dispatcher } as RequestInit);

  let closed: Promise<void> | undefined;
  return Object.assign(pooled as typeof globalThis.fetch, {
    dispatcher,
    close: () => (closed ??= dispatcher.close()),
  });
}
