import type { AdapterChatResult, CallContext } from '../contracts/adapter.js';
import type { ChatRequest, EmbedRequest, ImageRequest } from '../contracts/chat-request.js';
import type { ModelInfo } from '../contracts/model-info.js';
import type { ProviderStreamEvent } from '../contracts/stream-event.js';
import type { Usage } from '../contracts/usage.js';
import type { Middleware, Next } from '../kernel/middleware.js';
import {
  BUDGET_KEY_PREFIX,
  type BudgetLimits,
  type BudgetScope,
  budgetScopesFor,
  fromNanoUsd,
  toNanoUsd,
  toNanoUsdCeil,
} from './budget-scopes.js';
import { admitUnpricedCall } from './budget-unpriced.js';
import { chatActual, chatEstimate, type Estimate, NOTHING, outputChars } from './budget-estimate.js';
import { computeCost, estimateCostRange } from './cost.js';
import { estimateTextTokens } from './estimate-tokens.js';
import { localPolicyError } from './local-policy-error.js';
import { assertNonNegativeOption, assertPositiveOption } from './option-checks.js';
import { emitPolicyEvent } from './policy-event.js';
import { mergeDefined, optionsForCall } from './policy-options.js';
import { createMemoryStore } from './memory-store.js';
import type { StateStore } from './state-store.js';
import { StreamAssembler } from '../kernel/stream-assembler.js';

export type { BudgetLimits } from './budget-scopes.js';

/** Token caps for one run (calls sharing `request.metadata.runId`). */
export interface RunBudget {
  /** Tokens after which an alert is raised (calls still go through). */
  softTokens?: number;
  /** Tokens a run may never exceed: a call that could pass it is refused. */
  hardTokens?: number;
}

/** What `onAlert` receives when a scope crosses its alert threshold (or a run its soft cap). */
export interface BudgetAlert {
  /** `global:day`, `provider:openai:month`, `run:<runId>`… */
  scope: string;
  /** The UTC period (`2026-01-15`, `2026-01`), for USD scopes. */
  periodKey?: string;
  spentUsd?: number;
  limitUsd?: number;
  /** Tokens used by the run, for run scopes. */
  tokens?: number;
  softTokens?: number;
  /** The fraction of the limit that triggers the alert. */
  threshold: number;
}

/** Options of {@link budgetGuard}. */
export interface BudgetGuardOptions {
  /** Limits over every provider together. */
  global?: BudgetLimits;
  /** Limits per provider id. */
  providers?: Record<string, BudgetLimits>;
  /** Token caps per run (`request.metadata.runId`). */
  perRun?: RunBudget;
  /** Fraction of a limit at which to alert, once per scope and period. Default 0.8. */
  alertThreshold?: number;
  /** Where the counters live; share one (Redis) across a fleet. Default: in memory. */
  store?: StateStore;
  /** Clock (epoch ms) deciding the UTC day and month. Default `Date.now`. */
  now?: () => number;
  /** Called once per scope and period when spending crosses the alert threshold. Must not throw. */
  onAlert?: (alert: BudgetAlert) => void;
  /** How long a run's token counter is kept. Default 7 days. */
  runTtlMs?: number;
  /**
   * Let calls to models without pricing (missing from the catalog) through while USD budgets
   * apply, counted as $0 with a telemetry alert once per model and day. Default false: such a
   * call is refused with BUDGET_EXCEEDED, since its cost could not be held against the budget.
   */
  allowUnpriced?: boolean;
}

/** One budget counter, as {@link BudgetGuard.snapshot} reports it. */
export interface BudgetScopeSnapshot {
  scope: string;
  period: 'day' | 'month';
  periodKey: string;
  limitUsd: number;
  /** Settled spend plus the reservations of calls in flight. */
  spentUsd: number;
  remainingUsd: number;
}

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
type Settings = Omit<BudgetGuardOptions, Defaulted> & Required<Pick<BudgetGuardOptions, Defaulted>>;

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
 * {@link admitUnpricedCall}).
 */
export function budgetGuard(options: BudgetGuardOptions = {}): BudgetGuard {
  validate(options);
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
    next: Next,
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
        provider: next.adapter.id,
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
    next: Next,
    model: string,
    s: Settings,
  ) => {
    if ((await s.store.increment(`${BUDGET_KEY_PREFIX}alerted:${alertKey}`, 1, ttlMs)) !== 1) return;
    emitBudget(ctx, next, model, s, 'alert', alert.scope, 0, alert.spentUsd ?? 0, alert.limitUsd);
    try {
      s.onAlert?.(alert);
    } catch {
      // an alert callback must never break a call
    }
  };

  const reserve = async (
    ctx: CallContext,
    next: Next,
    model: string,
    runId: string | undefined,
    estimate: Estimate,
    s: Settings,
  ) => {
    const scopes = budgetScopesFor(next.adapter.id, s.now(), s.global, s.providers);
    if (estimate.unpriced && scopes.length > 0) {
      const { allowUnpriced, store, now } = s;
      await admitUnpricedCall({ ctx, providerId: next.adapter.id, model, scopes, allowUnpriced, store, now });
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
        emitBudget(ctx, next, model, s, 'reject', scope.scope, estimate.usd, spentUsd, scope.limitUsd);
        throw localPolicyError('budget', {
          code: 'BUDGET_EXCEEDED',
          message: `The ${scope.scope} budget ($${scope.limitUsd} for ${scope.periodKey}) has $${formatUsd(scope.limitUsd - spentUsd)} left; this call may cost up to $${formatUsd(estimate.usd)}`,
          retryable: false,
          provider: next.adapter.id,
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
        next,
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
        emitBudget(ctx, next, model, s, 'reject', runScope, estimate.usd, 0);
        throw localPolicyError('budget', {
          code: 'BUDGET_EXCEEDED',
          message: `Run ${runId} has used ${result.value} of its ${hard} tokens; this call may need up to ${estimate.tokens}`,
          retryable: false,
          provider: next.adapter.id,
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
          emitBudget(ctx, next, model, s, 'settle', scope.scope, actual.usd, spentUsd, scope.limitUsd);
          if (value >= toNanoUsd(scope.limitUsd * s.alertThreshold)) {
            const alert = {
              scope: scope.scope,
              periodKey: scope.periodKey,
              spentUsd,
              limitUsd: scope.limitUsd,
              threshold: s.alertThreshold,
            };
            await alertOnce(`${scope.scope}:${scope.periodKey}`, scope.ttlMs, alert, ctx, next, model, s);
          }
        }
        if (runKey) {
          const tokens = await s.store.increment(runKey, actual.tokens - estimate.tokens);
          const soft = s.perRun?.softTokens;
          if (soft !== undefined && tokens >= soft) {
            const alert = { scope: runScope, tokens, softTokens: soft, threshold: 1 };
            await alertOnce(runScope, s.runTtlMs, alert, ctx, next, model, s);
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
            next,
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

  async function guarded<T>(
    ctx: CallContext,
    next: Next,
    model: string,
    runId: string | undefined,
    estimate: Estimate,
    call: () => Promise<T>,
    actualOf: (result: T) => Estimate,
    s: Settings,
  ): Promise<T> {
    const reservation = await reserve(ctx, next, model, runId, estimate, s);
    let result: T;
    try {
      result = await call();
    } catch (error) {
      await reservation.release();
      throw error;
    }
    await reservation.settle(actualOf(result));
    return result;
  }

  // the registry's merged catalog (config price overrides applied), as the call's result is priced
  const modelOf = (ctx: CallContext): ModelInfo | undefined => ctx.call.target.model;
  const rangeOf = (request: ChatRequest, ctx: CallContext) =>
    estimateCostRange(request, modelOf(ctx), ctx.call.target.maxOutputTokens);

  return {
    name: 'budget',
    async chat(request, ctx, next) {
      const s = optionsForCall(ctx, 'budget', configured);
      if (!s) return next.chat(request, ctx);
      const model = modelOf(ctx);
      const range = rangeOf(request, ctx);
      const actualOf = (result: AdapterChatResult): Estimate =>
        ctx.call.cached
          ? NOTHING
          : chatActual(result.usage, range.inputTokens, outputChars(result.content), model);
      return guarded(
        ctx,
        next,
        request.model,
        request.metadata?.runId,
        chatEstimate(range),
        () => next.chat(request, ctx),
        actualOf,
        s,
      );
    },
    async *stream(request: ChatRequest, ctx: CallContext, next: Next): AsyncIterable<ProviderStreamEvent> {
      const s = optionsForCall(ctx, 'budget', configured);
      if (!s) {
        yield* next.stream(request, ctx);
        return;
      }
      const model = modelOf(ctx);
      const range = rangeOf(request, ctx);
      const estimate = chatEstimate(range);
      const reservation = await reserve(ctx, next, request.model, request.metadata?.runId, estimate, s);
      const recorder = new StreamAssembler();
      let failed = false;
      try {
        for await (const event of next.stream(request, ctx)) {
          recorder.add(event);
          yield event;
        }
      } catch (error) {
        failed = true;
        throw error;
      } finally {
        if (ctx.call.cached) await reservation.settle(NOTHING);
        else if (failed && !recorder.usage) await reservation.release();
        else
          await reservation.settle(
            chatActual(recorder.usage, range.inputTokens, recorder.outputChars, model),
          );
      }
    },
    async embed(request: EmbedRequest, ctx, next) {
      const s = optionsForCall(ctx, 'budget', configured);
      if (!s) return next.embed(request, ctx);
      const model = modelOf(ctx);
      const inputs = typeof request.input === 'string' ? [request.input] : request.input;
      const tokens = inputs.reduce((n, text) => n + estimateTextTokens(text), 0);
      const priced = (inputTokens: number) =>
        computeCost({ inputTokens, outputTokens: 0, totalTokens: inputTokens }, model?.pricing).totalUsd;
      const estimate = { usd: priced(tokens), tokens, unpriced: !model?.pricing };
      const actualOf = (result: { usage?: Usage }): Estimate =>
        result.usage
          ? { usd: computeCost(result.usage, model?.pricing).totalUsd, tokens: result.usage.totalTokens }
          : estimate;
      return guarded(
        ctx,
        next,
        request.model,
        request.metadata?.runId,
        estimate,
        () => next.embed(request, ctx),
        actualOf,
        s,
      );
    },
    async generateImage(request: ImageRequest, ctx, next) {
      const s = optionsForCall(ctx, 'budget', configured);
      if (!s) return next.generateImage(request, ctx);
      const perImage = modelOf(ctx)?.pricing?.perImage;
      const estimate = { usd: (perImage ?? 0) * request.n, tokens: 0, unpriced: perImage === undefined };
      const actualOf = (result: { images: unknown[] }): Estimate => ({
        usd: (perImage ?? 0) * result.images.length,
        tokens: 0,
      });
      return guarded(
        ctx,
        next,
        request.model,
        request.metadata?.runId,
        estimate,
        () => next.generateImage(request, ctx),
        actualOf,
        s,
      );
    },
    async snapshot() {
      const time = configured.now();
      const scopes = [
        ...budgetScopesFor('', time, configured.global, undefined),
        ...Object.entries(configured.providers ?? {}).flatMap(([id, limits]) =>
          budgetScopesFor(id, time, undefined, { [id]: limits }),
        ),
      ];
      const counters = await Promise.all(scopes.map((scope) => configured.store.get<number>(scope.key)));
      return {
        time,
        scopes: scopes.map((scope, i) => {
          const spentUsd = fromNanoUsd(counters[i] ?? 0);
          return {
            scope: scope.scope,
            period: scope.period,
            periodKey: scope.periodKey,
            limitUsd: scope.limitUsd,
            spentUsd,
            remainingUsd: Math.max(0, fromNanoUsd(toNanoUsd(scope.limitUsd) - toNanoUsd(spentUsd))),
          };
        }),
      };
    },
  };
}

function formatUsd(usd: number): string {
  return usd.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
}

function validate(options: BudgetGuardOptions): void {
  const limits = (path: string, value: BudgetLimits | undefined) => {
    assertNonNegativeOption('budget', `${path}.dailyUsd`, value?.dailyUsd);
    assertNonNegativeOption('budget', `${path}.monthlyUsd`, value?.monthlyUsd);
  };
  limits('global', options.global);
  for (const [id, value] of Object.entries(options.providers ?? {})) limits(`providers.${id}`, value);
  assertPositiveOption('budget', 'perRun.softTokens', options.perRun?.softTokens);
  assertPositiveOption('budget', 'perRun.hardTokens', options.perRun?.hardTokens);
  assertPositiveOption('budget', 'alertThreshold', options.alertThreshold);
  assertPositiveOption('budget', 'runTtlMs', options.runTtlMs);
}
