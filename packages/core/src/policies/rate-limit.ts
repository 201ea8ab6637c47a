import type { CallContext } from '../contracts/adapter.js';
import type { Usage } from '../contracts/usage.js';
import { estimateTextTokens, estimateTokens } from '../accounting/estimate-tokens.js';
import type { Middleware } from '../kernel/middleware.js';
import { abortErrorFor } from './abort-error.js';
import { abortableSleep, type Sleep } from './abortable-sleep.js';
import { definePolicy, type PolicyCall, usageOfResult } from './define-policy.js';
import { localPolicyError } from './local-policy-error.js';
import { createMemoryStore } from './memory-store.js';
import { parseOptions } from './option-schema.js';
import { emitPolicyEvent } from './policy-event.js';
import { mergeDefined } from './policy-options.js';
import { ProviderRateLimits, type RateLimitHeadroom } from './provider-rate-limits.js';
import { type RateLimitOptions, rateLimitOptionsSchema } from './rate-limit-options.js';
import type { StateStore } from './state-store.js';

export type { RateLimitHeadroom } from './provider-rate-limits.js';
export type { RateLimitOptions } from './rate-limit-options.js';

type Settings = Pick<RateLimitOptions, 'requestsPerMinute' | 'tokensPerMinute'> & {
  mode: 'wait' | 'reject';
  maxWaitMs: number;
  now: () => number;
  sleep: Sleep;
  store: StateStore;
};

/** The rate limiter middleware, which can also report a provider's headroom. */
export type RateLimiter = Middleware & {
  /** What `providerId`'s buckets hold now (nothing is taken). */
  headroom(providerId: string): Promise<RateLimitHeadroom>;
};

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
 * Throws CONFIG_ERROR on bad options.
 *
 * @example
 * ```ts
 * // the runtime builds it from `policies: { rateLimit: { requestsPerMinute: 60, tokensPerMinute: 90_000 } }`
 * // and reports its headroom through `runtime.state`; on its own:
 * const limiter = rateLimit({ requestsPerMinute: 60, tokensPerMinute: 90_000, mode: 'reject' });
 * const adapter = stack(openai()).with(limiter).build();
 * await limiter.headroom('openai'); // { requestsPerMinute: 60, requestsRemaining: 60, … }
 * ```
 */
export function rateLimit(options: RateLimitOptions = {}): RateLimiter {
  parseOptions('rateLimit', rateLimitOptionsSchema, options);
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
  const acquire = async (entry: ProviderRateLimits, tokens: number, call: PolicyCall, s: Settings) => {
    const { ctx, provider, model } = call;
    const untilDeadline = ctx.deadline === undefined ? Number.POSITIVE_INFINITY : ctx.deadline - now();
    const maxWaitMs = s.mode === 'reject' ? 0 : Math.max(0, Math.min(s.maxWaitMs, untilDeadline));
    const { ok, waitMs } = await entry.take(tokens, maxWaitMs);
    const event = { type: 'rate-limit', provider, model } as const;
    if (!ok) {
      emitPolicyEvent(ctx, { ...event, waitedMs: 0, rejected: true }, now);
      throw localPolicyError('rateLimit', {
        code: 'PROVIDER_RATE_LIMIT_ERROR',
        message: `Local rate limit for ${provider} reached; room for this call in ${waitMs} ms`,
        retryAfterMs: waitMs,
        provider,
        model,
      });
    }
    if (waitMs === 0) return;
    try {
      await s.sleep(waitMs, ctx.signal);
    } catch (error) {
      await entry.giveBack(tokens);
      throw ctx.signal.aborted ? abortErrorFor(ctx.signal, { provider, model }) : error;
    }
    emitPolicyEvent(ctx, { ...event, waitedMs: waitMs, rejected: false }, now);
  };

  return {
    ...definePolicy<Settings>({
      name: 'rateLimit',
      settings: configured,
      begin(call, s) {
        const entry = limitsOf(call.provider);
        const tokens = tokensOf(call);
        const pending: Array<Promise<void>> = [];
        // the call's context, whose `reportRateLimit` also adapts the provider's limits
        const context: CallContext = {
          ...call.ctx,
          reportRateLimit: (info) => {
            // a store failure while adapting must not fail a call the provider answered
            pending.push(entry.adapt(info).catch(() => {}));
            call.ctx.reportRateLimit?.(info);
          },
        };
        let streamed: Usage | undefined;
        return {
          start: () => acquire(entry, tokens, call, s),
          context: () => context,
          observe: (event) => {
            if ((event.type === 'usage' || event.type === 'finish') && event.usage) streamed = event.usage;
          },
          // the bucket goes from the estimate to the actual tokens: the usage when known, none for
          // a failed call, the estimate otherwise (once the adaptations are stored, so the next call sees them)
          finish: async (end) => {
            await Promise.all(pending);
            const usage = streamed ?? usageOfResult(end.result);
            const actual = usage
              ? usage.inputTokens + usage.outputTokens
              : end.outcome === 'failed'
                ? 0
                : tokens;
            await entry.settleTokens(actual - tokens);
          },
        };
      },
    }),
    headroom: (providerId) => limitsOf(providerId).headroom(),
  };
}

/** The tokens a call is estimated to use: input plus the most output the adapter may ask for. */
function tokensOf(call: PolicyCall): number {
  switch (call.operation) {
    case 'chat':
    case 'stream': {
      // the registry's merged catalog and the adapter's real output cap, from the call
      const target = call.ctx.call.target;
      const estimate = estimateTokens(call.request, target.model);
      return estimate.inputTokens + (target.maxOutputTokens ?? estimate.maxOutputTokens);
    }
    case 'embed': {
      const input = call.request.input;
      return (typeof input === 'string' ? [input] : input).reduce((n, t) => n + estimateTextTokens(t), 0);
    }
    default:
      return 0;
  }
}
