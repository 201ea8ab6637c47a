import type { CallContext } from '../contracts/adapter.js';
import type { ChatRequest } from '../contracts/chat-request.js';
import type { ProviderStreamEvent } from '../contracts/stream-event.js';
import type { ErrorCode } from '../errors/error-code.js';
import { isPalError, type PalError } from '../errors/pal-error.js';
import type { Middleware, Next } from '../kernel/middleware.js';
import { tapStream } from '../kernel/stream-tap.js';
import { abortErrorFor } from './abort-error.js';
import { abortableSleep, type Sleep } from './abortable-sleep.js';
import { emitPolicyEvent } from './policy-event.js';
import { mergeDefined, optionsForCall } from './policy-options.js';
import { createRetryBudget, type RetryBudget, type RetryBudgetOptions } from './retry-budget.js';

/** Options of {@link retryPolicy}. */
export interface RetryOptions {
  /** Attempts in all, counting the first. Default 3. */
  maxAttempts?: number;
  /** Back-off before the second attempt; doubles for each further attempt. Default 500 ms. */
  baseDelayMs?: number;
  /** Upper bound of the exponential back-off. Default 20 000 ms. */
  maxDelayMs?: number;
  /** Which errors to retry: a list of codes or a predicate. Default: errors marked `retryable`. */
  retryOn?: readonly ErrorCode[] | ((error: PalError) => boolean);
  /** A provider asking to wait longer than this (`retryAfterMs`) is not waited for. Default 60 000 ms. */
  maxRetryAfterMs?: number;
  /** Per-provider retry budget; `false` switches it off. Default `{ ratio: 0.2, minRetriesPerSecond: 1 }`. */
  budget?: RetryBudgetOptions | false;
  /** Source of randomness for the full jitter, in [0, 1). Default `Math.random`. */
  random?: () => number;
  /** How to wait between attempts (abortable). Default: a timer. */
  sleep?: Sleep;
  /** Clock for the budget window and the deadline check. Default `Date.now`. */
  now?: () => number;
}

type Settings = Required<Omit<RetryOptions, 'budget'>> & { budget: RetryBudgetOptions | false };

/**
 * Retries failed calls on the same provider with exponential back-off and full jitter, waiting
 * at least the provider's `retryAfterMs`. Never sends a request more than `maxAttempts` times,
 * stops when the call's deadline would pass or its signal aborts, and draws on a per-provider
 * retry budget so a failing provider cannot cause a retry storm. A stream is retried only while
 * it has yielded nothing; once an event reached the caller, its error propagates.
 * Emits a `retry` event before each wait.
 */
export function retryPolicy(options: RetryOptions = {}): Middleware {
  const configured = mergeDefined<Settings>(
    {
      maxAttempts: 3,
      baseDelayMs: 500,
      maxDelayMs: 20_000,
      retryOn: (error) => error.retryable,
      maxRetryAfterMs: 60_000,
      budget: { ratio: 0.2, minRetriesPerSecond: 1 },
      random: Math.random,
      sleep: abortableSleep,
      now: Date.now,
    },
    options,
  );
  const budgets = new Map<string, RetryBudget>();

  const settingsFor = (ctx: CallContext): Settings | undefined => optionsForCall(ctx, 'retry', configured);
  const budgetFor = (next: Next, settings: Settings): RetryBudget | undefined => {
    if (settings.budget === false) return undefined;
    let budget = budgets.get(next.adapter.id);
    if (!budget) {
      budget = createRetryBudget(settings.budget, settings.now);
      budgets.set(next.adapter.id, budget);
    }
    return budget;
  };

  /** The wait before the next attempt, or undefined to give up (throwing `error`). */
  const delayBeforeRetry = (
    error: unknown,
    attempt: number,
    settings: Settings,
    ctx: CallContext,
    budget: RetryBudget | undefined,
  ): number | undefined => {
    if (!isPalError(error) || attempt >= settings.maxAttempts || !shouldRetry(error, settings.retryOn))
      return undefined;
    const retryAfterMs = error.retryAfterMs;
    if (retryAfterMs !== undefined && retryAfterMs > settings.maxRetryAfterMs) return undefined;
    const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (attempt - 1));
    const delayMs = Math.ceil(Math.max(settings.random() * ceiling, retryAfterMs ?? 0));
    if (ctx.deadline !== undefined && settings.now() + delayMs >= ctx.deadline) return undefined;
    if (budget && !budget.tryRetry()) return undefined;
    return delayMs;
  };

  /** Decides after a failed attempt: returns after the back-off, or throws to give up. */
  const afterFailure = async (
    error: unknown,
    attempt: number,
    settings: Settings,
    ctx: CallContext,
    next: Next,
    model: string,
    budget: RetryBudget | undefined,
  ): Promise<void> => {
    if (ctx.signal.aborted) throw abortErrorFor(ctx.signal, { provider: next.adapter.id, model });
    const delayMs = delayBeforeRetry(error, attempt, settings, ctx, budget);
    if (delayMs === undefined) throw error;
    emitPolicyEvent(
      ctx,
      { type: 'retry', provider: next.adapter.id, model, attempt, delayMs, error: error as PalError },
      settings.now,
    );
    try {
      await settings.sleep(delayMs, ctx.signal);
    } catch (sleepError) {
      if (!ctx.signal.aborted) throw sleepError;
    }
    if (ctx.signal.aborted) throw abortErrorFor(ctx.signal, { provider: next.adapter.id, model });
  };

  async function withRetries<T>(
    ctx: CallContext,
    next: Next,
    model: string,
    call: (ctx: CallContext) => Promise<T>,
  ): Promise<T> {
    const settings = settingsFor(ctx);
    if (!settings) return call(ctx);
    const budget = budgetFor(next, settings);
    budget?.recordRequest();
    for (let attempt = 1; ; attempt++) {
      try {
        return await call({ ...ctx, attempt });
      } catch (error) {
        await afterFailure(error, attempt, settings, ctx, next, model, budget);
      }
    }
  }

  return {
    name: 'retry',
    chat: (request, ctx, next) => withRetries(ctx, next, request.model, (c) => next.chat(request, c)),
    embed: (request, ctx, next) => withRetries(ctx, next, request.model, (c) => next.embed(request, c)),
    generateImage: (request, ctx, next) =>
      withRetries(ctx, next, request.model, (c) => next.generateImage(request, c)),
    stream(request: ChatRequest, ctx: CallContext, next: Next): AsyncIterable<ProviderStreamEvent> {
      let settings: Settings | undefined;
      let budget: RetryBudget | undefined;
      let attempt = 0;
      return tapStream({
        start: () => {
          settings = settingsFor(ctx);
          if (!settings) return;
          budget = budgetFor(next, settings);
          budget?.recordRequest();
        },
        open: () => {
          if (!settings) return next.stream(request, ctx);
          attempt++;
          return next.stream(request, { ...ctx, attempt });
        },
        // a stream is retried only while it has yielded nothing
        recover: async (error, yielded) => {
          if (!settings || yielded) throw error;
          await afterFailure(error, attempt, settings, ctx, next, request.model, budget);
        },
      });
    },
  };
}

function shouldRetry(error: PalError, retryOn: Settings['retryOn']): boolean {
  return typeof retryOn === 'function' ? retryOn(error) : retryOn.includes(error.code);
}
