import type { ModelInfo, Secret } from '@pal/core';
import { createPooledFetch } from '@pal/core/http';

/** Options every OpenAI-protocol factory accepts. */
export interface CommonOpenAIOptions {
  /** API key (a string or a `Secret`, as `loadConfig` passes it); defaults to the vendor's own environment variable. */
  apiKey?: string | Secret;
  /** Base URL of the API (must include `/v1` for OpenAI-style hosts). */
  baseURL?: string;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /** Replaces the built-in model catalog. */
  models?: ModelInfo[];
  /** Provider id used in model refs (`"<id>/<model>"`). */
  id?: string;
  /** The model used when a request names only the provider. */
  defaultModel?: string;
  /** Cap on pooled keep-alive connections to the host (default 64). */
  maxConnections?: number;
  /** Inputs sent in one embeddings call; more are split into several calls (default 2048, OpenAI's limit). */
  maxEmbeddingsPerCall?: number;
  /** Embeddings calls in flight at once for one `embed` (default 4). */
  embeddingConcurrency?: number;
}

/**
 * The SDK client settings PAL needs on every OpenAI-protocol client: SDK retries off (the kernel
 * retries), no SDK timeout (the kernel times out through the signal), a pooled keep-alive fetch, and
 * no OpenAI organization/project headers (the SDK would read OPENAI_ORG_ID / OPENAI_PROJECT_ID even
 * for other hosts; `openai()` sets them itself).
 */
export function sdkTransport(options: CommonOpenAIOptions) {
  return {
    organization: null,
    project: null,
    defaultHeaders: options.headers,
    maxRetries: 0,
    timeout: 24 * 60 * 60 * 1000,
    fetch: createPooledFetch({ maxConnections: options.maxConnections ?? 64 }),
  };
}
