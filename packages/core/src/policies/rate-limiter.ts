import type { AdapterChatResult, CallContext } from '../contracts/adapter.js';
import type { ChatRequest, EmbedRequest } from '../contracts/chat-request.js';
import type { ProviderStreamEvent } from '../contracts/stream-event.js';
import type { Usage } from '../contracts/usage.js';
import type { Middleware, Next } from '../kernel/middleware.js';
import { abortErrorFor } from './abort-error.js';
import { abortableSleep, type Sleep } from './abortable-sleep.js';
import { estimateTextTokens, estimateTokens } from './estimate-tokens.js';
import { localPolicyError } from './local-policy-error.js';
import { createMemoryStore } from './memory-store.js';
import { assertNonNegativeOption, assertPositiveOption } from './option-checks.js';
import { emitPolicyEvent } from './policy-event.js';
import { mergeDefined, optionsForCall } from './policy-options.js';
import { ProviderRateLimits, type RateLimitHeadroom } from './provider-rate-limits.js';

export type { RateLimitHeadroom } from './provider-rate-limits.js';
import type { StateStore } from './state-store.js';

/** Options of {@link rateLimiter}. */
export interface RateLimiterOptions {
  /** Requests allowed per minute and provider. */
  requestsPerMinute?: number;
  /** Tokens (estimated input + output cap, settled to actual usage) allowed per minute and provider. */
  tokensPerMinute?: number;
  /** `wait` until the buckets allow the call (default), or `reject` it at once. */
  mode?: 'wait' | 'reject';
  /** Longest wait before giving up with PROVIDER_RATE_LIMIT_ERROR. Default 30 000 ms. */
  maxWaitMs?: number;
  /** Clock (epoch ms). Default `Date.now`. */
  now?: () => number;
  /** How to wait (abortable). Default: a timer. */
  sleep?: Sleep;
  /** Where the buckets live; share one (Redis) across a fleet. Default: in memory. */
  store?: StateStore;
}

type Settings = Required<Omit<RateLimiterOptions, 'requestsPerMinute' | 'tokensPerMinute' | 'store'>> &
  Pick<RateLimiterOptions, 'requestsPerMinute' | 'tokensPerMinute'> & { store: StateStore };

/**
 * Per-provider token buckets for requests per minute and tokens per minute, kept in a
 * {@link StateStore} (in memory by default; a shared store makes a fleet share them). A call costs one
 * request plus its estimated tokens (input + output cap), settled to the actual usage after it.
 * Vendor rate-limit headers reported through `ctx.reportRateLimit` adapt the buckets: fewer
 * remaining than we think lowers them, none remaining blocks the provider until the reset. A call
 * that would have to wait is rejected (`mode: 'reject'`) or waits (`mode: 'wait'`) unless the
 * wait exceeds `maxWaitMs` or the call's deadline; rejections are PROVIDER_RATE_LIMIT_ERROR with
 * `retryAfterMs`, marked as raised locally. Limits come from the policy options; per-call overrides
 * change `mode` and `maxWaitMs`. Emits `rate-limit` events when a call waited or was rejected.
 */
/** The rate limiter middleware, which can also report a provider's headroom. */
export type RateLimiter = Middleware & {
  /** What `providerId`'s buckets hold now (nothing is taken). */
  headroom(providerId: string): Promise<RateLimitHeadroom>;
};

export function rateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  assertPositiveOption('rateLimit', 'requestsPerMinute', options.requestsPerMinute);
  assertPositiveOption('rateLimit', 'tokensPerMinute', options.tokensPerMinute);
  assertNonNegativeOption('rateLimit', 'maxWaitMs', options.maxWaitMs);
  const now = options.now ?? Date.now;
  const configured = mergeDefined<Settings>(
    { mode: 'wait', maxWaitMs: 30_000, now, sleep: abortableSleep, store: createMemoryStore({ now }) },
    options,
  );
  const limits = new Map<string, ProviderRateLimits>();
  const limitsOf = (providerId: string): ProviderRateLimits => {
    let entry = limits.get(providerId);
    if (!entry) {
      entry = new ProviderRateLimits(configured.store, providerId, configured, now);
      limits.set(providerId, entry);
    }
    return entry;
  };

  /** Waits for (or refuses) room for a call costing `tokens`. */
  const acquire = async (
    entry: ProviderRateLimits,
    tokens: number,
    ctx: CallContext,
    next: Next,
    model: string,
    s: Settings,
  ) => {
    const untilDeadline = ctx.deadline === undefined ? Number.POSITIVE_INFINITY : ctx.deadline - now();
    const maxWaitMs = s.mode === 'reject' ? 0 : Math.max(0, Math.min(s.maxWaitMs, untilDeadline));
    const { ok, waitMs } = await entry.take(tokens, maxWaitMs);
    const event = { type: 'rate-limit', provider: next.adapter.id, model } as const;
    if (!ok) {
      emitPolicyEvent(ctx, { ...event, waitedMs: 0, rejected: true }, now);
      throw localPolicyError('rateLimit', {
        code: 'PROVIDER_RATE_LIMIT_ERROR',
        message: `Local rate limit for ${next.adapter.id} reached; room for this call in ${waitMs} ms`,
        retryAfterMs: waitMs,
        provider: next.adapter.id,
        model,
      });
    }
    if (waitMs === 0) return;
    try {
      await s.sleep(waitMs, ctx.signal);
    } catch (error) {
      await entry.giveBack(tokens);
      throw ctx.signal.aborted ? abortErrorFor(ctx.signal, { provider: next.adapter.id, model }) : error;
    }
    emitPolicyEvent(ctx, { ...event, waitedMs: waitMs, rejected: false }, now);
  };

  /**
   * Corrects the token bucket from the estimate to the actual tokens: the usage when known, none
   * for a failed call, the estimate otherwise.
   */
  const settle = (
    entry: ProviderRateLimits,
    estimated: number,
    usage: Usage | undefined,
    failed: boolean,
  ) => {
    const actual = usage ? usage.inputTokens + usage.outputTokens : failed ? 0 : estimated;
    return entry.settleTokens(actual - estimated);
  };

  /**
   * The call's context, whose `reportRateLimit` also adapts the provider's limits; `adapted()`
   * waits for those store writes, so the next call sees them.
   */
  const limitedContext = (ctx: CallContext, entry: ProviderRateLimits) => {
    const pending: Array<Promise<void>> = [];
    const context: CallContext = {
      ...ctx,
      reportRateLimit: (info) => {
        // a store failure while adapting must not fail a call the provider answered
        pending.push(entry.adapt(info).catch(() => {}));
        ctx.reportRateLimit?.(info);
      },
    };
    return { context, adapted: () => Promise.all(pending) };
  };

  async function limited<T>(
    ctx: CallContext,
    next: Next,
    model: string,
    tokens: number,
    call: (ctx: CallContext) => Promise<T>,
    usageOf: (result: T) => Usage | undefined,
  ): Promise<T> {
    const s = optionsForCall(ctx, 'rateLimit', configured);
    if (!s) return call(ctx);
    const entry = limitsOf(next.adapter.id);
    await acquire(entry, tokens, ctx, next, model, s);
    const { context, adapted } = limitedContext(ctx, entry);
    let result: T;
    try {
      result = await call(context);
    } catch (error) {
      await adapted();
      await settle(entry, tokens, undefined, true);
      throw error;
    }
    await adapted();
    await settle(entry, tokens, usageOf(result), false);
    return result;
  }

  // the registry's merged catalog and the adapter's real output cap, from the call
  const chatTokens = (request: ChatRequest, ctx: CallContext) => {
    const estimate = estimateTokens(request, ctx.call.target.model);
    return estimate.inputTokens + (ctx.call.target.maxOutputTokens ?? estimate.maxOutputTokens);
  };
  const embedTokens = (request: EmbedRequest) =>
    (typeof request.input === 'string' ? [request.input] : request.input).reduce(
      (n, t) => n + estimateTextTokens(t),
      0,
    );

  return {
    name: 'rateLimit',
    chat: (request, ctx, next) =>
      limited(
        ctx,
        next,
        request.model,
        chatTokens(request, ctx),
        (c) => next.chat(request, c),
        (r: AdapterChatResult) => r.usage,
      ),
    embed: (request, ctx, next) =>
      limited(
        ctx,
        next,
        request.model,
        embedTokens(request),
        (c) => next.embed(request, c),
        (r) => r.usage,
      ),
    generateImage: (request, ctx, next) =>
      limited(
        ctx,
        next,
        request.model,
        0,
        (c) => next.generateImage(request, c),
        () => undefined,
      ),
    async *stream(request: ChatRequest, ctx: CallContext, next: Next): AsyncIterable<ProviderStreamEvent> {
      const s = optionsForCall(ctx, 'rateLimit', configured);
      if (!s) {
        yield* next.stream(request, ctx);
        return;
      }
      const entry = limitsOf(next.adapter.id);
      const tokens = chatTokens(request, ctx);
      await acquire(entry, tokens, ctx, next, request.model, s);
      const { context, adapted } = limitedContext(ctx, entry);
      let usage: Usage | undefined;
      let failed = false;
      try {
        for await (const event of next.stream(request, context)) {
          if ((event.type === 'usage' || event.type === 'finish') && event.usage) usage = event.usage;
          yield event;
        }
      } catch (error) {
        failed = true;
        throw error;
      } finally {
        await adapted();
        await settle(entry, tokens, usage, failed);
      }
    },
    headroom: (providerId) => limitsOf(providerId).headroom(),
  };
}
