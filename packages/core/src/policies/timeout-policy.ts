import type { CallContext } from '../contracts/adapter.js';
import type { ChatRequest } from '../contracts/chat-request.js';
import type { ProviderStreamEvent } from '../contracts/stream-event.js';
import { PalError } from '../errors/pal-error.js';
import { deriveContext, onContextAbort } from '../kernel/call-abort.js';
import type { Middleware, Next } from '../kernel/middleware.js';
import { abortErrorFor } from './abort-error.js';
import { assertPositiveOption } from './option-checks.js';
import { optionsForCall } from './policy-options.js';

/** Options of {@link timeoutPolicy}. */
export interface TimeoutOptions {
  /** The whole call (every attempt and back-off) must finish within this. */
  totalMs?: number;
  /** A stream fails when no event arrives for this long. */
  idleMs?: number;
}

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
  /** Starts timing a wait for the next event (silence longer than `idleMs` is a TIMEOUT). */
  armIdle(): void;
  /** The event arrived: the wait is over. */
  disarmIdle(): void;
  /** Stops every timer and unlinks from the caller's signal. */
  dispose(): void;
}

/**
 * Bounds a call's duration. Links a child AbortController to the caller's signal, sets
 * `ctx.deadline`, and at the deadline aborts with a TIMEOUT PalError, which the call then
 * rejects with whatever the layers below threw (or even if they ignore the signal). For
 * streams, an idle timer restarts at each event; silence longer than `idleMs` is a TIMEOUT too.
 */
export function timeoutPolicy(options: TimeoutOptions = {}): Middleware {
  assertPositiveOption('timeout', 'totalMs', options.totalMs);
  assertPositiveOption('timeout', 'idleMs', options.idleMs);

  const start = (ctx: CallContext, next: Next, model: string, settings: TimeoutOptions): TimedCall => {
    const controller = new AbortController();
    let fired: PalError | undefined;
    let idleTimer: ReturnType<typeof setTimeout> | undefined;
    // the reject of the race in progress: called right after the signal's own listeners
    let rejectRace: ((error: PalError) => void) | undefined;
    const abort = (reason: unknown) => {
      if (controller.signal.aborted) return;
      controller.abort(reason);
      rejectRace?.(abortErrorFor(controller.signal, { provider: next.adapter.id, model }));
    };
    const fire = (kind: 'total' | 'idle', ms: number) => {
      fired = new PalError({
        code: 'TIMEOUT',
        message:
          kind === 'total'
            ? `The call to ${next.adapter.id} took longer than ${ms} ms`
            : `The stream from ${next.adapter.id} sent nothing for ${ms} ms`,
        provider: next.adapter.id,
        model,
        details: { timeout: kind, timeoutMs: ms },
      });
      abort(fired);
    };
    // linked without reading ctx.signal: the runtime's own signal then never has to be created
    const unlink = onContextAbort(ctx, abort);

    const { totalMs, idleMs } = settings;
    const totalTimer = totalMs === undefined ? undefined : setTimeout(() => fire('total', totalMs), totalMs);
    const deadline =
      totalMs === undefined ? ctx.deadline : Math.min(Date.now() + totalMs, ctx.deadline ?? Infinity);

    // One idle timer per stream, not one per event: each pull only notes when the wait began, and
    // the timer, when it fires, either times the stream out or sleeps for the rest of the wait.
    let waitingSince: number | undefined;
    const onIdleTimer = () => {
      idleTimer = undefined;
      if (waitingSince === undefined || idleMs === undefined || controller.signal.aborted) return;
      const quietMs = performance.now() - waitingSince;
      if (quietMs >= idleMs) fire('idle', idleMs);
      else idleTimer = setTimeout(onIdleTimer, idleMs - quietMs);
    };
    const disarmIdle = () => {
      waitingSince = undefined;
    };
    return {
      ctx: deriveContext(ctx, { signal: controller.signal, ...(deadline !== undefined && { deadline }) }),
      timedOut: () => fired,
      race<T>(promise: Promise<T>): Promise<T> {
        if (controller.signal.aborted) {
          promise.catch(() => {});
          return Promise.reject(abortErrorFor(controller.signal, { provider: next.adapter.id, model }));
        }
        return new Promise<T>((resolve, reject) => {
          rejectRace = reject;
          promise.then(
            (value) => {
              rejectRace = undefined;
              resolve(value);
            },
            (error: unknown) => {
              rejectRace = undefined;
              reject(error);
            },
          );
        });
      },
      armIdle() {
        if (idleMs === undefined || controller.signal.aborted) return;
        waitingSince = performance.now();
        idleTimer ??= setTimeout(onIdleTimer, idleMs);
      },
      disarmIdle,
      dispose() {
        if (totalTimer !== undefined) clearTimeout(totalTimer);
        if (idleTimer !== undefined) clearTimeout(idleTimer);
        idleTimer = undefined;
        waitingSince = undefined;
        unlink();
      },
    };
  };

  async function bounded<T>(
    ctx: CallContext,
    next: Next,
    model: string,
    call: (ctx: CallContext) => Promise<T>,
  ): Promise<T> {
    const settings = optionsForCall(ctx, 'timeout', options);
    if (!settings || settings.totalMs === undefined) return call(ctx);
    const timed = start(ctx, next, model, { totalMs: settings.totalMs });
    try {
      return await timed.race(call(timed.ctx));
    } catch (error) {
      throw timed.timedOut() ?? error;
    } finally {
      timed.dispose();
    }
  }

  return {
    name: 'timeout',
    chat: (request, ctx, next) => bounded(ctx, next, request.model, (c) => next.chat(request, c)),
    embed: (request, ctx, next) => bounded(ctx, next, request.model, (c) => next.embed(request, c)),
    generateImage: (request, ctx, next) =>
      bounded(ctx, next, request.model, (c) => next.generateImage(request, c)),
    async *stream(request: ChatRequest, ctx: CallContext, next: Next): AsyncIterable<ProviderStreamEvent> {
      const settings = optionsForCall(ctx, 'timeout', options);
      if (!settings || (settings.totalMs === undefined && settings.idleMs === undefined)) {
        yield* next.stream(request, ctx);
        return;
      }
      const timed = start(ctx, next, request.model, settings);
      const iterator = next.stream(request, timed.ctx)[Symbol.asyncIterator]();
      let finished = false;
      try {
        while (true) {
          timed.armIdle();
          const step = await timed.race(iterator.next());
          timed.disarmIdle();
          if (step.done) {
            finished = true;
            return;
          }
          yield step.value;
        }
      } catch (error) {
        finished = true;
        throw timed.timedOut() ?? error;
      } finally {
        timed.dispose();
        if (!finished) {
          // the caller stopped early: close the upstream stream
          await iterator.return?.();
        } else if (timed.ctx.signal.aborted) {
          // the upstream may still be stuck in a read that ignores the signal: do not wait for it
          Promise.resolve(iterator.return?.()).catch(() => {});
        }
      }
    },
  };
}
