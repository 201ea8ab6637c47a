import type { CallContext } from '../contracts/adapter.js';

/** Told the reason when a call is aborted. */
export type AbortListener = (reason: unknown) => void;

/**
 * The cancellation of one call, whose `AbortSignal` is only created when something reads it.
 * Creating a signal costs about 3 µs on Node 20 (more than the rest of a policy layer), and a
 * runtime call's own signal is usually never read: the timeout policy right below it links to
 * it with {@link onContextAbort} and hands the layers below a signal of its own.
 */
export class CallAbort {
  #controller: AbortController | undefined;
  #aborted = false;
  #reason: unknown;
  #listeners: AbortListener[] = [];

  /** The signal (created on first read, already aborted when the call was). */
  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.#aborted) this.#controller.abort(this.#reason);
    }
    return this.#controller.signal;
  }

  /** True once {@link abort} was called. */
  get aborted(): boolean {
    return this.#aborted;
  }

  /** What the call was aborted with (undefined while it was not). */
  get reason(): unknown {
    return this.#reason;
  }

  /** Aborts once: the signal's listeners hear it first (when it exists), then the subscribers. */
  abort(reason: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    this.#controller?.abort(reason);
    const listeners = this.#listeners;
    this.#listeners = [];
    for (const listener of listeners) listener(reason);
  }

  /** Calls `listener` on abort (at once when aborted already) without creating the signal; returns the unsubscribe. */
  subscribe(listener: AbortListener): () => void {
    if (this.#aborted) {
      listener(this.#reason);
      return noop;
    }
    this.#listeners.push(listener);
    return () => {
      const index = this.#listeners.indexOf(listener);
      if (index >= 0) this.#listeners.splice(index, 1);
    };
  }
}

/** The lazy cancellation behind each context made by {@link lazySignalContext}. */
const lazyContexts = new WeakMap<CallContext, CallAbort>();

/** One getter shared by every lazy context (a getter per object literal costs more than the signal saves). */
const LAZY_SIGNAL: PropertyDescriptor = {
  get(this: CallContext): AbortSignal | undefined {
    return lazyContexts.get(this)?.signal;
  },
  enumerable: true,
  configurable: true,
};

/**
 * Turns `fields` (a plain object the caller made for this) into a call context whose `signal`
 * is `abort.signal`, read (and so created) only when a layer reads it.
 */
export function lazySignalContext(abort: CallAbort, fields: Omit<CallContext, 'signal'>): CallContext {
  const ctx = fields as CallContext;
  Object.defineProperty(ctx, 'signal', LAZY_SIGNAL);
  lazyContexts.set(ctx, abort);
  return ctx;
}

/**
 * Calls `listener(reason)` when the call behind `ctx` is aborted (at once when it is already),
 * and returns the function that unlinks it. A context from {@link lazySignalContext} keeps its
 * signal uncreated; any other context is listened to on `ctx.signal`.
 */
export function onContextAbort(ctx: CallContext, listener: AbortListener): () => void {
  const lazy = lazyContexts.get(ctx);
  if (lazy) return lazy.subscribe(listener);
  const signal = ctx.signal;
  if (signal.aborted) {
    listener(signal.reason);
    return noop;
  }
  const onAbort = () => listener(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  return () => signal.removeEventListener('abort', onAbort);
}

/**
 * `{ ...ctx, ...changes }`, made without reading `ctx.signal` when `changes` replaces it (so a
 * lazy context's signal stays uncreated).
 */
export function deriveContext(ctx: CallContext, changes: Partial<CallContext>): CallContext {
  if (!lazyContexts.has(ctx) || !('signal' in changes)) return { ...ctx, ...changes };
  // a lazy context is a plain object with string keys only (see lazySignalContext)
  const derived: Record<string, unknown> = {};
  for (const key of Object.keys(ctx))
    if (key !== 'signal') derived[key] = (ctx as unknown as Record<string, unknown>)[key];
  return Object.assign(derived, changes) as unknown as CallContext;
}

function noop(): void {}
