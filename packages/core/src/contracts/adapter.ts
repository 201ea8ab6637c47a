import type { PalError } from '../errors/pal-error.js';
import type { TelemetrySink } from '../telemetry/telemetry-sink.js';
import type { AssistantContentPart } from './content.js';
import type { ChatRequest, EmbedRequest, ImageRequest } from './chat-request.js';
import type { FinishReason, GeneratedImage } from './chat-result.js';
import type { Call } from './call.js';
import type { Capabilities, CatalogPrices, ModelInfo } from './model-info.js';
import type { ProviderStreamEvent } from './stream-event.js';
import type { Usage } from './usage.js';

/** Rate-limit state a vendor reported in its response headers (`x-ratelimit-*`, `anthropic-ratelimit-*`). */
export interface RateLimitInfo {
  limitRequests?: number;
  remainingRequests?: number;
  /** Milliseconds until the request budget resets. */
  resetRequestsMs?: number;
  limitTokens?: number;
  remainingTokens?: number;
  resetTokensMs?: number;
}

/** Per-attempt context the kernel hands to an adapter. */
export interface CallContext {
  /** Aborted on caller abort, total timeout, or idle timeout. Pass it to the SDK. */
  signal: AbortSignal;
  /** Epoch milliseconds by which the whole call must finish, if a total timeout is set. */
  deadline?: number;
  /** 1-based attempt number for this provider. */
  attempt: number;
  /** Extra HTTP headers to send upstream (e.g. tracing headers). */
  headers: Record<string, string>;
  /** Unique id of the logical call (the same for every attempt); the same as `call.requestId`. */
  requestId: string;
  /**
   * The logical call this attempt belongs to: its target with the model's catalog entry, its
   * attempts so far, whether the cache served it, and where adapters report warnings
   * (`ctx.call.warn(...)`).
   */
  call: Call;
  /** Adapters report vendor rate-limit headers here so the rate limiter can adapt. */
  reportRateLimit?: (info: RateLimitInfo) => void;
  /** Where kernel and policy events go. */
  telemetry?: TelemetrySink;
  /** Per-call policy overrides, keyed by policy name (read by policies, not adapters). */
  overrides?: Readonly<Record<string, unknown>>;
  /** Set by the caller's options: adapters attach the vendor response as `raw`. */
  includeRaw?: boolean;
}

/** What an adapter's `chat` returns; the kernel adds text, toolCalls, cost, latency and attempts. */
export interface AdapterChatResult {
  id: string;
  /** The model that served the call, as the vendor reports it. */
  model: string;
  content: AssistantContentPart[];
  finishReason: FinishReason;
  /** Omit when the vendor gave none: the kernel estimates it and marks it `estimated`. */
  usage?: Usage;
  raw?: unknown;
}

/** What an adapter's `embed` returns. */
export interface AdapterEmbedResult {
  model: string;
  embeddings: number[][];
  usage?: Usage;
}

/** What an adapter's `generateImage` returns. */
export interface AdapterImageResult {
  model: string;
  images: GeneratedImage[];
}

/** What a provider as a whole supports (each model in `models` may support less). */
export type ProviderCapabilities = Capabilities;

/**
 * All a provider package implements: translation between PAL's canonical types and
 * one vendor. Adapters do not retry, time out or price: the kernel does.
 */
export interface ProviderAdapter {
  /** Stable id, used in model refs: `"openai"` in `"openai/gpt-4o"`. */
  readonly id: string;
  readonly displayName: string;
  /** The static model catalog (context window, capabilities, pricing). */
  readonly models: readonly ModelInfo[];
  /**
   * Where the catalog's prices came from (its `ModelCatalog.prices`). A runtime with live price
   * refresh on looks `models` up under `prices.provider` in the refreshed price data; an adapter
   * without it keeps its catalog's prices.
   */
  readonly prices?: CatalogPrices;
  readonly capabilities: ProviderCapabilities;
  /** The model used when a request names only the provider. */
  readonly defaultModel?: string;
  /** True for providers that run on the user's machine (Ollama): free and private. */
  readonly local?: boolean;
  /**
   * How the vendor takes images. `'bytes'`: only inline (base64), never by URL (Bedrock, Gemini,
   * Ollama); with `images.fetchUrls` on, the kernel downloads http(s) image URLs and inlines them
   * before the request reaches the stack, else the adapter refuses them. Default `'url-or-bytes'`.
   */
  readonly imageInput?: 'bytes' | 'url-or-bytes';
  /**
   * The URL the adapter sends its requests to (its configured or default base URL). Telemetry
   * reports its host and port (`server.address`, `server.port`); it must not hold credentials.
   */
  readonly baseURL?: string;
  /**
   * The most output tokens `request` will ask the vendor for: `maxOutputTokens` plus any thinking
   * or reasoning budget the adapter adds on top (Anthropic sends `max_tokens = budget + max`).
   * Implement it when the adapter adds such a budget, so budgets reserve and `estimate()` prices
   * what the vendor may really bill. Omitted: `request.maxOutputTokens` is the cap.
   */
  maxOutputTokensFor?(request: ChatRequest): number | undefined;
  chat(request: ChatRequest, ctx: CallContext): Promise<AdapterChatResult>;
  stream(request: ChatRequest, ctx: CallContext): AsyncIterable<ProviderStreamEvent>;
  embed?(request: EmbedRequest, ctx: CallContext): Promise<AdapterEmbedResult>;
  generateImage?(request: ImageRequest, ctx: CallContext): Promise<AdapterImageResult>;
  /** The models the vendor lists right now (live call). */
  listModels?(ctx?: Partial<CallContext>): Promise<ModelInfo[]>;
  /** Makes the cheapest authenticated call the vendor offers; throws a `PalError` when the credentials fail. */
  validateCredentials?(ctx?: Partial<CallContext>): Promise<void>;
  /** Maps anything the SDK throws into PAL's taxonomy. */
  toPalError(error: unknown, context?: { model?: string }): PalError;
}
