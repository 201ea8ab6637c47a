import type { CallContext } from '../contracts/adapter.js';
import type { ProviderStreamEvent } from '../contracts/stream-event.js';
import { PalError } from '../errors/pal-error.js';
import { deriveContext, onContextAbort } from '../kernel/call-abort.js';
import type { Middleware } from '../kernel/middleware.js';
import { abortErrorFor } from './abort-error.js';
import { definePolicy, type PolicyCall } from './define-policy.js';
import { parseOptions } from './option-schema.js';
import { type TimeoutOptions, timeoutOptionsSchema } from './timeout-options.js';

export type { TimeoutOptions } from './timeout-options.js';

/** The abort plumbing of one call under a timeout. */
interface TimedCall {
  ctx: CallContext;
  /** The TIMEOUT error, once a timer fired. */
  timedOut(): PalError | undefined;
  /**
   * Settles with `promise`, or rejects as soon as the call aborts (so a layer that ignores the
   * signal cannot hold the call past its timeout). A late rejection of `promise` is swallowed.
   */
  race<T>(promise: Promise<T>): Promise<T>;
  /** The next step of `iterator`, raced against the call's abort, with the idle timer running while it is awaited. */
  pull<T>(iterator: AsyncIterator<T>): Promise<IteratorResult<T>>;
  /** True once the call was aborted (a timer fired or the caller aborted). */
  aborted(): boolean;
  /** Stops every timer and unlinks from the caller's signal. */
  dispose(): void;
}

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
      let timed: TimedCall;
      let upstream: AsyncIterator<ProviderStreamEvent> | undefined;
      return {
        start: () => {
          timed = startTimers(call, totalMs, idleMs);
        },
        context: () => timed.ctx,
        wrapResult: (pending) => timed.race(pending),
        wrapStream: (events) => {
          const call = timed;
          const iterator = events[Symbol.asyncIterator]();
          upstream = iterator;
          return {
            [Symbol.asyncIterator]: () => ({
              next: () => call.pull(iterator),
              // the caller stopped early: stop the timers, then close the upstream stream
              return: async (): Promise<IteratorResult<ProviderStreamEvent>> => {
                call.dispose();
                await iterator.return?.();
                return { done: true, value: undefined };
              },
            }),
          };
        },
        recover: (error) => {
          throw timed.timedOut() ?? error;
        },
        finish: (end) => {
          timed.dispose();
          if (end.outcome !== 'closed' && upstream && timed.aborted()) {
            // the upstream may still be stuck in a read that ignores the signal: do not wait for it
            Promise.resolve(upstream.return?.()).catch(() => {});
          }
        },
      };
    },
  });
}

/** Starts the timers of one call (each only when its limit is set). */
function startTimers(call: PolicyCall, totalMs: number | undefined, idleMs: number | undefined): TimedCall {
  const { ctx, provider, model } = call;
  const controller = new AbortController();
  let aborted = false;
  let fired: PalError | undefined;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  // the reject of the race in progress: called right after the signal's own listeners
  let rejectRace: ((error: PalError) => void) | undefined;
  const abortError = () => abortErrorFor(controller.signal, { provider, model });
  const abort = (reason: unknown) => {
    if (aborted) return;
    aborted = true;
    controller.abort(reason);
    rejectRace?.(abortError());
  };
  const fire = (kind: 'total' | 'idle', ms: number) => {
    fired = new PalError({
      code: 'TIMEOUT',
      message:
        kind === 'total'
          ? `The call to ${provider} took longer than ${ms} ms`
          : `The stream from ${provider} sent nothing for ${ms} ms`,
      provider,
      model,
      details: { timeout: kind, timeoutMs: ms },
    });
    abort(fired);
  };
  // linked without reading ctx.signal: the runtime's own signal then never has to be created
  const unlink = onContextAbort(ctx, abort);

  const totalTimer = totalMs === undefined ? undefined : setTimeout(() => fire('total', totalMs), totalMs);
  const deadline =
    totalMs === undefined ? ctx.deadline : Math.min(Date.now() + totalMs, ctx.deadline ?? Infinity);

  // One idle timer per stream, not one per event: each pull only notes when the wait began, and
  // the timer, when it fires, either times the stream out or sleeps for the rest of the wait.
  let waitingSince: number | undefined;
  const onIdleTimer = () => {
    idleTimer = undefined;
    if (waitingSince === undefined || idleMs === undefined || aborted) return;
    const quietMs = performance.now() - waitingSince;
    if (quietMs >= idleMs) fire('idle', idleMs);
    else idleTimer = setTimeout(onIdleTimer, idleMs - quietMs);
  };

  /** Settles with `promise` or rejects at the abort; `onValue` runs first when `promise` wins. */
  function race<T>(promise: Promise<T>, onValue?: () => void): Promise<T> {
    if (aborted) {
      promise.catch(() => {});
      return Promise.reject(abortError());
    }
    return new Promise<T>((resolve, reject) => {
      rejectRace = reject;
      promise.then(
        (value) => {
          rejectRace = undefined;
          onValue?.();
          resolve(value);
        },
        (error: unknown) => {
          rejectRace = undefined;
          reject(error);
        },
      );
    });
  }
  const eventArrived = () => {
    waitingSince = undefined;
  };

  return {
    ctx: deriveContext(ctx, { signal: controller.signal, ...(deadline !== undefined && { deadline }) }),
    timedOut: () => fired,
    race: (promise) => race(promise),
    pull<T>(iterator: AsyncIterator<T>): Promise<IteratorResult<T>> {
      if (idleMs !== undefined && !aborted) {
        waitingSince = performance.now();
        idleTimer ??= setTimeout(onIdleTimer, idleMs);
      }
      let step: Promise<IteratorResult<T>>;
      try {
        step = iterator.next();
      } catch (error) {
        return Promise.reject(error);
      }
      return race(step, eventArrived);
    },
    aborted: () => aborted,
    dispose() {
      if (totalTimer !== undefined) clearTimeout(totalTimer);
      if (idleTimer !== undefined) clearTimeout(idleTimer);
      idleTimer = undefined;
      waitingSince = undefined;
      unlink();
    },
  };
}
