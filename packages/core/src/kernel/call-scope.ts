import type { CallContext } from '../contracts/adapter.js';
import type { CallOperation } from '../contracts/call.js';
import type { Attempt, FinishReason } from '../contracts/chat-result.js';
import type { Cost, Usage } from '../contracts/usage.js';
import { isPalError, type PalError } from '../errors/pal-error.js';
import type {
  RequestParams,
  ResponseInfo,
  ServerAddress,
  TelemetryEvent,
  TelemetrySink,
  TraceContext,
} from '../telemetry/telemetry-sink.js';
import { abortedError } from '../errors/aborted.js';
import { CallAbort, lazySignalContext } from './call-abort.js';
import type { CallState } from './call-state.js';
import { isSilentSink } from './silent-sink.js';

export type { CallOperation } from '../contracts/call.js';

/** What a call scope is set up with. */
export interface CallScopeOptions {
  operation: CallOperation;
  /** The logical call (new, or continued across targets), already pointed at this scope's target. */
  call: CallState;
  telemetry: TelemetrySink;
  /** The request parameters the `request` event carries (OpenTelemetry GenAI request attributes). */
  params?: RequestParams;
  /** Signals that cancel the call (the caller's options and the request's own). */
  signals: Array<AbortSignal | undefined>;
  headers?: Record<string, string>;
  overrides?: Record<string, unknown>;
  includeRaw?: boolean;
  metadata?: Record<string, unknown>;
  /** Where the target's requests go (the `request` event's `server`); only read when telemetry is on. */
  server?: ServerAddress;
  /** The caller's W3C `traceparent` (`options.traceparent`). */
  traceparent?: string;
  /** This scope started the logical call (it was not continued from `createCall()`): it ends it too (`call-end`). */
  owned?: boolean;
  /** Called when the call ends, whichever way. */
  onEnd?(scope: CallScope): void;
}

/**
 * One runtime call on one target, from `begin` to `end`: the cancellation every attempt's signal
 * hangs off (its own signal created only when read), the logical {@link CallState} it serves
 * (request id, attempts, warnings), and the `request` / `first-token` / `warning` / `usage` /
 * `error` telemetry events.
 */
export class CallScope {
  readonly requestId: string;
  readonly call: CallState;
  readonly ctx: CallContext;
  readonly #options: CallScopeOptions;
  readonly #abort = new CallAbort();
  readonly #unlink: Array<() => void> = [];
  #startedAt = Date.now();
  #begun = false;
  #settled = false;
  #ended = false;
  /** Attempts the logical call had when this scope began (earlier targets'). */
  #attemptsBefore = 0;
  #failure: PalError | undefined;
  readonly #silent: boolean;

  constructor(options: CallScopeOptions) {
    this.#options = options;
    this.call = options.call;
    this.requestId = options.call.requestId;
    this.#silent = isSilentSink(options.telemetry);
    if (!this.#silent) this.call.onWarning = (warning) => this.#emit({ type: 'warning', warning });
    // the signal is created only if a layer reads it (the timeout policy links without reading it)
    const fields: Omit<CallContext, 'signal'> = {
      attempt: 1,
      headers: { ...options.headers },
      requestId: this.requestId,
      call: options.call,
      telemetry: options.telemetry,
    };
    if (options.overrides) fields.overrides = options.overrides;
    if (options.includeRaw) fields.includeRaw = true;
    this.ctx = lazySignalContext(this.#abort, fields);
  }

  /** Milliseconds since `begin`. */
  get elapsedMs(): number {
    return Date.now() - this.#startedAt;
  }

  /** A copy of the attempts of the logical call so far (every target it was sent to). */
  get attempts(): Attempt[] {
    return this.call.attempts.map((attempt) => ({ ...attempt }));
  }

  /**
   * Starts the clock, links the caller's signals, emits `request`, and takes the call's trace
   * context (a tracing sink's, else the caller's `traceparent`) into the upstream headers.
   */
  begin(): void {
    if (this.#begun) return;
    this.#begun = true;
    this.#startedAt = Date.now();
    this.#attemptsBefore = this.call.attempts.length;
    this.call.began(
      this.#silent ? undefined : this.#options.telemetry,
      this.#startedAt,
      this.#options.metadata,
    );
    for (const signal of this.#options.signals) {
      if (!signal) continue;
      if (signal.aborted) {
        this.abort(signal.reason);
        continue;
      }
      const onAbort = () => this.abort(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      this.#unlink.push(() => signal.removeEventListener('abort', onAbort));
    }
    this.#emit({
      type: 'request',
      operation: this.#options.operation,
      ...(this.#options.params && { params: this.#options.params }),
      ...(this.#options.metadata && { metadata: this.#options.metadata }),
      ...(this.#options.server && { server: this.#options.server }),
      ...(this.#options.traceparent && { traceparent: this.#options.traceparent }),
    });
    this.#trace();
  }

  /** The call's trace context, sent upstream unless the caller set the header itself. */
  #trace(): void {
    const call = this.call;
    if (!this.#silent) call.trace ??= this.#options.telemetry.traceContext?.(this.requestId);
    if (!call.trace && this.#options.traceparent) call.trace = callerTrace(this.#options.traceparent);
    const trace = call.trace;
    if (!trace) return;
    const headers = this.ctx.headers;
    if (Object.keys(headers).some((name) => name.toLowerCase() === 'traceparent')) return;
    headers.traceparent = trace.traceparent;
    if (trace.tracestate) headers.tracestate = trace.tracestate;
  }

  /** Aborts the call: a `PalError` reason is kept (it is what the caller gets), anything else means ABORTED. */
  abort(reason?: unknown): void {
    if (this.#abort.aborted) return;
    this.#abort.abort(abortedError(reason, this.#where()));
  }

  /** Emits `first-token`. */
  firstToken(): void {
    this.#emit({ type: 'first-token', latencyMs: this.elapsedMs });
  }

  /** Emits `usage` for a call that succeeded, with the answer's id, model and finish reason when given. */
  succeed(usage: Usage, cost: Cost, answer?: AnswerInfo): void {
    if (this.#settled) return;
    this.#settled = true;
    this.call.settled({ usage, cost });
    if (this.#silent) return;
    this.#emit({
      type: 'usage',
      usage,
      cost,
      ...(this.call.cached && { cached: true }),
      ...(answer && { response: responseInfo(answer) }),
      ...this.#endFields(),
    });
  }

  /** Emits `error` for a call that failed, with what it used before failing when anything. */
  fail(error: PalError, spent?: Spent): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#failure = error;
    this.call.settled(undefined);
    this.#emit({
      type: 'error',
      error,
      ...(spent && { usage: spent.usage, cost: spent.cost }),
      ...this.#endFields(),
    });
  }

  /**
   * Ends the call: a call that neither succeeded nor failed (an abandoned stream) reports ABORTED,
   * with what it used so far (`spent`) when anything.
   */
  end(spent?: Spent): void {
    if (this.#ended) return;
    this.#ended = true;
    if (this.#begun && !this.#settled) {
      const reason: unknown = this.#abort.reason;
      this.fail(
        isPalError(reason)
          ? reason
          : abortedError(undefined, {
              ...this.#where(),
              message: 'The call was abandoned before it finished',
            }),
        spent,
      );
    }
    for (const unlink of this.#unlink) unlink();
    this.call.onWarning = undefined;
    if (this.#begun && this.#options.owned) this.call.end(this.#failure);
    this.#options.onEnd?.(this);
  }

  /** What the events that end the call carry besides their own fields. */
  #endFields() {
    return {
      latencyMs: this.elapsedMs,
      operation: this.#options.operation,
      attempts: this.call.attempts.length - this.#attemptsBefore,
      ...(this.#options.metadata && { metadata: this.#options.metadata }),
      ...(this.call.trace && { traceId: this.call.trace.traceId }),
    };
  }

  #where(): { provider: string; model: string } {
    return { provider: this.call.target.provider, model: this.call.target.modelId };
  }

  #emit(body: DistributiveOmit<TelemetryEvent, 'time' | 'requestId' | 'provider' | 'model'>): void {
    if (this.#silent) return;
    this.#options.telemetry.emit({
      ...body,
      time: Date.now(),
      requestId: this.requestId,
      provider: this.call.target.provider,
      model: this.call.target.modelId,
    } as TelemetryEvent);
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What an answer says about itself: a chat result, or what a stream's events gave. */
export interface AnswerInfo {
  id?: string;
  model?: string;
  finishReason?: FinishReason;
}

function responseInfo(answer: AnswerInfo): ResponseInfo {
  const info: ResponseInfo = {};
  if (answer.id) info.id = answer.id;
  if (answer.model) info.model = answer.model;
  if (answer.finishReason) info.finishReasons = [answer.finishReason];
  return info;
}

/** The trace context of a caller's `traceparent` (`00-<trace id>-<span id>-<flags>`), when it is one. */
function callerTrace(traceparent: string): TraceContext | undefined {
  const match = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/.exec(
    traceparent.trim().toLowerCase(),
  );
  return match ? { traceId: match[1] as string, traceparent: traceparent.trim().toLowerCase() } : undefined;
}

/** What a call used before it failed or was abandoned. */
export interface Spent {
  usage: Usage;
  cost: Cost;
}
