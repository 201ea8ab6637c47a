import type { CallContext } from '../contracts/adapter.js';
import type { ChatRequest } from '../contracts/chat-request.js';
import type { ProviderStreamEvent } from '../contracts/stream-event.js';
import type { Middleware, Next } from '../kernel/middleware.js';
import { abortErrorFor } from './abort-error.js';
import { localPolicyError } from './local-policy-error.js';
import { assertNonNegativeOption, assertPositiveOption } from './option-checks.js';
import { mergeDefined, optionsForCall } from './policy-options.js';

/** Options of {@link concurrencyLimit}. */
export interface ConcurrencyLimitOptions {
  /** Calls in flight at once per provider. Default 10. */
  maxConcurrent?: number;
  /** Calls allowed to wait for a slot per provider; more are refused with OVERLOADED. Default unlimited. */
  maxQueue?: number;
}

interface Waiter {
  grant(): void;
}

interface Bulkhead {
  active: number;
  queue: Waiter[];
}

/**
 * A bulkhead per provider: at most `maxConcurrent` calls in flight, the others wait in a FIFO
 * queue of at most `maxQueue` (beyond it: OVERLOADED, marked as raised locally). A waiter whose
 * signal aborts leaves the queue. A stream holds its slot until its iteration ends, including
 * when the caller stops early.
 */
export function concurrencyLimit(options: ConcurrencyLimitOptions = {}): Middleware {
  assertPositiveOption('concurrency', 'maxConcurrent', options.maxConcurrent);
  assertNonNegativeOption('concurrency', 'maxQueue', options.maxQueue);
  const configured = mergeDefined<Required<ConcurrencyLimitOptions>>(
    { maxConcurrent: 10, maxQueue: Infinity },
    options,
  );
  const bulkheads = new Map<string, Bulkhead>();

  const bulkheadOf = (providerId: string): Bulkhead => {
    let bulkhead = bulkheads.get(providerId);
    if (!bulkhead) {
      bulkhead = { active: 0, queue: [] };
      bulkheads.set(providerId, bulkhead);
    }
    return bulkhead;
  };

  const releaser = (bulkhead: Bulkhead) => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const waiter = bulkhead.queue.shift();
      if (waiter) waiter.grant();
      else bulkhead.active--;
    };
  };

  /** Takes a slot (waiting in the queue if needed) and returns the function that gives it back. */
  const acquire = (
    settings: Required<ConcurrencyLimitOptions>,
    ctx: CallContext,
    next: Next,
    model: string,
  ): Promise<() => void> => {
    const provider = next.adapter.id;
    if (ctx.signal.aborted) return Promise.reject(abortErrorFor(ctx.signal, { provider, model }));
    const bulkhead = bulkheadOf(provider);
    if (bulkhead.active < settings.maxConcurrent) {
      bulkhead.active++;
      return Promise.resolve(releaser(bulkhead));
    }
    if (bulkhead.queue.length >= settings.maxQueue) {
      return Promise.reject(
        localPolicyError('concurrency', {
          code: 'OVERLOADED',
          message: `The local concurrency queue for ${provider} is full (${bulkhead.active} calls running, ${bulkhead.queue.length} waiting)`,
          userMessage: 'Too many requests are already waiting for this provider. Please try again shortly.',
          provider,
          model,
        }),
      );
    }
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const index = bulkhead.queue.indexOf(waiter);
        if (index >= 0) bulkhead.queue.splice(index, 1);
        reject(abortErrorFor(ctx.signal, { provider, model }));
      };
      const waiter: Waiter = {
        grant() {
          ctx.signal.removeEventListener('abort', onAbort);
          resolve(releaser(bulkhead));
        },
      };
      bulkhead.queue.push(waiter);
      ctx.signal.addEventListener('abort', onAbort, { once: true });
    });
  };

  async function limited<T>(ctx: CallContext, next: Next, model: string, call: () => Promise<T>): Promise<T> {
    const settings = optionsForCall(ctx, 'concurrency', configured);
    if (!settings) return call();
    const release = await acquire(settings, ctx, next, model);
    try {
      return await call();
    } finally {
      release();
    }
  }

  return {
    name: 'concurrency',
    chat: (request, ctx, next) => limited(ctx, next, request.model, () => next.chat(request, ctx)),
    embed: (request, ctx, next) => limited(ctx, next, request.model, () => next.embed(request, ctx)),
    generateImage: (request, ctx, next) =>
      limited(ctx, next, request.model, () => next.generateImage(request, ctx)),
    async *stream(request: ChatRequest, ctx: CallContext, next: Next): AsyncIterable<ProviderStreamEvent> {
      const settings = optionsForCall(ctx, 'concurrency', configured);
      if (!settings) {
        yield* next.stream(request, ctx);
        return;
      }
      const release = await acquire(settings, ctx, next, request.model);
      try {
        yield* next.stream(request, ctx);
      } finally {
        release();
      }
    },
  };
}
