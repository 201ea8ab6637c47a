import type {
  AdapterChatResult,
  AdapterEmbedResult,
  AdapterImageResult,
  CallContext,
} from '../contracts/adapter.js';
import type { ModelInfo } from '../contracts/model-info.js';
import type { Middleware } from '../kernel/middleware.js';
import { StreamAssembler } from '../kernel/stream-assembler.js';
import {
  chatActual,
  chatEstimate,
  type Estimate,
  NOTHING,
  outputChars,
} from '../accounting/call-estimate.js';
import { computeCost, computeImageCost, estimateCostRange } from '../accounting/cost.js';
import { estimateTextTokens } from '../accounting/estimate-tokens.js';
import { type BudgetAlert, type BudgetOptions, budgetOptionsSchema } from './budget-options.js';
import {
  BUDGET_KEY_PREFIX,
  type BudgetScope,
  budgetScopesFor,
  fromNanoUsd,
  toNanoUsd,
  toNanoUsdCeil,
} from './budget-scopes.js';
import { admitUnpricedCall } from './budget-unpriced.js';
import { type BudgetScopeSnapshot, readBudgetUsage } from './budget-usage.js';
import { definePolicy, type PolicyCall, type PolicyResult } from './define-policy.js';
import { localPolicyError } from './local-policy-error.js';
import { createMemoryStore } from './memory-store.js';
import { parseOptions } from './option-schema.js';
import { emitPolicyEvent } from './policy-event.js';
import { mergeDefined } from './policy-options.js';

export type {
  BudgetAlert,
  BudgetLimits,
  BudgetOptions,
  BudgetScopeLimits,
  RunBudget,
} from './budget-options.js';
export type { BudgetScopeSnapshot } from './budget-usage.js';

/** Every configured budget counter for the current periods. */
export interface BudgetSnapshot {
  time: number;
  scopes: BudgetScopeSnapshot[];
}

/** The budget guard middleware, which can also report the counters. */
export type BudgetGuard = Middleware & {
  snapshot(): Promise<BudgetSnapshot>;
};

/** A call's reservation, settled or released exactly once. */
interface Reservation {
  settle(actual: Estimate): Promise<void>;
  release(): Promise<void>;
}

type Defaulted = 'alertThreshold' | 'store' | 'now' | 'runTtlMs' | 'allowUnpriced';
type Settings = Omit<BudgetOptions, Defaulted> & Required<Pick<BudgetOptions, Defaulted>>;

/**
 * Spending limits that hold under concurrency. Before a call, its dearest estimated cost
 * (input + full output cap, from the model's pricing) is reserved in every applicable counter
 * (global and provider, per UTC day and month) with the store's atomic check-and-add; if any
 * counter refuses, the others are rolled back and the call fails with BUDGET_EXCEEDED without
 * being sent. Runs (`request.metadata.runId`) reserve estimated tokens against `perRun.hardTokens`
 * the same way. After the call the reservation is settled to the actual cost (from the usage; an
 * estimate from the output when the provider gave none; zero for a cache hit) or released when the
 * call failed. Counters are integer nano-dollars so sums are exact. Alerts (telemetry and
 * `onAlert`) fire once per scope and period when spending crosses `alertThreshold`, and once per
 * run past `perRun.softTokens`. An actual cost above the estimate is still recorded (it was spent)
 * and then blocks further calls. A call to a model without pricing cannot be held against a USD
 * budget: it is refused with BUDGET_EXCEEDED unless `allowUnpriced` is set (see
 * {@link admitUnpricedCall}). Throws CONFIG_ERROR on bad options.
 *
 * @example
 * ```ts
 * // the runtime builds it from `policies: { budget: { global: { dailyUsd: 5 } } }` and reports
 * // spend through `runtime.state`; on its own:
 * const spend = budget({ global: { dailyUsd: 5 }, providers: { openai: { monthlyUsd: 50 } } });
 * const adapter = stack(openai()).with(spend).build();
 * const { scopes } = await spend.snapshot(); // spent and remaining per counter
 * ```
 */
export function budget(options: BudgetOptions = {}): BudgetGuard {
  parseOptions('budget', budgetOptionsSchema, options);
  const configured = mergeDefined<Settings>(
    {
      alertThreshold: 0.8,
      store: createMemoryStore(),
      now: Date.now,
      runTtlMs: 7 * 86_400_000,
      allowUnpriced: false,
    },
    options,
  );

  const emitBudget = (
    ctx: CallContext,
    provider: string,
    model: string,
    s: Settings,
    action: 'reserve' | 'settle' | 'release' | 'reject' | 'alert',
    scope: string,
    amountUsd: number,
    spentUsd: number,
    limitUsd?: number,
  ) =>
    emitPolicyEvent(
      ctx,
      {
        type: 'budget',
        provider: provider,
        model,
        action,
        scope,
        amountUsd,
        spentUsd,
        ...(limitUsd !== undefined && { limitUsd }),
      },
      s.now,
    );

  /** Raises an alert the first time it is asked for `alertKey` (atomic across a fleet). */
  const alertOnce = async (
    alertKey: string,
    ttlMs: number,
    alert: BudgetAlert,
    ctx: CallContext,
    provider: string,
    model: string,
    s: Settings,
  ) => {
    if ((await s.store.increment(`${BUDGET_KEY_PREFIX}alerted:${alertKey}`, 1, ttlMs)) !== 1) return;
    emitBudget(ctx, provider, model, s, 'alert', alert.scope, 0, alert.spentUsd ?? 0, alert.limitUsd);
    try {
      s.onAlert?.(alert);
    } catch {
      // an alert callback must never break a call
    }
  };

  const reserve = async (
    ctx: CallContext,
    provider: string,
    model: string,
    runId: string | undefined,
    estimate: Estimate,
    s: Settings,
  ) => {
    const scopes = budgetScopesFor(provider, s.now(), s.global, s.providers, s.scope);
    if (estimate.unpriced && scopes.length > 0) {
      const { allowUnpriced, store, now } = s;
      await admitUnpricedCall({ ctx, providerId: provider, model, scopes, allowUnpriced, store, now });
    }
    const nano = toNanoUsdCeil(estimate.usd);
    const held: BudgetScope[] = [];
    const rollback = () => Promise.all(held.map((scope) => s.store.increment(scope.key, -nano)));

    for (const scope of scopes) {
      const limitNano = toNanoUsd(scope.limitUsd);
      const result = await s.store.reserve(scope.key, nano, limitNano, scope.ttlMs);
      if (!result.ok) {
        await rollback();
        const spentUsd = fromNanoUsd(result.value);
        emitBudget(ctx, provider, model, s, 'reject', scope.scope, estimate.usd, spentUsd, scope.limitUsd);
        throw localPolicyError('budget', {
          code: 'BUDGET_EXCEEDED',
          message: `The ${scope.scope} budget ($${scope.limitUsd} for ${scope.periodKey}) has $${formatUsd(scope.limitUsd - spentUsd)} left; this call may cost up to $${formatUsd(estimate.usd)}`,
          retryable: false,
          // the counter starts again when its period ends: a caller may try then
          retryAfterMs: scope.resetsInMs,
          provider: provider,
          model,
          details: {
            scope: scope.scope,
            periodKey: scope.periodKey,
            limitUsd: scope.limitUsd,
            spentUsd,
            requiredUsd: estimate.usd,
          },
        });
      }
      held.push(scope);
      emitBudget(
        ctx,
        provider,
        model,
        s,
        'reserve',
        scope.scope,
        estimate.usd,
        fromNanoUsd(result.value),
        scope.limitUsd,
      );
    }

    const runKey = runId === undefined || !s.perRun ? undefined : `${BUDGET_KEY_PREFIX}run:${runId}:tokens`;
    const runScope = `run:${runId}`;
    if (runKey) {
      const hard = s.perRun?.hardTokens;
      const result =
        hard === undefined
          ? { ok: true, value: await s.store.increment(runKey, estimate.tokens, s.runTtlMs) }
          : await s.store.reserve(runKey, estimate.tokens, hard, s.runTtlMs);
      if (!result.ok) {
        await rollback();
        emitBudget(ctx, provider, model, s, 'reject', runScope, estimate.usd, 0);
        throw localPolicyError('budget', {
          code: 'BUDGET_EXCEEDED',
          message: `Run ${runId} has used ${result.value} of its ${hard} tokens; this call may need up to ${estimate.tokens}`,
          retryable: false,
          provider: provider,
          model,
          details: {
            scope: runScope,
            tokens: result.value,
            hardTokens: hard,
            requiredTokens: estimate.tokens,
          },
        });
      }
    }

    let done = false;
    const reservation: Reservation = {
      async settle(actual) {
        if (done) return;
        done = true;
        const actualNano = toNanoUsd(actual.usd);
        for (const scope of held) {
          const value = await s.store.increment(scope.key, actualNano - nano);
          const spentUsd = fromNanoUsd(value);
          emitBudget(ctx, provider, model, s, 'settle', scope.scope, actual.usd, spentUsd, scope.limitUsd);
          if (value >= toNanoUsd(scope.limitUsd * s.alertThreshold)) {
            const alert = {
              scope: scope.scope,
              periodKey: scope.periodKey,
              spentUsd,
              limitUsd: scope.limitUsd,
              threshold: s.alertThreshold,
            };
            await alertOnce(`${scope.scope}:${scope.periodKey}`, scope.ttlMs, alert, ctx, provider, model, s);
          }
        }
        if (runKey) {
          const tokens = await s.store.increment(runKey, actual.tokens - estimate.tokens);
          const soft = s.perRun?.softTokens;
          if (soft !== undefined && tokens >= soft) {
            const alert = { scope: runScope, tokens, softTokens: soft, threshold: 1 };
            await alertOnce(runScope, s.runTtlMs, alert, ctx, provider, model, s);
          }
        }
      },
      async release() {
        if (done) return;
        done = true;
        for (const scope of held) {
          const value = await s.store.increment(scope.key, -nano);
          emitBudget(
            ctx,
            provider,
            model,
            s,
            'release',
            scope.scope,
            estimate.usd,
            fromNanoUsd(value),
            scope.limitUsd,
          );
        }
        if (runKey) await s.store.increment(runKey, -estimate.tokens);
      },
    };
    return reservation;
  };

  /** What one call is estimated to cost, and what it cost once it ended. */
  interface CallPricing {
    estimate: Estimate;
    /** From a unary call's answer, or from the stream's events folded by `recorder`. */
    actual(result: PolicyResult | undefined, recorder: StreamAssembler | undefined): Estimate;
  }

  // the registry's merged catalog (config price overrides applied), as the call's result is priced,
  // and the adapter's real output cap (a thinking budget included)
  const pricingOf = (call: PolicyCall): CallPricing => {
    const model: ModelInfo | undefined = call.ctx.call.target.model;
    switch (call.operation) {
      case 'chat':
      case 'stream': {
        const range = estimateCostRange(call.request, model, call.ctx.call.target.maxOutputTokens);
        return {
          estimate: chatEstimate(range),
          actual: (result, recorder) =>
            recorder
              ? chatActual(recorder.usage, range.inputTokens, recorder.outputChars, model)
              : chatActual(
                  (result as AdapterChatResult).usage,
                  range.inputTokens,
                  outputChars((result as AdapterChatResult).content),
                  model,
                ),
        };
      }
      case 'embed': {
        const input = call.request.input;
        const tokens = (typeof input === 'string' ? [input] : input).reduce(
          (n, text) => n + estimateTextTokens(text),
          0,
        );
        const priced = (inputTokens: number) =>
          computeCost({ inputTokens, outputTokens: 0, totalTokens: inputTokens }, model?.pricing).totalUsd;
        const estimate = { usd: priced(tokens), tokens, unpriced: !model?.pricing };
        return {
          estimate,
          actual: (result) => {
            const usage = (result as AdapterEmbedResult).usage;
            return usage
              ? { usd: computeCost(usage, model?.pricing).totalUsd, tokens: usage.totalTokens }
              : estimate;
          },
        };
      }
      default: {
        const planned = computeImageCost(call.request.n, model?.pricing);
        return {
          estimate: { usd: planned.totalUsd, tokens: 0, ...(planned.unpriced && { unpriced: true }) },
          actual: (result) => ({
            usd: computeImageCost((result as AdapterImageResult).images.length, model?.pricing).totalUsd,
            tokens: 0,
          }),
        };
      }
    }
  };

  return {
    ...definePolicy<Settings>({
      name: 'budget',
      settings: configured,
      begin(call, s) {
        const pricing = pricingOf(call);
        const recorder = call.operation === 'stream' ? new StreamAssembler() : undefined;
        let reservation: Reservation;
        return {
          start: async () => {
            const { ctx, provider, model } = call;
            reservation = await reserve(
              ctx,
              provider,
              model,
              call.request.metadata?.runId,
              pricing.estimate,
              s,
            );
          },
          observe: recorder && ((event) => recorder.add(event)),
          // a cache hit cost nothing; a call that failed before any usage or output is released;
          // the rest is settled to what it cost — a stream cut after some output without usage to
          // the estimate from that output, as the ledger records it (the vendor bills what it sent)
          finish: (end) => {
            if (call.ctx.call.cached) return reservation.settle(NOTHING);
            const produced =
              recorder !== undefined && (recorder.usage !== undefined || recorder.outputChars > 0);
            if (end.outcome === 'failed' && !produced) return reservation.release();
            return reservation.settle(pricing.actual(end.result, recorder));
          },
        };
      },
    }),
    async snapshot() {
      const time = configured.now();
      const { global, providers, scope } = configured;
      const limits = { ...(global && { global }), ...(providers && { providers }), ...(scope && { scope }) };
      return { time, scopes: await readBudgetUsage(configured.store, limits, time) };
    },
  };
}

function formatUsd(usd: number): string {
  return usd.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
}
