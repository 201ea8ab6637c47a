import { z } from 'zod';
import type { PalError } from '../errors/pal-error.js';
import type { AssistantContentPart, ToolCall } from './content.js';
import type { Cost, Usage } from './usage.js';
import type { CallWarning } from './warning.js';

/** Why generation stopped, normalised across vendors. */
export const finishReasonSchema = z.enum([
  'stop',
  'length',
  'tool-calls',
  'content-filter',
  'error',
  'other',
]);
export type FinishReason = z.infer<typeof finishReasonSchema>;

/** One provider/model tried for a call, and the error that moved PAL on (if any). */
export interface Attempt {
  provider: string;
  model: string;
  attempt: number;
  latencyMs: number;
  error?: PalError;
}

/** The result of `runtime.chat`. */
export interface ChatResult {
  /** The vendor's response id. */
  id: string;
  /** PAL's id of the logical call (one id across retries and fallbacks; `x-request-id` in the gateway). */
  requestId: string;
  provider: string;
  /** The model that actually served the call. */
  model: string;
  content: AssistantContentPart[];
  /** All text parts joined. */
  text: string;
  toolCalls: ToolCall[];
  /** All reasoning parts joined, when the model exposed any. */
  reasoning?: string;
  finishReason: FinishReason;
  usage: Usage;
  cost: Cost;
  latencyMs: number;
  attempts: Attempt[];
  /** True when the result came from the response cache. */
  cached?: boolean;
  /** What the provider could not do as asked (a dropped or changed setting); absent when none. */
  warnings?: CallWarning[];
  /**
   * The answer parsed as JSON, for a request with `responseFormat: { type: 'json' }` (validated by,
   * and typed from, its zod schema when it has one).
   */
  object?: unknown;
  /** The vendor's raw response, when the call asked for it (`options.includeRaw`). */
  raw?: unknown;
  /**
   * The call's W3C trace id, when it is traced: a tracing sink (`@pal/telemetry`'s `otelSink`)
   * gave the call a span, or the caller passed `options.traceparent`.
   */
  traceId?: string;
  /** The `traceparent` sent upstream for the call (its span's). */
  traceparent?: string;
}

/** The result of `runtime.embed`. */
export interface EmbedResult {
  requestId: string;
  provider: string;
  model: string;
  embeddings: number[][];
  usage: Usage;
  cost: Cost;
  latencyMs: number;
  attempts: Attempt[];
  warnings?: CallWarning[];
  /** The call's trace id and `traceparent`, when it is traced (see `ChatResult.traceId`). */
  traceId?: string;
  traceparent?: string;
}

/** One generated image. */
export interface GeneratedImage {
  /** Base64 image bytes. */
  data?: string;
  url?: string;
  mediaType: string;
  revisedPrompt?: string;
}

/** The result of `runtime.generateImage`. */
export interface ImageResult {
  requestId: string;
  provider: string;
  model: string;
  images: GeneratedImage[];
  cost: Cost;
  latencyMs: number;
  attempts: Attempt[];
}
