import type { AdapterChatResult, CallContext, RateLimitInfo } from '../contracts/adapter.js';
import type { ChatRequest, EmbedRequest } from '../contracts/chat-request.js';
import type { ProviderStreamEvent } from '../contracts/stream-event.js';
import type { Usage } from '../contracts/usage.js';
import type { Middleware, Next } from '../kernel/middleware.js';
import { abortErrorFor } from './abort-error.js';
import { abortableSleep, type Sleep } from './abortable-sleep.js';
import { estimateTextTokens, estimateTokens } from './estimate-tokens.js';
import { localPolicyError } from './local-policy-error.js';
import { assertNonNegativeOption, assertPositiveOption } from './option-checks.js';
import { emitPolicyEvent } from './policy-event.js';
import { mergeDefined, optionsForCall } from './policy-options.js';
import { TokenBucket } from './token-bucket.js';

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
}

/** Wait assumed when a provider says nothing is left but not when it resets. */
const DEFAULT_RESET_MS = 1000;

interface ProviderLimits {
  requests?: TokenBucket;
  tokens?: TokenBucket;
  /** Epoch ms before which the provider said it will refuse calls. */
  blockedUntil: number;
}

type Settings = Required<Omit<RateLimiterOptions, 'requestsPerMinute' | 'tokensPerMinute'>> &
  Pick<RateLimiterOptions, 'requestsPerMinute' | 'tokensPerMinute'>;

/**
 * Per-provider token buckets for requests per minute and tokens per minute. A call costs one
 * request plus its estimated tokens (input + output cap), settled to the actual usage after it.
 * Vendor rate-limit headers reported through `ctx.reportRateLimit` adapt the buckets: fewer
 * remaining than we think lowers them, none remaining blocks the provider until the reset. A call
 * that would have to wait is rejected (`mode: 'reject'`) or waits (`mode: 'wait'`) unless the
 * wait exceeds `maxWaitMs` or the call's deadline; rejections are PROVIDER_RATE_LIMIT_ERROR with
 * `retryAfterMs`, marked as raised locally. Limits come from the policy options; per-call overrides
 * change `mode` and `maxWaitMs`. Emits `rate-limit` events when a call waited or was rejected.
 */
export function rateLimiter(options: RateLimiterOptions = {}): Middleware {
  assertPositiveOption('rateLimit', 'requestsPerMinute', options.requestsPerMinute);
  assertPositiveOption('rateLimit', 'tokensPerMinute', options.tokensPerMinute);
  assertNonNegativeOption('rateLimit', 'maxWaitMs', options.maxWaitMs);
  const configured = mergeDefined<Settings>(
    { mode: 'wait', maxWaitMs: 30_000, now: Date.now, sleep: abortableSleep },
    options,
  );
  const { now } = configured;
  const limits = new Map<string, ProviderLimits>();

  const limitsOf = (providerId: string): ProviderLimits => {
    let entry = limits.get(providerId);
    if (!entry) {
      entry = {
        blockedUntil: 0,
        ...(configured.requestsPerMinute && {
          requests: new TokenBucket(configured.requestsPerMinute, 60_000, now),
        }),
        ...(configured.tokensPerMinute && {
          tokens: new TokenBucket(configured.tokensPerMinute, 60_000, now),
        }),
      };
      limits.set(providerId, entry);
    }
    return entry;
  };

  const adapt = (entry: ProviderLimits, info: RateLimitInfo) => {
    const block = (resetMs: number | undefined) => {
      entry.blockedUntil = Math.max(entry.blockedUntil, now() + (resetMs ?? DEFAULT_RESET_MS));
    };
    if (info.remainingRequests !== undefined) {
      if (info.remainingRequests <= 0) block(info.resetRequestsMs);
      else entry.requests?.lowerTo(info.remainingRequests);
    }
    if (info.remainingTokens !== undefined) {
      if (info.remainingTokens <= 0) block(info.resetTokensMs);
      else entry.tokens?.lowerTo(info.remainingTokens);
    }
  };

  /** Waits for (or refuses) room for a call costing `tokens`; returns the tokens taken. */
  const acquire = async (
    entry: ProviderLimits,
    tokens: number,
    ctx: CallContext,
    next: Next,
    model: string,
    s: Settings,
  ) => {
    const waitMs = Math.max(
      entry.requests?.waitFor(1) ?? 0,
      entry.tokens?.waitFor(tokens) ?? 0,
      entry.blockedUntil - now(),
      0,
    );
    const event = { type: 'rate-limit', provider: next.adapter.id, model } as const;
    if (waitMs > 0) {
      const pastDeadline = ctx.deadline !== undefined && now() + waitMs > ctx.deadline;
      if (s.mode === 'reject' || waitMs > s.maxWaitMs || pastDeadline) {
        emitPolicyEvent(ctx, { ...event, waitedMs: 0, rejected: true }, now);
        throw localPolicyError('rateLimit', {
          code: 'PROVIDER_RATE_LIMIT_ERROR',
          message: `Local rate limit for ${next.adapter.id} reached; room for this call in ${waitMs} ms`,
          retryAfterMs: waitMs,
          provider: next.adapter.id,
          model,
        });
      }
    }
    entry.requests?.take(1);
    entry.tokens?.take(tokens);
    if (waitMs === 0) return;
    try {
      await s.sleep(waitMs, ctx.signal);
    } catch (error) {
      entry.requests?.give(1);
      entry.tokens?.give(tokens);
      throw ctx.signal.aborted ? abortErrorFor(ctx.signal, { provider: next.adapter.id, model }) : error;
    }
    emitPolicyEvent(ctx, { ...event, waitedMs: waitMs, rejected: false }, now);
  };

  /**
   * Corrects the token bucket from the estimate to the actual tokens: the usage when known, none
   * for a failed call, the estimate otherwise.
   */
  const settle = (entry: ProviderLimits, estimated: number, usage: Usage | undefined, failed: boolean) => {
    const actual = usage ? usage.inputTokens + usage.outputTokens : failed ? 0 : estimated;
    if (actual < estimated) entry.tokens?.give(estimated - actual);
    else if (actual > estimated) entry.tokens?.take(actual - estimated);
  };

  const limitedContext = (ctx: CallContext, entry: ProviderLimits): CallContext => ({
    ...ctx,
    reportRateLimit: (info) => {
      adapt(entry, info);
      ctx.reportRateLimit?.(info);
    },
  });

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
    try {
      const result = await call(limitedContext(ctx, entry));
      settle(entry, tokens, usageOf(result), false);
      return result;
    } catch (error) {
      settle(entry, tokens, undefined, true);
      throw error;
    }
  }

  const chatTokens = (request: ChatRequest, next: Next) => {
    const estimate = estimateTokens(
      request,
      next.adapter.models.find((m) => m.id === request.model),
    );
    return estimate.inputTokens + estimate.maxOutputTokens;
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
        chatTokens(request, next),
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
      const tokens = chatTokens(request, next);
      await acquire(entry, tokens, ctx, next, request.model, s);
      let usage: Usage | undefined;
      let failed = false;
      try {
        for await (const event of next.stream(request, limitedContext(ctx, entry))) {
          if ((event.type === 'usage' || event.type === 'finish') && event.usage) usage = event.usage;
          yield event;
        }
      } catch (error) {
        failed = true;
        throw error;
      } finally {
        settle(entry, tokens, usage, failed);
      }
    },
  };
}
