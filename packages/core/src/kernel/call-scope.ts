import { randomUUID } from 'node:crypto';
import type { CallContext } from '../contracts/adapter.js';
import type { Attempt } from '../contracts/chat-result.js';
import type { Cost, Usage } from '../contracts/usage.js';
import { isPalError, PalError } from '../errors/pal-error.js';
import type { TelemetryEvent, TelemetrySink } from '../telemetry/telemetry-sink.js';
import type { AttemptLog } from './attempt-recorder.js';
import { CallAbort, lazySignalContext } from './call-abort.js';
import { isSilentSink } from './silent-sink.js';

/** The operations a runtime call can be. */
export type CallOperation = 'chat' | 'stream' | 'embed' | 'image';

/** What a call scope is set up with. */
export interface CallScopeOptions {
  operation: CallOperation;
  provider: string;
  model: string;
  telemetry: TelemetrySink;
  attemptLog: AttemptLog;
  /** Signals that cancel the call (the caller's options and the request's own). */
  signals: Array<AbortSignal | undefined>;
  headers?: Record<string, string>;
  overrides?: Record<string, unknown>;
  includeRaw?: boolean;
  metadata?: Record<string, unknown>;
  /** Called when the call ends, whichever way. */
  onEnd?(scope: CallScope): void;
}

/**
 * One logical call of the runtime, from `begin` to `end`: its request id, the cancellation
 * every attempt's signal hangs off (its own signal created only when read), the attempts the recorder logs, and the
 * `request` / `first-token` / `usage` / `error` telemetry events.
 */
export class CallScope {
  readonly requestId = randomUUID();
  readonly ctx: CallContext;
  readonly #options: CallScopeOptions;
  readonly #abort = new CallAbort();
  readonly #attempts: Attempt[] = [];
  readonly #unlink: Array<() => void> = [];
  #startedAt = Date.now();
  #begun = false;
  #settled = false;
  #ended = false;
  readonly #silent: boolean;

  constructor(options: CallScopeOptions) {
    this.#options = options;
    this.#silent = isSilentSink(options.telemetry);
    // the signal is created only if a layer reads it (the timeout policy links without reading it)
    const fields: Omit<CallContext, 'signal'> = {
      attempt: 1,
      headers: { ...options.headers },
      requestId: this.requestId,
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

  /** A copy of the attempts made so far. */
  get attempts(): Attempt[] {
    return this.#attempts.map((attempt) => ({ ...attempt }));
  }

  /** Starts the clock, links the caller's signals, registers the attempt log and emits `request`. */
  begin(): void {
    if (this.#begun) return;
    this.#begun = true;
    this.#startedAt = Date.now();
    this.#options.attemptLog.set(this.requestId, this.#attempts);
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
      ...(this.#options.metadata && { metadata: this.#options.metadata }),
    });
  }

  /** Aborts the call: a `PalError` reason is kept (it is what the caller gets), anything else means ABORTED. */
  abort(reason?: unknown): void {
    if (this.#abort.aborted) return;
    this.#abort.abort(
      isPalError(reason)
        ? reason
        : new PalError({
            code: 'ABORTED',
            message: 'The call was aborted',
            provider: this.#options.provider,
            model: this.#options.model,
            ...(reason !== undefined && { cause: reason }),
          }),
    );
  }

  /** Emits `first-token`. */
  firstToken(): void {
    this.#emit({ type: 'first-token', latencyMs: this.elapsedMs });
  }

  /** Emits `usage` for a call that succeeded. */
  succeed(usage: Usage, cost: Cost): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#emit({
      type: 'usage',
      usage,
      cost,
      latencyMs: this.elapsedMs,
      ...(this.#options.metadata && { metadata: this.#options.metadata }),
    });
  }

  /** Emits `error` for a call that failed. */
  fail(error: PalError): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#emit({ type: 'error', error, latencyMs: this.elapsedMs });
  }

  /** Ends the call: a call that neither succeeded nor failed (an abandoned stream) reports ABORTED. */
  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    if (this.#begun && !this.#settled) {
      const reason: unknown = this.#abort.reason;
      this.fail(
        isPalError(reason)
          ? reason
          : new PalError({
              code: 'ABORTED',
              message: 'The call was abandoned before it finished',
              provider: this.#options.provider,
              model: this.#options.model,
            }),
      );
    }
    for (const unlink of this.#unlink) unlink();
    this.#options.attemptLog.delete(this.requestId);
    this.#options.onEnd?.(this);
  }

  #emit(body: DistributiveOmit<TelemetryEvent, 'time' | 'requestId' | 'provider' | 'model'>): void {
    if (this.#silent) return;
    this.#options.telemetry.emit({
      ...body,
      time: Date.now(),
      requestId: this.requestId,
      provider: this.#options.provider,
      model: this.#options.model,
    } as TelemetryEvent);
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
