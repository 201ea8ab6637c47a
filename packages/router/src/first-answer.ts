import {
  type Attempt,
  type Call,
  createCall,
  type ErrorCode,
  type Estimate,
  isPalError,
  type PalError,
  type TelemetrySink,
} from '@pal/core';
import type { Candidate } from './candidate.js';
import { movesOn } from './fallback-rules.js';
import type { HedgeBudget } from './hedge-budget.js';
import { noTargetError } from './no-target-error.js';
import type { SwitchRequest } from './router-options.js';
import type { Exclusion } from './screen.js';
import type { TargetStats } from './target-stats.js';

/** Sends the call to one candidate: resolves with its answer (a chat result, or a stream's first token). */
export type Runner<T> = (candidate: Candidate, call: Call, signal: AbortSignal | undefined) => Promise<T>;

/** What happened to a hedged call's other request. */
export interface HedgeOutcome {
  /** The target that answered second and was cancelled (or failed). */
  target: string;
  outcome: 'cancelled' | 'failed';
  /** Waited this long before sending the hedge. */
  delayMs: number;
  /** The cancelled request's estimated input tokens and what they may be billed, in USD. */
  wasteTokens?: number;
  wasteUsd?: number;
}

/** The winning answer and how it was reached. */
export interface Answer<T> {
  value: T;
  served: Candidate;
  /** The logical call's state that served: the call itself, or the hedge that won. */
  call: Call;
  /** Every attempt of the logical call, across targets and hedges, in order. */
  attempts: () => Attempt[];
  hedge?: HedgeOutcome;
  /** Candidates that failed or were passed over before the one that served. */
  passedOver: Exclusion[];
}

/** What the loop needs from its router. */
export interface AnswerContext<T> {
  order: readonly Candidate[];
  excluded: readonly Exclusion[];
  estimates: ReadonlyMap<string, Estimate>;
  run: Runner<T>;
  call: Call;
  signal?: AbortSignal;
  fallbackOn: ReadonlySet<ErrorCode>;
  approveSwitch?: (request: SwitchRequest) => boolean | Promise<boolean>;
  /** Time to wait before a hedge to `candidate`'s successor (undefined: no hedge). */
  hedgeDelay?: (candidate: Candidate) => number | undefined;
  hedgeBudget?: HedgeBudget;
  stats: TargetStats;
  telemetry: TelemetrySink;
  now: () => number;
  /** Streams measure the time to the first token, chats the whole answer. */
  latencyKind: 'latency' | 'firstToken';
  /**
   * The first candidate's in-flight slot, taken when the call was planned (so calls planned
   * together see each other in `least_connections`); its first attempt uses it.
   */
  claimed?: { ref: string; end: () => void };
}

interface Settled<T> {
  candidate: Candidate;
  call: Call;
  ok: boolean;
  value?: T;
  error?: PalError;
}

/**
 * Tries the candidates in order until one answers. A failure moves the call on when the fallback
 * rules allow it (and `approveSwitch` agrees); otherwise, or when every candidate failed, the call
 * fails: with the kernel's own error when only one target was ever in play, else with one error
 * listing every candidate and why. With hedging, a first target that has not answered within its
 * delay gets a concurrent request to the next; the first to answer wins and the other is aborted.
 */
export async function firstAnswer<T>(ctx: AnswerContext<T>): Promise<Answer<T>> {
  try {
    return await tryInOrder(ctx);
  } finally {
    ctx.claimed?.end(); // not used: the call stopped before its first attempt
  }
}

function tryInOrder<T>(ctx: AnswerContext<T>): Promise<Answer<T>> {
  // one target and no hedge (the common case): its attempt is the answer, without the loop's turns
  if (ctx.order.length === 1 && ctx.excluded.length === 0) return single(ctx, ctx.order[0] as Candidate);
  return inOrder(ctx);
}

async function single<T>(ctx: AnswerContext<T>, candidate: Candidate): Promise<Answer<T>> {
  ctx.hedgeBudget?.earn();
  const settled = await attempt(ctx, candidate, ctx.call);
  if (!settled.ok) throw settled.error;
  const call = ctx.call;
  return {
    value: settled.value as T,
    served: candidate,
    call,
    attempts: () => [...call.attempts],
    passedOver: [],
  };
}

async function inOrder<T>(ctx: AnswerContext<T>): Promise<Answer<T>> {
  const { order, call } = ctx;
  const failures: Exclusion[] = [...ctx.excluded];
  const extraCalls: Call[] = [];
  const cancelled = new Map<Call, PalError>();
  const attempts = () => mergeAttempts(call, extraCalls, cancelled);
  ctx.hedgeBudget?.earn();
  let previous: Candidate | undefined;
  let lastError: PalError | undefined;
  for (let i = 0; i < order.length; i++) {
    const candidate = order[i] as Candidate;
    if (previous && lastError) {
      const verdict = nextStep(lastError, previous, candidate, ctx.fallbackOn);
      if (verdict === 'stop') throw lastError;
      if (verdict === 'skip') continue;
      const reason = `${lastError.code}: ${lastError.message}`;
      const approved =
        !ctx.approveSwitch ||
        (await ctx.approveSwitch({
          requestId: call.requestId,
          from: previous.ref,
          to: candidate.ref,
          reason,
          error: lastError,
        }));
      if (!approved) throw lastError;
      ctx.telemetry.emit({
        type: 'fallback',
        time: ctx.now(),
        requestId: call.requestId,
        provider: candidate.provider,
        model: candidate.modelId,
        from: previous.ref,
        to: candidate.ref,
        error: lastError,
      });
    }
    const partner = order[i + 1];
    const delay = partner ? ctx.hedgeDelay?.(candidate) : undefined;
    const settled =
      delay !== undefined && partner
        ? await hedged(ctx, candidate, partner, delay, extraCalls, cancelled)
        : [await attempt(ctx, candidate, call)];
    const winner = settled.find((s) => s.ok);
    const partnerSettled = settled.find((s) => s.candidate === partner);
    if (winner) {
      const other = settled.find((s) => s !== winner);
      return {
        value: winner.value as T,
        served: winner.candidate,
        call: winner.call,
        attempts,
        passedOver: failures,
        ...(other && delay !== undefined && { hedge: hedgeOutcome(ctx, other, delay) }),
      };
    }
    for (const s of settled) {
      failures.push({
        target: s.candidate.ref,
        code: s.error!.code,
        reason: s.error!.message,
        error: s.error!,
      });
    }
    const last = settled.at(-1) as Settled<T>;
    lastError = last.error;
    previous = last.candidate;
    if (partnerSettled) i++;
  }
  if (order.length === 1 && ctx.excluded.length === 0 && lastError) throw lastError;
  throw noTargetError(failures, call.requestId);
}

function nextStep(error: PalError, from: Candidate, to: Candidate, codes: ReadonlySet<ErrorCode>) {
  if (movesOn(error, from, to, codes)) return 'go';
  // some codes move on only to a certain kind of target: look further down the list
  if (
    codes.has(error.code) &&
    (error.code === 'CONTEXT_LENGTH_EXCEEDED' || error.code === 'CONTENT_FILTERED')
  )
    return 'skip';
  return 'stop';
}

async function attempt<T>(ctx: AnswerContext<T>, candidate: Candidate, call: Call, signal?: AbortSignal) {
  const claimed = ctx.claimed?.ref === candidate.ref ? ctx.claimed : undefined;
  if (claimed) delete ctx.claimed;
  const end = claimed?.end ?? ctx.stats.begin(candidate.ref);
  const started = ctx.now();
  const combined = ctx.signal && signal ? AbortSignal.any([ctx.signal, signal]) : (ctx.signal ?? signal);
  try {
    const value = await ctx.run(candidate, call, combined);
    ctx.stats.recordLatency(candidate.ref, ctx.latencyKind, ctx.now() - started);
    return { candidate, call, ok: true, value } satisfies Settled<T>;
  } catch (thrown) {
    if (!isPalError(thrown)) throw thrown;
    // a hedge we cancelled ourselves says nothing about the target's health
    if (!signal?.aborted) ctx.stats.recordFailure(candidate.ref, thrown, ctx.now());
    return { candidate, call, ok: false, error: thrown } satisfies Settled<T>;
  } finally {
    end();
  }
}

/**
 * Runs `first`; if it has not answered after `delayMs` (and the hedge budget allows), runs
 * `second` alongside it. The first success wins and the other request is aborted (its upstream
 * connection closes); when one fails the other is awaited. Settles both before returning, so their
 * attempts are final.
 */
async function hedged<T>(
  ctx: AnswerContext<T>,
  first: Candidate,
  second: Candidate,
  delayMs: number,
  extraCalls: Call[],
  cancelled: Map<Call, PalError>,
): Promise<Settled<T>[]> {
  const firstAbort = new AbortController();
  const primary = attempt(ctx, first, ctx.call, firstAbort.signal);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const fired = new Promise<'hedge'>((resolve) => {
    timer = setTimeout(() => resolve('hedge'), delayMs);
  });
  const early = await Promise.race([primary, fired]);
  clearTimeout(timer);
  if (early !== 'hedge' || !ctx.hedgeBudget?.take()) return [await primary];

  const hedgeCall = createCall(ctx.call.operation, ctx.call.requestId);
  extraCalls.push(hedgeCall);
  const secondAbort = new AbortController();
  emitHedge(ctx, 'start', second, delayMs);
  const backup = attempt(ctx, second, hedgeCall, secondAbort.signal);
  const tagged = [primary, backup].map((p, index) => p.then((s) => ({ s, index })));
  const firstDone = await Promise.race(tagged);
  const other = tagged[1 - firstDone.index] as (typeof tagged)[number];
  if (firstDone.s.ok) {
    (firstDone.index === 0 ? secondAbort : firstAbort).abort();
    emitHedge(ctx, 'win', firstDone.s.candidate, delayMs);
  }
  const otherDone = await other;
  // the kernel may record the aborted attempt after its promise settled: say how it ended now
  const loser = firstDone.s.ok ? otherDone : otherDone.s.ok ? firstDone : undefined;
  if (loser?.s.error) cancelled.set(loser.index === 0 ? ctx.call : hedgeCall, loser.s.error);
  if (!firstDone.s.ok && otherDone.s.ok) emitHedge(ctx, 'win', otherDone.s.candidate, delayMs);
  const both = [firstDone, otherDone].sort((a, b) => a.index - b.index).map((x) => x.s);
  const [a, b] = both as [Settled<T>, Settled<T>];
  // the winner first; when both failed, the later candidate last (it is where the call moves on from)
  return a.ok ? [a, b] : b.ok ? [b, a] : [a, b];
}

function hedgeOutcome<T>(ctx: AnswerContext<T>, other: Settled<T>, delayMs: number): HedgeOutcome {
  const cancelled = other.error?.code === 'ABORTED';
  const estimate = ctx.estimates.get(other.candidate.ref);
  const pricing = other.candidate.model?.pricing;
  const wasteTokens = cancelled ? estimate?.inputTokens : undefined;
  const wasteUsd =
    wasteTokens !== undefined && pricing ? (wasteTokens * pricing.inputPerMTok) / 1_000_000 : undefined;
  if (cancelled) emitHedge(ctx, 'cancel', other.candidate, delayMs, wasteTokens, wasteUsd);
  return {
    target: other.candidate.ref,
    outcome: cancelled ? 'cancelled' : 'failed',
    delayMs,
    ...(wasteTokens !== undefined && { wasteTokens }),
    ...(wasteUsd !== undefined && { wasteUsd }),
  };
}

function emitHedge<T>(
  ctx: AnswerContext<T>,
  action: 'start' | 'win' | 'cancel',
  candidate: Candidate,
  delayMs: number,
  wasteTokens?: number,
  wasteUsd?: number,
): void {
  ctx.telemetry.emit({
    type: 'hedge',
    time: ctx.now(),
    requestId: ctx.call.requestId,
    provider: candidate.provider,
    model: candidate.modelId,
    action,
    target: candidate.ref,
    delayMs,
    ...(wasteTokens !== undefined && { wasteTokens }),
    ...(wasteUsd !== undefined && { wasteUsd }),
  });
}

/**
 * The main call's attempts and those of its hedges, numbered in one sequence; the last attempt
 * of a cancelled hedge carries the error that ended it.
 */
function mergeAttempts(
  call: Call,
  extra: readonly Call[],
  cancelled: ReadonlyMap<Call, PalError>,
): Attempt[] {
  if (extra.length === 0) return [...call.attempts];
  return [call, ...extra]
    .flatMap((c) => {
      const error = cancelled.get(c);
      return c.attempts.map((a, index) =>
        error && !a.error && index === c.attempts.length - 1 ? { ...a, error } : a,
      );
    })
    .map((a, index) => ({ ...a, attempt: index + 1 }));
}
