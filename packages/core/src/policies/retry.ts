import type { CallContext } from '../contracts/adapter.js';
import type { PalError } from '../errors/pal-error.js';
import { isPalError } from '../errors/pal-error.js';
import type { Middleware } from '../kernel/middleware.js';
import { abortErrorFor } from './abort-error.js';
import { abortableSleep } from './abortable-sleep.js';
import { definePolicy, type PolicyCall, type PolicyHandle } from './define-policy.js';
import { parseOptions } from './option-schema.js';
import { emitPolicyEvent } from './policy-event.js';
import { mergeDefined } from './policy-options.js';
import { createRetryBudget, type RetryBudget } from './retry-budget.js';
import { type RetryBudgetOptions, type RetryOptions, retryOptionsSchema } from './retry-options.js';

export type { RetryBudgetOptions, RetryOptions } from './retry-options.js';

type Settings = Required<Omit<RetryOptions, 'budget'>> & { budget: RetryBudgetOptions | false };

/**
 * Retries failed calls on the same provider with exponential back-off and full jitter, waiting
 * at least the provider's `retryAfterMs`. Never sends a request more than `maxAttempts` times,
 * stops when the call's deadline would pass or its signal aborts, and draws on a per-provider
 * retry budget so a failing provider cannot cause a retry storm. A stream is retried only while
 * it has yielded nothing; once an event reached the caller, its error propagates.
 * Emits a `retry` event before each wait. Throws CONFIG_ERROR on bad options.
 *
 * @example
 * ```ts
 * // the runtime builds it from `policies: { retry: { maxAttempts: 5, retryOn: ['OVERLOADED'] } }`;
 * // in a stack of your own:
 * const adapter = stack(openai()).with(retry({ maxAttempts: 5, retryOn: ['OVERLOADED'] })).build();
 * ```
 */
export function retry(options: RetryOptions = {}): Middleware {
  parseOptions('retry', retryOptionsSchema, options);
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

  const budgetFor = (providerId: string, settings: Settings): RetryBudget | undefined => {
    if (settings.budget === false) return undefined;
    let budget = budgets.get(providerId);
    if (!budget) {
      budget = createRetryBudget(settings.budget, settings.now);
      budgets.set(providerId, budget);
    }
    return budget;
  };

  /** The wait before the next attempt, or undefined to give up (throwing `error`). */
  const delayBeforeRetry = (
    error: unknown,
    attempt: number,
    settings: Settings,
    call: PolicyCall,
    budget: RetryBudget | undefined,
  ): number | undefined => {
    if (!isPalError(error) || attempt >= settings.maxAttempts || !shouldRetry(error, settings.retryOn))
      return undefined;
    const retryAfterMs = error.retryAfterMs;
    if (retryAfterMs !== undefined && retryAfterMs > settings.maxRetryAfterMs) return undefined;
    const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (attempt - 1));
    const delayMs = Math.ceil(Math.max(settings.random() * ceiling, retryAfterMs ?? 0));
    const deadline = call.ctx.deadline;
    if (deadline !== undefined && settings.now() + delayMs >= deadline) return undefined;
    if (budget && !budget.tryRetry()) return undefined;
    return delayMs;
  };

  /** Decides after a failed attempt: returns after the back-off, or throws to give up. */
  const afterFailure = async (
    error: unknown,
    attempt: number,
    settings: Settings,
    call: PolicyCall,
    budget: RetryBudget | undefined,
  ): Promise<void> => {
    const { ctx, provider, model } = call;
    if (ctx.signal.aborted) throw abortErrorFor(ctx.signal, { provider, model });
    const delayMs = delayBeforeRetry(error, attempt, settings, call, budget);
    if (delayMs === undefined) throw error;
    emitPolicyEvent(
      ctx,
      { type: 'retry', provider, model, attempt, delayMs, error: error as PalError },
      settings.now,
    );
    try {
      await settings.sleep(delayMs, ctx.signal);
    } catch (sleepError) {
      if (!ctx.signal.aborted) throw sleepError;
    }
    if (ctx.signal.aborted) throw abortErrorFor(ctx.signal, { provider, model });
  };

  return definePolicy<Settings>({
    name: 'retry',
    settings: configured,
    begin: (call, settings) =>
      new RetriedCall(call, settings, budgetFor(call.provider, settings), afterFailure),
  });
}

/** One call under the retry policy (a class, not closures: it runs around every call by default). */
class RetriedCall implements PolicyHandle {
  #attempt = 0;
  readonly #call: PolicyCall;
  readonly #settings: Settings;
  readonly #budget: RetryBudget | undefined;
  readonly #afterFailure: AfterFailure;

  constructor(
    call: PolicyCall,
    settings: Settings,
    budget: RetryBudget | undefined,
    afterFailure: AfterFailure,
  ) {
    this.#call = call;
    this.#settings = settings;
    this.#budget = budget;
    this.#afterFailure = afterFailure;
  }

  start(): void {
    this.#budget?.recordRequest();
  }

  context(): CallContext {
    return { ...this.#call.ctx, attempt: ++this.#attempt };
  }

  /** A stream is retried only while it has yielded nothing. */
  recover(error: unknown, yielded: boolean): Promise<void> {
    if (yielded) throw error;
    return this.#afterFailure(error, this.#attempt, this.#settings, this.#call, this.#budget);
  }
}

type AfterFailure = (
  error: unknown,
  attempt: number,
  settings: Settings,
  call: PolicyCall,
  budget: RetryBudget | undefined,
) => Promise<void>;

function shouldRetry(error: PalError, retryOn: Settings['retryOn']): boolean {
  return typeof retryOn === 'function' ? retryOn(error) : retryOn.includes(error.code);
}
