import type { Middleware } from '../kernel/middleware.js';
import { abortErrorFor } from './abort-error.js';
import { type ConcurrencyOptions, concurrencyOptionsSchema } from './concurrency-options.js';
import { definePolicy, type PolicyCall } from './define-policy.js';
import { localPolicyError } from './local-policy-error.js';
import { parseOptions } from './option-schema.js';
import { mergeDefined } from './policy-options.js';

export type { ConcurrencyOptions } from './concurrency-options.js';

type Settings = Required<ConcurrencyOptions>;

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
 * when the caller stops early. Throws CONFIG_ERROR on bad options.
 *
 * @example
 * ```ts
 * // the runtime builds it from `policies: { concurrency: { maxConcurrent: 4, maxQueue: 100 } }`;
 * // in a stack of your own:
 * const adapter = stack(ollama()).with(concurrency({ maxConcurrent: 4, maxQueue: 100 })).build();
 * ```
 */
export function concurrency(options: ConcurrencyOptions = {}): Middleware {
  parseOptions('concurrency', concurrencyOptionsSchema, options);
  const configured = mergeDefined<Settings>({ maxConcurrent: 10, maxQueue: Infinity }, options);
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

  /**
   * Takes a slot and returns the function that gives it back: at once when one is free, else
   * once the call's turn in the queue comes. Throws when the call was aborted or the queue is full.
   */
  const acquire = (settings: Settings, call: PolicyCall): (() => void) | Promise<() => void> => {
    const { ctx, provider, model } = call;
    if (ctx.signal.aborted) throw abortErrorFor(ctx.signal, { provider, model });
    const bulkhead = bulkheadOf(provider);
    if (bulkhead.active < settings.maxConcurrent) {
      bulkhead.active++;
      return releaser(bulkhead);
    }
    if (bulkhead.queue.length >= settings.maxQueue) {
      throw localPolicyError('concurrency', {
        code: 'OVERLOADED',
        message: `The local concurrency queue for ${provider} is full (${bulkhead.active} calls running, ${bulkhead.queue.length} waiting)`,
        userMessage: 'Too many requests are already waiting for this provider. Please try again shortly.',
        provider,
        model,
      });
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

  return definePolicy<Settings>({
    name: 'concurrency',
    settings: configured,
    begin(call, settings) {
      let release: (() => void) | undefined;
      return {
        start: () => {
          const slot = acquire(settings, call);
          if (typeof slot === 'function') release = slot;
          else
            return slot.then((granted) => {
              release = granted;
            });
        },
        finish: () => release?.(),
      };
    },
  });
}
