import type Anthropic from '@anthropic-ai/sdk';
import type { ModelInfo, Secret } from '@pal/core';

/** Options for {@link anthropic}. */
export interface AnthropicOptions {
  /** API key (a string or a `Secret`, as `loadConfig` passes it); defaults to the `ANTHROPIC_API_KEY` environment variable. */
  apiKey?: string | Secret;
  /** API origin without `/v1` (the SDK appends it); defaults to `ANTHROPIC_BASE_URL` or `https://api.anthropic.com`. */
  baseURL?: string;
  /** Headers sent with every request (e.g. `anthropic-beta`). */
  headers?: Record<string, string>;
  /** The model catalog to use instead of the built-in one. */
  models?: readonly ModelInfo[];
  /** A ready-made SDK client; `apiKey`, `baseURL`, `headers` and `maxConnections` are then ignored. */
  client?: Anthropic;
  /** Provider id used in model refs (default `"anthropic"`). */
  id?: string;
  /** Most sockets kept open to the API at once (default 64). */
  maxConnections?: number;
  /** `max_tokens` when a request sets no `maxOutputTokens` (default: the model's catalog maximum, else 4096). */
  defaultMaxOutputTokens?: number;
  /** Model used when a request names only the provider (default `"claude-haiku-4-5"`). */
  defaultModel?: string;
}
