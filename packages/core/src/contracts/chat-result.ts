import { z } from 'zod';
import type { PalError } from '../errors/pal-error.js';
import type { AssistantContentPart, ToolCall } from './content.js';
import type { Cost, Usage } from './usage.js';

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
  id: string;
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
  /** The vendor's raw response, when the call asked for it (`options.includeRaw`). */
  raw?: unknown;
}

/** The result of `runtime.embed`. */
export interface EmbedResult {
  provider: string;
  model: string;
  embeddings: number[][];
  usage: Usage;
  cost: Cost;
  latencyMs: number;
  attempts: Attempt[];
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
  provider: string;
  model: string;
  images: GeneratedImage[];
  cost: Cost;
  latencyMs: number;
  attempts: Attempt[];
}
