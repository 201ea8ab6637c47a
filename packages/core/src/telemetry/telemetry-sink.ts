import type { PalError } from '../errors/pal-error.js';
import type { ErrorCode } from '../errors/error-code.js';
import type { Cost, Usage } from '../contracts/usage.js';
import type { CallWarning } from '../contracts/warning.js';

/**
 * The request parameters a `request` event carries: those the OpenTelemetry GenAI conventions
 * name as `gen_ai.request.*` attributes, plus the tool names and the output type. Message
 * content is never included.
 */
export interface RequestParams {
  model: string;
  temperature?: number;
  topP?: number;
  topK?: number;
  maxOutputTokens?: number;
  stopSequences?: string[];
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  /** Names of the tools offered. */
  toolNames?: string[];
  /** `text` or `json` (the request's `responseFormat`). */
  outputType?: 'text' | 'json';
  /** Embedding dimensions, or images asked for. */
  dimensions?: number;
  n?: number;
}

/** Fields every kernel event carries. */
interface EventBase {
  /** Epoch milliseconds. */
  time: number;
  requestId: string;
  provider?: string;
  model?: string;
}

/**
 * Every event the kernel and its policies emit. `@pal/telemetry` turns these into
 * OpenTelemetry spans, Prometheus metrics and ledger rows; the kernel imports no OTel.
 */
export type TelemetryEvent =
  | (EventBase & {
      type: 'request';
      operation: 'chat' | 'stream' | 'embed' | 'image';
      params?: RequestParams;
      metadata?: Record<string, unknown>;
    })
  | (EventBase & { type: 'attempt'; attempt: number })
  | (EventBase & {
      /** One attempt that reached the adapter ended. */
      type: 'attempt-end';
      attempt: number;
      latencyMs: number;
      outcome: 'success' | 'error' | 'cancelled';
      errorCode?: ErrorCode;
      usage?: Usage;
    })
  | (EventBase & { type: 'retry'; attempt: number; delayMs: number; error: PalError })
  | (EventBase & {
      /** The router moved the call from one target (`provider/model`) to the next. */
      type: 'fallback';
      from: string;
      to: string;
      error: PalError;
    })
  | (EventBase & {
      /** The router chose the targets for a call, in order. */
      type: 'route';
      strategy: string;
      candidates: string[];
      reason?: string;
    })
  | (EventBase & {
      /** The router sent a hedge (a second, concurrent request) or one of them won. */
      type: 'hedge';
      action: 'start' | 'win' | 'cancel';
      target: string;
      delayMs?: number;
      /** On `cancel`: what the cancelled request may still be billed (its estimated input), in USD. */
      wasteUsd?: number;
      /** On `cancel`: its estimated input tokens. */
      wasteTokens?: number;
    })
  | (EventBase & {
      /** A router's health check found a provider healthy or not (emitted when that changes). */
      type: 'health';
      healthy: boolean;
      error?: PalError;
    })
  | (EventBase & { type: 'warning'; warning: CallWarning })
  | (EventBase & {
      type: 'circuit';
      state: 'closed' | 'open' | 'half-open';
      previous: 'closed' | 'open' | 'half-open';
    })
  | (EventBase & { type: 'cache'; hit: boolean })
  | (EventBase & { type: 'rate-limit'; waitedMs: number; rejected: boolean })
  | (EventBase & {
      type: 'budget';
      action: 'reserve' | 'settle' | 'release' | 'reject' | 'alert';
      scope: string;
      amountUsd: number;
      spentUsd: number;
      limitUsd?: number;
    })
  | (EventBase & { type: 'first-token'; latencyMs: number })
  | (EventBase &
      CallEnd & {
        /** A call succeeded: what it used and cost. */
        type: 'usage';
        usage: Usage;
        cost: Cost;
        /** True when the answer came from the response cache (then `cost` is zero). */
        cached?: boolean;
      })
  | (EventBase &
      CallEnd & {
        /** A call failed, was aborted or was abandoned (a stream the caller stopped reading). */
        type: 'error';
        error: PalError;
        /**
         * What the call used before it ended, when it got that far: the usage a stream reported,
         * or, for a stream that had started answering, an estimate from its prompt and the output
         * so far (`usage.estimated`). Absent when nothing was answered (the vendor bills nothing).
         */
        usage?: Usage;
        cost?: Cost;
      });

/** What the `usage` and `error` events that end a call on one target carry besides their own fields. */
interface CallEnd {
  latencyMs: number;
  /** The request's `metadata` (`runId`, `user`, …). */
  metadata?: Record<string, unknown>;
  operation?: 'chat' | 'stream' | 'embed' | 'image';
  /** Attempts sent to this target for the call (the first and every retry). */
  attempts?: number;
}

/** Receives kernel events. Implementations must not throw (errors are swallowed by the kernel). */
export interface TelemetrySink {
  emit(event: TelemetryEvent): void;
}

/** Fans one event out to several sinks, isolating failures.  *
 * @example
 * ```ts
 * const pal = createRuntime({ providers, telemetry: combineSinks(otelSink(), { emit: (e) => console.log(e.type) }) });
 * ```
 */
export function combineSinks(...sinks: Array<TelemetrySink | undefined>): TelemetrySink {
  const present = sinks.filter((s): s is TelemetrySink => s !== undefined);
  return {
    emit(event) {
      for (const sink of present) {
        try {
          sink.emit(event);
        } catch {
          // a broken sink must never break a call
        }
      }
    },
  };
}
