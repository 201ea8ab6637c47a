import type { Attempt } from './chat-result.js';
import type { ModelInfo } from './model-info.js';
import type { CallWarning } from './warning.js';

/** The operations a call can be. */
export type CallOperation = 'chat' | 'stream' | 'embed' | 'image';

/** The (provider, model) a call is being sent to. */
export interface CallTarget {
  /** Provider id, e.g. `openai`. */
  readonly provider: string;
  /** The provider's bare model id, e.g. `gpt-4o-mini`. */
  readonly modelId: string;
  /** The model's catalog entry from the registry's merged catalog (config overrides applied), when known. */
  readonly model?: ModelInfo;
  /**
   * The most output tokens this call will ask the vendor for on this target: `maxOutputTokens` plus
   * any thinking or reasoning budget the adapter adds (see `ProviderAdapter.maxOutputTokensFor`).
   * The budget guard reserves for it and `estimate()` prices it. Undefined when the request set no cap.
   */
  readonly maxOutputTokens?: number;
}

/**
 * One logical call, as it travels down a provider stack on `ctx.call`. The kernel creates it; a
 * router moves it from one target to the next (`call.target`) and it keeps one request id and
 * one list of attempts across them. Policies read the target's catalog entry here (never the
 * adapter's built-in `models`), and adapters report what they dropped or changed with `warn`.
 */
export interface Call {
  /** Unique id of the logical call, the same for every attempt and target. */
  readonly requestId: string;
  readonly operation: CallOperation;
  /** The target tried now. */
  readonly target: CallTarget;
  /** Every attempt that reached an adapter, across targets, in order. */
  readonly attempts: readonly Attempt[];
  /** True once the response cache served the call (nothing was sent, so it costs nothing). */
  readonly cached: boolean;
  /** What adapters dropped or changed of the request, in the order reported (duplicates removed). */
  readonly warnings: readonly CallWarning[];
  /** Reports a setting the vendor could not honour as asked (shown on the result and sent to telemetry). */
  warn(warning: CallWarning): void;
  /** Marks the call as served from the cache (the response cache does this). */
  markCached(): void;
}
