import type { PalError } from '../errors/pal-error.js';
import type { ErrorCode } from '../errors/error-code.js';
import type { CallOperation } from '../contracts/call.js';
import type { FinishReason } from '../contracts/chat-result.js';
import type { Cost, Usage } from '../contracts/usage.js';
import type { CallWarning } from '../contracts/warning.js';
import { redactSecrets } from '../errors/mask-secret.js';

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

/** Where a provider's requests go (OpenTelemetry `server.address` / `server.port`), from its adapter's `baseURL`. */
export interface ServerAddress {
  address: string;
  port?: number;
}

/** What a target's answer says about itself (OpenTelemetry `gen_ai.response.*`). */
export interface ResponseInfo {
  /** The vendor's response id. */
  id?: string;
  /** The model that answered, as the vendor names it. */
  model?: string;
  finishReasons?: FinishReason[];
}

/** The W3C trace context of a call, as a tracing sink gives it (see {@link TelemetrySink.traceContext}). */
export interface TraceContext {
  /** 32 hex digits. */
  traceId: string;
  /** The `traceparent` header naming the call's span: `00-<trace id>-<span id>-<flags>`. */
  traceparent: string;
  tracestate?: string;
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
      /** Where the provider's requests go, when its adapter says (`baseURL`). */
      server?: ServerAddress;
      /** The `traceparent` the caller gave the call (`options.traceparent`): the call's span is its child. */
      traceparent?: string;
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
  | (EventBase & {
      /**
       * A live price refresh ended (runtime `pricing` option; `requestId` is empty): `ok` when the
       * price data was fetched, validated and applied, `failed` when the prices in force were kept.
       */
      type: 'pricing-refresh';
      outcome: 'ok' | 'failed';
      /** The price data URL, without its query or user info. */
      source: string;
      /** Catalog models priced from live data after the refresh (on a failure: from the copy kept). */
      models: number;
      durationMs: number;
      /** The data's version (the response's `ETag`) and date (its `Last-Modified`), when known. */
      version?: string;
      dataDate?: string;
      /** The server said the data had not changed (`304`). */
      notModified?: boolean;
      /** Why the refresh failed. */
      error?: string;
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
        /** The answer's id, model and finish reason (chat and stream calls). */
        response?: ResponseInfo;
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
      })
  | (EventBase & {
      /**
       * The logical call is over, after every target, retry, fallback and hedge: emitted once per
       * call, after its last `usage` / `error`. `provider` and `model` are the last target's.
       * The runtime emits it for the calls it starts; a call continued from `createCall()` (a
       * router's) ends when its owner calls `endCall`.
       */
      type: 'call-end';
      operation: CallOperation;
      outcome: 'success' | 'error';
      /** Since the call's first target began. */
      latencyMs: number;
      /** Attempts that reached an adapter, across every target (and a router's hedges). */
      attempts: number;
      /** What the answer used and cost (a success). */
      usage?: Usage;
      cost?: Cost;
      cached?: boolean;
      /** Why the call failed (an error). */
      error?: PalError;
      /** The call's trace id, when a tracing sink gave it one. */
      traceId?: string;
      metadata?: Record<string, unknown>;
    });

/** What the `usage` and `error` events that end a call on one target carry besides their own fields. */
interface CallEnd {
  latencyMs: number;
  /** The request's `metadata` (`runId`, `user`, …). */
  metadata?: Record<string, unknown>;
  operation?: 'chat' | 'stream' | 'embed' | 'image';
  /** Attempts sent to this target for the call (the first and every retry). */
  attempts?: number;
  /** The call's trace id, when a tracing sink gave it one or the caller passed a `traceparent`. */
  traceId?: string;
}

/** Receives kernel events. Implementations must not throw (errors are swallowed by the kernel). */
export interface TelemetrySink {
  emit(event: TelemetryEvent): void;
  /**
   * A tracing sink's trace context for a call, asked right after each of its `request` events:
   * the kernel sends its `traceparent` (and `tracestate`) upstream and puts `traceId` and
   * `traceparent` on the result. Optional; the first sink that answers wins.
   */
  traceContext?(requestId: string): TraceContext | undefined;
}

/** A sink made of several: each event goes to each, and a sink that throws is skipped and counted. */
export interface CombinedSink extends TelemetrySink {
  /** How many times a sink threw (each failing sink is reported once, as a process warning). */
  readonly failures: number;
}

/**
 * Fans one event out to several sinks, isolating failures: a sink that throws never breaks the
 * call or the other sinks; its failures are counted (`failures`) and the first of each sink is
 * reported once, as a `PAL_TELEMETRY_SINK_ERROR` process warning. `traceContext` is asked of each
 * sink in turn until one answers.
 *
 * @example
 * ```ts
 * const pal = createRuntime({ providers, telemetry: combineSinks(otelSink(), { emit: (e) => console.log(e.type) }) });
 * ```
 */
export function combineSinks(...sinks: Array<TelemetrySink | undefined>): CombinedSink {
  const present = sinks.filter((s): s is TelemetrySink => s !== undefined);
  const tracing = present.filter((s) => typeof s.traceContext === 'function');
  const reported = new Set<TelemetrySink>();
  let failures = 0;
  const failed = (sink: TelemetrySink, error: unknown) => {
    failures++;
    if (reported.has(sink)) return;
    reported.add(sink);
    const reason = redactSecrets(error instanceof Error ? error.message : String(error));
    process.emitWarning(`A telemetry sink threw and was skipped (reported once per sink): ${reason}`, {
      code: 'PAL_TELEMETRY_SINK_ERROR',
    });
  };
  return {
    get failures() {
      return failures;
    },
    emit(event) {
      for (const sink of present) {
        try {
          sink.emit(event);
        } catch (error) {
          // a broken sink must never break a call
          failed(sink, error);
        }
      }
    },
    ...(tracing.length > 0 && {
      traceContext(requestId: string) {
        for (const sink of tracing) {
          try {
            const found = sink.traceContext?.(requestId);
            if (found) return found;
          } catch (error) {
            failed(sink, error);
          }
        }
        return undefined;
      },
    }),
  };
}
