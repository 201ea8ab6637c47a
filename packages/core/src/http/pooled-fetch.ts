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

/** The constructor of an undici `Agent`. */
export type AgentClass = new (options: ConstructorParameters<typeof Agent>[0]) => Agent;

/** Where Node's fetch and undici keep the process-wide dispatcher (undici's cross-copy protocol). */
const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');

/**
 * The `Agent` class to pool with. Node's built-in `fetch` is undici: reading `Headers` loads it
 * (the SDKs do that on their first request anyway), and on load it installs an `Agent` of its own
 * as the global dispatcher, whose class takes the same options. Pooling with that class loads
 * nothing more. When the global dispatcher is something else (an app's `ProxyAgent`, a test's
 * `MockAgent`, or none), the npm `undici` package's `Agent` is used: its dispatcher module only
 * (23 files, not the index's 110 with undici's own fetch, caches, WebSocket…), or the index if a
 * future undici moves that file.
 */
export function resolveAgentClass(
  globalDispatcher: unknown,
  load: (id: string) => unknown = createRequire(
    typeof __filename === 'string' ? __filename : import.meta.url,
  ),
): AgentClass {
  const own = (globalDispatcher as { constructor?: unknown } | undefined)?.constructor;
  if (typeof own === 'function' && own.name === 'Agent') return own as AgentClass;
  try {
    const agent = load('undici/lib/dispatcher/agent.js');
    if (typeof agent === 'function') return agent as AgentClass;
  } catch {
    // moved in a later undici: the index has it
  }
  return (load('undici') as { Agent: AgentClass }).Agent;
}

let nodeAgent: AgentClass | undefined;
let npmAgent: AgentClass | undefined;

function poolWith(options: ConstructorParameters<typeof Agent>[0]): Agent {
  // `typeof` rather than a bare read, which a bundler may drop as unused
  const nodeFetchLoaded = typeof globalThis.Headers === 'function';
  nodeAgent ??= resolveAgentClass(
    nodeFetchLoaded ? (globalThis as Record<symbol, unknown>)[GLOBAL_DISPATCHER] : undefined,
  );
  try {
    return new nodeAgent(options);
  } catch (error) {
    // a Node whose own Agent no longer takes these options: undici's
    npmAgent ??= resolveAgentClass(undefined);
    if (npmAgent === nodeAgent) throw error;
    nodeAgent = npmAgent;
    return new npmAgent(options);
  }
}

/**
 * A `fetch` that keeps connections alive and pools them per origin, at most
 * `maxConnections` at once, on an undici `Agent` driven by Node's built-in `fetch` (Node's own
 * `Agent` class when it can be reached, else the npm `undici` package's: see
 * {@link resolveAgentClass}). Pass it to an SDK's `fetch` option (openai, @anthropic-ai/sdk) or to
 * `createHttpClient`. Header and body timeouts are off: PAL's kernel owns timeouts and aborts
 * through the request's `signal`.
 * @example
 * const fetch = createPooledFetch({ maxConnections: 16 });
 * const client = new OpenAI({ fetch });
 * // ...
 * await fetch.close();
 */
export function createPooledFetch(options: PooledFetchOptions = {}): PooledFetch {
  const dispatcher = poolWith({
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
