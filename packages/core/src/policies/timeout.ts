import type { CallContext } from '../contracts/adapter.js';
import type { ProviderStreamEvent } from '../contracts/stream-event.js';
import { PalError } from '../errors/pal-error.js';
import { deriveContext, onContextAbort } from '../kernel/call-abort.js';
import type { Middleware } from '../kernel/middleware.js';
import { abortErrorFor } from './abort-error.js';
import { definePolicy, type PolicyCall, type PolicyEnd, type PolicyHandle } from './define-policy.js';
import { parseOptions } from './option-schema.js';
import { type TimeoutOptions, timeoutOptionsSchema } from './timeout-options.js';

export type { TimeoutOptions } from './timeout-options.js';

/**
 * Bounds a call's duration. Links a child AbortController to the caller's signal, sets
 * `ctx.deadline`, and at the deadline aborts with a TIMEOUT PalError, which the call then
 * rejects with whatever the layers below threw (or even if they ignore the signal). For
 * streams, an idle timer restarts at each event; silence longer than `idleMs` is a TIMEOUT too.
 * Throws CONFIG_ERROR on bad options.
 *
 * @example
 * ```ts
 * // the runtime builds it from `policies: { timeout: { totalMs: 30_000, idleMs: 10_000 } }`;
 * // in a stack of your own:
 * const adapter = stack(openai()).with(timeout({ totalMs: 30_000, idleMs: 10_000 })).build();
 * ```
 */
export function timeout(options: TimeoutOptions = {}): Middleware {
  parseOptions('timeout', timeoutOptionsSchema, options);
  return definePolicy<TimeoutOptions>({
    name: 'timeout',
    settings: options,
    begin(call, settings) {
      const totalMs = settings.totalMs;
      // an idle timer only means something between a stream's events
      const idleMs = call.operation === 'stream' ? settings.idleMs : undefined;
      if (totalMs === undefined && idleMs === undefined) return undefined;
      return new TimedCall(call, totalMs, idleMs);
    },
  });
}

/**
 * One call under a timeout (a class, not closures: it runs around every call by default). `start`
 * links a child AbortController to the caller's context and arms the total timer; each attempt is
 * raced against the abort, and each stream pull runs the idle timer.
 */
class TimedCall implements PolicyHandle {
  readonly #call: PolicyCall;
  readonly #totalMs: number | undefined;
  readonly #idleMs: number | undefined;
  #controller: AbortController | undefined;
  #ctx: CallContext | undefined;
  #aborted = false;
  /** The TIMEOUT error, once a timer fired. */
  #fired: PalError | undefined;
  #totalTimer: ReturnType<typeof setTimeout> | undefined;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  /** When the stream began waiting for its next event (undefined while none is awaited). */
  #waitingSince: number | undefined;
  /** The reject of the race in progress: called right after the signal's own listeners. */
  #rejectRace: ((error: PalError) => void) | undefined;
  #unlink: (() => void) | undefined;
  #upstream: AsyncIterator<ProviderStreamEvent> | undefined;

  constructor(call: PolicyCall, totalMs: number | undefined, idleMs: number | undefined) {
    this.#call = call;
    this.#totalMs = totalMs;
    this.#idleMs = idleMs;
  }

  start(): void {
    const ctx = this.#call.ctx;
    const totalMs = this.#totalMs;
    const controller = new AbortController();
    this.#controller = controller;
    // linked without reading ctx.signal: the runtime's own signal then never has to be created
    this.#unlink = onContextAbort(ctx, (reason) => this.#abort(reason));
    if (totalMs !== undefined) this.#totalTimer = setTimeout(() => this.#fire('total', totalMs), totalMs);
    const deadline =
      totalMs === undefined ? ctx.deadline : Math.min(Date.now() + totalMs, ctx.deadline ?? Infinity);
    this.#ctx = deriveContext(ctx, {
      signal: controller.signal,
      ...(deadline !== undefined && { deadline }),
    });
  }

  context(): CallContext {
    return this.#ctx as CallContext;
  }

  /** Settles with the attempt, or rejects as soon as the call aborts (even if the layers below ignore the signal). */
  wrapResult<T>(pending: Promise<T>): Promise<T> {
    return this.#race(pending, false);
  }

  wrapStream(events: AsyncIterable<ProviderStreamEvent>): AsyncIterable<ProviderStreamEvent> {
    const iterator = events[Symbol.asyncIterator]();
    this.#upstream = iterator;
    const pulls: AsyncIterator<ProviderStreamEvent> = {
      next: () => this.#pull(iterator),
      // the caller stopped early: stop the timers, then close the upstream stream
      return: async (): Promise<IteratorResult<ProviderStreamEvent>> => {
        this.#dispose();
        await iterator.return?.();
        return { done: true, value: undefined };
      },
    };
    return { [Symbol.asyncIterator]: () => pulls };
  }

  recover(error: unknown): never {
    throw this.#fired ?? error;
  }

  finish(end: PolicyEnd): void {
    this.#dispose();
    if (end.outcome !== 'closed' && this.#upstream && this.#aborted) {
      // the upstream may still be stuck in a read that ignores the signal: do not wait for it
      Promise.resolve(this.#upstream.return?.()).catch(() => {});
    }
  }

  #abortError(): PalError {
    const { provider, model } = this.#call;
    return abortErrorFor((this.#controller as AbortController).signal, { provider, model });
  }

  #abort(reason: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#controller?.abort(reason);
    this.#rejectRace?.(this.#abortError());
  }

  #fire(kind: 'total' | 'idle', ms: number): void {
    const { provider, model } = this.#call;
    this.#fired = new PalError({
      code: 'TIMEOUT',
      message:
        kind === 'total'
          ? `The call to ${provider} took longer than ${ms} ms`
          : `The stream from ${provider} sent nothing for ${ms} ms`,
      provider,
      model,
      details: { timeout: kind, timeoutMs: ms },
    });
    this.#abort(this.#fired);
  }

  /**
   * One idle timer per stream, not one per event: each pull only notes when the wait began, and
   * the timer, when it fires, either times the stream out or sleeps for the rest of the wait.
   */
  #armIdleTimer(ms: number): void {
    this.#idleTimer = setTimeout(() => this.#idleTimerFired(), ms);
  }

  #idleTimerFired(): void {
    this.#idleTimer = undefined;
    const idleMs = this.#idleMs;
    if (this.#waitingSince === undefined || idleMs === undefined || this.#aborted) return;
    const quietMs = performance.now() - this.#waitingSince;
    if (quietMs >= idleMs) this.#fire('idle', idleMs);
    else this.#armIdleTimer(idleMs - quietMs);
  }

  /** The next step of `iterator`, raced against the call's abort, with the idle timer running while it is awaited. */
  #pull(iterator: AsyncIterator<ProviderStreamEvent>): Promise<IteratorResult<ProviderStreamEvent>> {
    const idleMs = this.#idleMs;
    if (idleMs !== undefined && !this.#aborted) {
      this.#waitingSince = performance.now();
      if (this.#idleTimer === undefined) this.#armIdleTimer(idleMs);
    }
    let step: Promise<IteratorResult<ProviderStreamEvent>>;
    try {
      step = iterator.next();
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#race(step, true);
  }

  /** Settles with `promise` or rejects at the abort; an event that wins ends the idle wait. A late rejection is swallowed. */
  #race<T>(promise: Promise<T>, event: boolean): Promise<T> {
    if (this.#aborted) {
      promise.catch(() => {});
      return Promise.reject(this.#abortError());
    }
    return new Promise<T>((resolve, reject) => {
      this.#rejectRace = reject;
      promise.then(
        (value) => {
          this.#rejectRace = undefined;
          if (event) this.#waitingSince = undefined;
          resolve(value);
        },
        (error: unknown) => {
          this.#rejectRace = undefined;
          reject(error);
        },
      );
    });
  }

  /** Stops every timer and unlinks from the caller's context. */
  #dispose(): void {
    if (this.#totalTimer !== undefined) clearTimeout(this.#totalTimer);
    if (this.#idleTimer !== undefined) clearTimeout(this.#idleTimer);
    this.#totalTimer = undefined;
    this.#idleTimer = undefined;
    this.#waitingSince = undefined;
    this.#unlink?.();
    this.#unlink = undefined;
  }
}
