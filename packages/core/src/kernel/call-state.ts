import { randomUUID } from 'node:crypto';
import type { Call, CallOperation, CallTarget } from '../contracts/call.js';
import type { Attempt } from '../contracts/chat-result.js';
import type { Cost, Usage } from '../contracts/usage.js';
import type { CallWarning } from '../contracts/warning.js';
import type { PalError } from '../errors/pal-error.js';
import type { TelemetrySink, TraceContext } from '../telemetry/telemetry-sink.js';

/** Ends an attempt: with the error it failed with, or none when it succeeded. */
export type AttemptEnd = (error?: PalError) => Attempt;

/**
 * The kernel's {@link Call}: one logical call, possibly across several targets. The runtime
 * creates it (or continues one it is given), points it at each target it tries, and the bottom
 * of every provider stack records each attempt in it.
 */
export class CallState implements Call {
  readonly requestId: string;
  readonly operation: CallOperation;
  readonly attempts: Attempt[] = [];
  readonly warnings: CallWarning[] = [];
  #target: CallTarget;
  #cached = false;
  #warned: Set<string> | undefined;
  /** Called with each new warning (the runtime sends it to telemetry). */
  onWarning: ((warning: CallWarning) => void) | undefined;
  /** The call's trace context, from the first tracing sink that gave one (or the caller's `traceparent`). */
  trace: TraceContext | undefined;
  #startedAt: number | undefined;
  /** Where `call-end` goes: the sink of the last runtime that served the call (unset while silent). */
  #telemetry: TelemetrySink | undefined;
  /** How the last target ended: what it used (a success), or nothing. */
  #answer: { usage: Usage; cost: Cost } | undefined;
  #endedCall = false;
  #metadata: Record<string, unknown> | undefined;

  constructor(operation: CallOperation, target: CallTarget, requestId: string = randomUUID()) {
    this.operation = operation;
    this.#target = target;
    this.requestId = requestId;
  }

  get target(): CallTarget {
    return this.#target;
  }

  get cached(): boolean {
    return this.#cached;
  }

  /** Points the call at its next target (attempts and warnings so far are kept). */
  retarget(target: CallTarget): void {
    this.#target = target;
    this.#cached = false;
  }

  warn(warning: CallWarning): void {
    const key = JSON.stringify(warning);
    this.#warned ??= new Set();
    if (this.#warned.has(key)) return;
    this.#warned.add(key);
    this.warnings.push(warning);
    this.onWarning?.(warning);
  }

  markCached(): void {
    this.#cached = true;
  }

  /** A runtime began serving the call on a target: the call's clock starts with the first, `call-end` goes to `sink`. */
  began(sink: TelemetrySink | undefined, now: number, metadata?: Record<string, unknown>): void {
    this.#startedAt ??= now;
    if (sink) this.#telemetry = sink;
    if (metadata) this.#metadata = metadata;
  }

  /** The target answered (`answer`) or failed (undefined). */
  settled(answer: { usage: Usage; cost: Cost } | undefined): void {
    this.#answer = answer;
  }

  /**
   * Emits `call-end` once, to the sink the call last ran with (nothing when it never ran with one):
   * a success with the last answer's usage unless `error` is given. `answeredBy` is the call that
   * served instead (a router's hedge, sharing the request id): its target and answer are reported.
   */
  end(error?: PalError, attempts: number = this.attempts.length, answeredBy: CallState = this): void {
    if (this.#endedCall) return;
    this.#endedCall = true;
    const sink = this.#telemetry;
    if (!sink || this.#startedAt === undefined) return;
    const answer = error ? undefined : answeredBy.#answer;
    const target = answeredBy.#target;
    const now = Date.now();
    try {
      sink.emit({
        type: 'call-end',
        time: now,
        requestId: this.requestId,
        provider: target.provider,
        model: target.modelId,
        operation: this.operation,
        outcome: error || !answer ? 'error' : 'success',
        latencyMs: now - this.#startedAt,
        attempts,
        ...(answer && { usage: answer.usage, cost: answer.cost }),
        ...(answeredBy.#cached && { cached: true }),
        ...(error && { error }),
        ...(this.trace && { traceId: this.trace.traceId }),
        ...(this.#metadata && { metadata: this.#metadata }),
      });
    } catch {
      // telemetry never breaks a call
    }
  }

  /** Records the start of an attempt on `provider`/`model`; the returned function ends it. */
  beginAttempt(provider: string, model: string): AttemptEnd {
    const started = Date.now();
    const attempt: Attempt = { provider, model, attempt: this.attempts.length + 1, latencyMs: 0 };
    this.attempts.push(attempt);
    return (error) => {
      attempt.latencyMs = Date.now() - started;
      if (error) attempt.error = error;
      return attempt;
    };
  }
}

/**
 * A new logical call to hand to `runtime.chat(request, { call })` and friends: every runtime call
 * given the same `call` shares its request id and its list of attempts, so a router (or a test)
 * that moves one request from one (provider, model) to the next reports it as one call.
 *
 * @example
 * ```ts
 * const call = createCall('chat');
 * try {
 *   return await runtime.chat({ model: 'openai/gpt-4o-mini', messages }, { call });
 * } catch {
 *   return await runtime.chat({ model: 'anthropic/claude-haiku-4-5', messages }, { call });
 * } // the result's requestId is call.requestId, and its attempts list both targets
 * ```
 */
export function createCall(operation: CallOperation = 'chat', requestId?: string): Call {
  return new CallState(operation, { provider: '', modelId: '' }, requestId);
}

/**
 * Ends a logical call continued from {@link createCall} (as a router does once no target is left
 * to try): the runtime's sinks get one `call-end` event, a success with the last target's answer,
 * or a failure with `error`. The runtime ends the calls it starts itself; calling this twice, or
 * for a call that never reached a runtime with telemetry, does nothing.
 *
 * @example
 * ```ts
 * const call = createCall('chat');
 * try {
 *   const result = await runtime.chat(request, { call });
 *   endCall(call);
 *   return result;
 * } catch (error) {
 *   endCall(call, { error: error as PalError });
 *   throw error;
 * }
 * ```
 */
export function endCall(
  call: Call,
  outcome: {
    error?: PalError;
    /** Attempts across the call and its hedges (default: the call's own). */
    attempts?: number;
    /** The call that served instead of `call`, when another one did (a hedge with the same request id). */
    answeredBy?: Call;
  } = {},
): void {
  const state = callStateOf(call);
  state?.end(outcome.error, outcome.attempts, callStateOf(outcome.answeredBy) ?? state);
}

/** The kernel's state behind a `Call` (undefined for a call object the kernel did not make). */
export function callStateOf(call: Call | undefined): CallState | undefined {
  return call instanceof CallState ? call : undefined;
}
