import type { PalError } from '../errors/pal-error.js';
import type { FinishReason } from './chat-result.js';
import type { Cost, Usage } from './usage.js';
import type { CallWarning } from './warning.js';

/** The provider and model serving the stream (first event of every stream). */
export interface StartEvent {
  type: 'start';
  provider: string;
  model: string;
  id?: string;
}
export interface TextDeltaEvent {
  type: 'text-delta';
  text: string;
}
export interface ReasoningDeltaEvent {
  type: 'reasoning-delta';
  text: string;
  /** Signature for the reasoning block, when the vendor sends one. */
  signature?: string;
  /** A whole redacted (encrypted) reasoning block, which becomes a part of its own. */
  redactedData?: string;
}
/** A piece of a tool call's JSON arguments. `index` orders parallel calls; `id`/`name` come with the first delta. */
export interface ToolCallDeltaEvent {
  type: 'tool-call-delta';
  index: number;
  id?: string;
  name?: string;
  argumentsDelta: string;
}
/** A complete tool call with parsed arguments. */
export interface ToolCallEvent {
  type: 'tool-call';
  id: string;
  name: string;
  arguments: unknown;
  /** Vendor signature of the call, to send back with it (see `ToolCallPart.signature`). */
  signature?: string;
}
export interface UsageEvent {
  type: 'usage';
  usage: Usage;
}
export interface FinishEvent {
  type: 'finish';
  finishReason: FinishReason;
  usage: Usage;
  cost: Cost;
  /** What the provider could not do as asked; absent when none. */
  warnings?: CallWarning[];
}
/** A failure after the stream has started; it ends the stream. */
export interface ErrorEvent {
  type: 'error';
  error: PalError;
}

/** What `runtime.stream` yields. */
export type StreamEvent =
  | StartEvent
  | TextDeltaEvent
  | ReasoningDeltaEvent
  | ToolCallDeltaEvent
  | ToolCallEvent
  | UsageEvent
  | FinishEvent
  | ErrorEvent;

/**
 * What an adapter's `stream` yields. The kernel adds `start` if missing, assembles
 * `tool-call` events from deltas when the adapter sends only deltas, fills usage
 * (estimating when absent) and cost on `finish`, and turns thrown errors into `error`.
 * Adapters throw (a `PalError` or the SDK's error) instead of yielding `error`.
 */
export type ProviderStreamEvent =
  | StartEvent
  | TextDeltaEvent
  | ReasoningDeltaEvent
  | ToolCallDeltaEvent
  | ToolCallEvent
  | UsageEvent
  | { type: 'finish'; finishReason: FinishReason; usage?: Usage };
