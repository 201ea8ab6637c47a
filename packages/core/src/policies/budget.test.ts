import { describe, expect, it } from 'vitest';
import type { ProviderStreamEvent } from '../contracts/stream-event.js';
import { type BudgetAlert, budget } from './budget.js';
import { replayEvents } from './cache-replay.js';
import {
  callContext,
  callContextFor,
  chatRequest,
  collect,
  eventsOf,
  eventsOfType,
  fakeClock,
  fakeModel,
  fakeNext,
  palError,
  runChat,
  runStream,
  streamEventsFor,
  textResult,
  usageOf,
} from './fake-next.test-support.js';
import { isLocalPolicyError } from './local-policy-error.js';
import { createMemoryStore } from './memory-store.js';

// On m1 (gpt-4o prices, $2.50 / $10 per 1M): 8 input tokens and an output cap of 100
// reserve 8 × 2.5e-6 + 100 × 1e-5 = $0.00102; 8 in / 50 out settle to $0.00052.
const REQUEST = chatRequest('hi', { maxOutputTokens: 100 });
const RESERVED = 0.00102;
const SPENT = 0.00052;
const paying = () => fakeNext({ chat: () => textResult('ok', usageOf(8, 50)) });

const spentIn = async (guard: ReturnType<typeof budget>, scope: string) =>
  (await guard.snapshot()).scopes.find((s) => s.scope === scope)?.spentUsd;

describe('budget (chat)', () => {
  it('reserves the dearest estimate, then settles the actual cost', async () => {
    const guard = budget({ global: { dailyUsd: 1, monthlyUsd: 10 }, now: fakeClock().now });
    const ctx = callContext();
    await runChat(guard, REQUEST, ctx, paying());
    const snapshot = await guard.snapshot();
    expect(snapshot.scopes).toEqual([
      {
        scope: 'global:day',
        period: 'day',
        periodKey: '2026-01-15',
        limitUsd: 1,
        spentUsd: SPENT,
        remainingUsd: 1 - SPENT,
      },
      {
        scope: 'global:month',
        period: 'month',
        periodKey: '2026-01',
        limitUsd: 10,
        spentUsd: SPENT,
        remainingUsd: 10 - SPENT,
      },
    ]);
    const events = eventsOfType(ctx, 'budget');
    expect(events.map((e) => [e.action, e.scope, e.amountUsd, e.spentUsd])).toEqual([
      ['reserve', 'global:day', RESERVED, RESERVED],
      ['reserve', 'global:month', RESERVED, RESERVED],
      ['settle', 'global:day', SPENT, SPENT],
      ['settle', 'global:month', SPENT, SPENT],
    ]);
    expect(events[0]).toMatchObject({ provider: 'acme', model: 'm1', limitUsd: 1 });
  });

  it('refuses a call that could exceed the budget, without sending it', async () => {
    const guard = budget({ global: { dailyUsd: 0.001 } });
    const next = paying();
    const ctx = callContext();
    const error = await runChat(guard, REQUEST, ctx, next).catch((e) => e);
    expect(error).toMatchObject({ code: 'BUDGET_EXCEEDED', retryable: false, provider: 'acme', model: 'm1' });
    expect(error.details).toMatchObject({
      scope: 'global:day',
      limitUsd: 0.001,
      spentUsd: 0,
      requiredUsd: RESERVED,
    });
    expect(error.message).toMatch(/global:day budget/);
    expect(isLocalPolicyError(error)).toBe(true);
    expect(next.calls.chat).toBe(0);
    expect(eventsOfType(ctx, 'budget')).toEqual([
      expect.objectContaining({ action: 'reject', scope: 'global:day' }),
    ]);
  });

  it('says when the refused counter starts again (retryAfterMs: the end of its UTC day or month)', async () => {
    const noon = Date.UTC(2026, 0, 31, 12);
    const daily = await runChat(
      budget({ global: { dailyUsd: 0.0001 }, now: () => noon }),
      REQUEST,
      callContext(),
      paying(),
    ).catch((e) => e);
    expect(daily).toMatchObject({ code: 'BUDGET_EXCEEDED', retryAfterMs: 12 * 3_600_000 });
    const monthly = await runChat(
      budget({ global: { monthlyUsd: 0.0001 }, now: () => Date.UTC(2026, 0, 30, 12) }),
      REQUEST,
      callContext(),
      paying(),
    ).catch((e) => e);
    expect(monthly.retryAfterMs).toBe(36 * 3_600_000);
  });

  it('rolls back the scopes already reserved when a later scope refuses', async () => {
    const guard = budget({ global: { dailyUsd: 1 }, providers: { acme: { dailyUsd: 0.0005 } } });
    await expect(runChat(guard, REQUEST, callContext(), paying())).rejects.toMatchObject({
      code: 'BUDGET_EXCEEDED',
      details: { scope: 'provider:acme:day' },
    });
    expect(await spentIn(guard, 'global:day')).toBe(0);
    // another provider is only bound by the global budget
    await runChat(
      guard,
      REQUEST,
      callContext(),
      fakeNext({ providerId: 'other', models: [fakeModel('m1')] }),
    );
    expect(await spentIn(guard, 'global:day')).toBeGreaterThan(0);
  });

  it('releases the reservation when the call fails', async () => {
    const guard = budget({ global: { dailyUsd: 1 } });
    const ctx = callContext();
    await expect(
      runChat(guard, REQUEST, ctx, fakeNext({ chat: () => Promise.reject(palError('OVERLOADED')) })),
    ).rejects.toMatchObject({ code: 'OVERLOADED' });
    expect(await spentIn(guard, 'global:day')).toBe(0);
    expect(eventsOfType(ctx, 'budget').map((e) => e.action)).toEqual(['reserve', 'release']);
  });

  it('estimates the cost from the output when the provider reported no usage', async () => {
    const guard = budget({ global: { dailyUsd: 1 } });
    await runChat(guard, REQUEST, callContext(), fakeNext({ chat: () => textResult('x'.repeat(40)) }));
    // 8 input + 10 output tokens
    expect(await spentIn(guard, 'global:day')).toBe(0.00012);
  });

  it('charges nothing for a result served by the response cache', async () => {
    const guard = budget({ global: { dailyUsd: 1 } });
    // the response cache marks the call served from the cache
    const next = fakeNext({
      chat: (_request, ctx) => {
        ctx.call.markCached();
        return textResult('ok', usageOf(8, 50));
      },
    });
    await runChat(guard, REQUEST, callContext(), next);
    expect(await spentIn(guard, 'global:day')).toBe(0);
  });

  it('keeps day and month counters by UTC period', async () => {
    const clock = fakeClock(Date.UTC(2026, 0, 31, 23));
    const guard = budget({ global: { dailyUsd: 0.0015, monthlyUsd: 0.0025 }, now: clock.now });
    await runChat(guard, REQUEST, callContext(), paying());
    await expect(runChat(guard, REQUEST, callContext(), paying())).rejects.toMatchObject({
      details: { scope: 'global:day' },
    });
    clock.advance(3_600_000);
    const snapshot = await guard.snapshot();
    expect(snapshot.scopes.map((s) => [s.periodKey, s.spentUsd])).toEqual([
      ['2026-02-01', 0],
      ['2026-02', 0],
    ]);
    await runChat(guard, REQUEST, callContext(), paying());
    // a cheaper call (output cap 10: $0.00012 reserved) still fits today's remaining $0.00098
    const cheap = chatRequest('hi', { maxOutputTokens: 10 });
    await runChat(guard, cheap, callContext(), fakeNext({ chat: () => textResult('ok', usageOf(8, 0)) }));
    expect(await spentIn(guard, 'global:month')).toBe(0.00054);
  });

  it('refuses on the monthly limit too', async () => {
    const guard = budget({ global: { monthlyUsd: 0.0025 } });
    for (let i = 0; i < 3; i++) await runChat(guard, REQUEST, callContext(), paying());
    await expect(runChat(guard, REQUEST, callContext(), paying())).rejects.toMatchObject({
      details: { scope: 'global:month' },
    });
  });

  it('alerts once per scope and period when spending crosses the threshold', async () => {
    const alerts: BudgetAlert[] = [];
    const guard = budget({
      global: { dailyUsd: 0.005 },
      alertThreshold: 0.5,
      onAlert: (a) => alerts.push(a),
    });
    const contexts = Array.from({ length: 7 }, () => callContext());
    for (const ctx of contexts) await runChat(guard, REQUEST, ctx, paying());
    expect(alerts).toEqual([
      {
        scope: 'global:day',
        periodKey: expect.any(String),
        spentUsd: 5 * SPENT,
        limitUsd: 0.005,
        threshold: 0.5,
      },
    ]);
    const alertEvents = contexts.flatMap((ctx) =>
      eventsOfType(ctx, 'budget').filter((e) => e.action === 'alert'),
    );
    expect(alertEvents).toEqual([
      expect.objectContaining({ scope: 'global:day', spentUsd: 5 * SPENT, limitUsd: 0.005 }),
    ]);
    expect(
      eventsOfType(contexts[4] as (typeof contexts)[number], 'budget').some((e) => e.action === 'alert'),
    ).toBe(true);
  });

  it('survives an onAlert callback that throws', async () => {
    const guard = budget({
      global: { dailyUsd: 0.0006 },
      onAlert: () => {
        throw new Error('pager down');
      },
    });
    await expect(
      runChat(
        guard,
        chatRequest('hi', { maxOutputTokens: 10 }),
        callContext(),
        fakeNext({ chat: () => textResult('ok', usageOf(8, 50)) }),
      ),
    ).resolves.toBeDefined();
  });

  it('caps a run at hardTokens and alerts once past softTokens', async () => {
    const alerts: BudgetAlert[] = [];
    const guard = budget({
      perRun: { softTokens: 100, hardTokens: 250 },
      onAlert: (a) => alerts.push(a),
    });
    const run = { ...REQUEST, metadata: { runId: 'r1' } };
    // each call reserves 108 estimated tokens and settles to 58
    for (let i = 0; i < 3; i++) await runChat(guard, run, callContext(), paying());
    const error = await runChat(guard, run, callContext(), paying()).catch((e) => e);
    expect(error).toMatchObject({
      code: 'BUDGET_EXCEEDED',
      details: { scope: 'run:r1', tokens: 174, hardTokens: 250 },
    });
    expect(alerts).toEqual([{ scope: 'run:r1', tokens: 116, softTokens: 100, threshold: 1 }]);
    await runChat(guard, { ...REQUEST, metadata: { runId: 'r2' } }, callContext(), paying());
    await runChat(guard, REQUEST, callContext(), paying());
  });

  it('tracks a run with only a soft cap and releases its tokens on failure', async () => {
    const alerts: BudgetAlert[] = [];
    const guard = budget({ perRun: { softTokens: 100 }, onAlert: (a) => alerts.push(a) });
    const run = { ...REQUEST, metadata: { runId: 'r1' } };
    await expect(
      runChat(guard, run, callContext(), fakeNext({ chat: () => Promise.reject(palError('OVERLOADED')) })),
    ).rejects.toThrow();
    await runChat(guard, run, callContext(), paying());
    expect(alerts).toEqual([]);
    await runChat(guard, run, callContext(), paying());
    expect(alerts).toEqual([{ scope: 'run:r1', tokens: 116, softTokens: 100, threshold: 1 }]);
  });

  it('rejects a run call by its hard cap and rolls back the USD reservations', async () => {
    const guard = budget({ global: { dailyUsd: 1 }, perRun: { hardTokens: 50 } });
    await expect(
      runChat(guard, { ...REQUEST, metadata: { runId: 'r1' } }, callContext(), paying()),
    ).rejects.toMatchObject({
      details: { scope: 'run:r1' },
    });
    expect(await spentIn(guard, 'global:day')).toBe(0);
  });

  it('refuses a call to a model without pricing while a USD budget applies, saying why', async () => {
    const guard = budget({ global: { dailyUsd: 10 }, perRun: { hardTokens: 100_000 } });
    const next = fakeNext({ models: [], chat: () => textResult('ok', usageOf(1000, 1000)) });
    const ctx = callContext();
    const error = await runChat(guard, REQUEST, ctx, next).catch((e) => e);
    expect(error).toMatchObject({
      code: 'BUDGET_EXCEEDED',
      retryable: false,
      model: 'm1',
      details: { reason: 'unpriced', scope: 'unpriced:acme:m1', budgets: ['global:day'] },
    });
    expect(error.message).toMatch(
      /No pricing for model acme\/m1.*set allowUnpriced or add it to the catalog/,
    );
    expect(isLocalPolicyError(error)).toBe(true);
    expect(eventsOfType(ctx, 'budget')).toEqual([
      expect.objectContaining({ action: 'reject', scope: 'unpriced:acme:m1' }),
    ]);
    await expect(collect(runStream(guard, REQUEST, callContext(), next))).rejects.toMatchObject({
      code: 'BUDGET_EXCEEDED',
    });
    expect(next.calls).toMatchObject({ chat: 0, stream: 0 });
    // a run's token cap alone does not need prices; a free model has them
    await runChat(budget({ perRun: { hardTokens: 100_000 } }), REQUEST, callContext(), next);
    const free = fakeNext({ models: [fakeModel('m1', { inputPerMTok: 0, outputPerMTok: 0 })] });
    await runChat(guard, REQUEST, callContext(), free);
    expect(next.calls.chat + free.calls.chat).toBe(2);
  });

  it('with allowUnpriced, lets calls to an unpriced model through at no cost and alerts once a day', async () => {
    const clock = fakeClock();
    const store = createMemoryStore({ now: clock.now });
    const settings = { global: { dailyUsd: 0.000001 }, allowUnpriced: true, store, now: clock.now };
    const [guard, other] = [budget(settings), budget(settings)];
    const next = fakeNext({
      models: [fakeModel('m1', null)],
      chat: () => textResult('ok', usageOf(1000, 1000)),
    });
    const contexts = Array.from({ length: 4 }, () => callContext());
    for (const [i, ctx] of contexts.entries()) await runChat(i % 2 ? guard : other, REQUEST, ctx, next);
    expect(await spentIn(guard, 'global:day')).toBe(0);
    const alerts = contexts.flatMap((ctx) => eventsOfType(ctx, 'budget')).filter((e) => e.action === 'alert');
    expect(alerts).toEqual([expect.objectContaining({ scope: 'unpriced:acme:m1', amountUsd: 0 })]);
    clock.advance(86_400_000);
    const nextDay = callContext();
    await runChat(guard, REQUEST, nextDay, next);
    expect(eventsOfType(nextDay, 'budget').filter((e) => e.action === 'alert')).toHaveLength(1);
    // or per call
    const strict = budget({ global: { dailyUsd: 1 } });
    const perCall = callContext({ overrides: { budget: { allowUnpriced: true } } });
    await expect(runChat(strict, REQUEST, perCall, next)).resolves.toBeDefined();
  });

  it('refuses embeddings of a model without pricing unless allowUnpriced', async () => {
    const next = fakeNext({ models: [], embed: () => ({ embeddings: [[1]], model: 'e' }) });
    const request = { model: 'e', input: 'hello' };
    await expect(
      budget({ global: { dailyUsd: 1 } }).embed?.(request, callContext(), next),
    ).rejects.toMatchObject({ code: 'BUDGET_EXCEEDED', details: { reason: 'unpriced' } });
    await expect(
      budget({ global: { dailyUsd: 1 }, allowUnpriced: true }).embed?.(request, callContext(), next),
    ).resolves.toBeDefined();
    expect(next.calls.embed).toBe(1);
  });

  it('is bypassed for a call that switches it off', async () => {
    const guard = budget({ global: { dailyUsd: 0.0001 } });
    await runChat(guard, REQUEST, callContext({ overrides: { budget: false } }), paying());
    await collect(runStream(guard, REQUEST, callContext({ overrides: { budget: false } }), fakeNext()));
    expect(await spentIn(guard, 'global:day')).toBe(0);
  });

  it('never overshoots a $1.00 hard budget under 1,000 concurrent calls', async () => {
    const store = createMemoryStore();
    const guard = budget({ global: { dailyUsd: 1 }, store });
    // reserves $0.00302 (8 in + 300 max out); settles $0.00252 (8 in + 250 out): 1,000 calls would cost $2.52
    const request = chatRequest('hi', { maxOutputTokens: 300 });
    const next = fakeNext({
      chat: async () => {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
        return textResult('ok', usageOf(8, 250));
      },
    });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 1000 }, async (_, i) => {
        // staggered starts, so settlements interleave with later reservations
        await new Promise((resolve) => setTimeout(resolve, i % 10));
        return runChat(guard, request, callContext(), next);
      }),
    );
    const accepted = outcomes.filter((o) => o.status === 'fulfilled').length;
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((o) => o.reason.code === 'BUDGET_EXCEEDED')).toBe(true);
    expect(next.calls.chat).toBe(accepted);
    const spent = (await spentIn(guard, 'global:day')) as number;
    expect(spent).toBeLessThanOrEqual(1);
    expect(spent).toBeCloseTo(accepted * 0.00252, 9);
    expect(accepted * 0.00252).toBeLessThanOrEqual(1);
    // the budget is not left idle either: every accepted call held at most $0.00302
    expect(accepted).toBeGreaterThanOrEqual(331);
  });

  it('rejects bad options with CONFIG_ERROR naming the option', () => {
    expect(() => budget({ global: { dailyUsd: -1 } })).toThrow(
      expect.objectContaining({ code: 'CONFIG_ERROR', path: ['budget', 'global', 'dailyUsd'] }),
    );
    expect(() => budget({ providers: { acme: { monthlyUsd: Number.NaN } } })).toThrow(
      /budget.providers.acme.monthlyUsd/,
    );
    expect(() => budget({ perRun: { hardTokens: 0 } })).toThrow(/budget.perRun.hardTokens/);
  });
});

describe('budget (stream)', () => {
  const usage = usageOf(8, 50);
  const events = streamEventsFor(textResult('ok', usage));

  it('settles a stream from its usage', async () => {
    const guard = budget({ global: { dailyUsd: 1 } });
    expect(
      await collect(runStream(guard, REQUEST, callContext(), fakeNext({ stream: () => eventsOf(events) }))),
    ).toEqual(events);
    expect(await spentIn(guard, 'global:day')).toBe(SPENT);
  });

  it('refuses a stream over budget before it is sent', async () => {
    const guard = budget({ global: { dailyUsd: 0.001 } });
    const next = fakeNext({ stream: () => eventsOf(events) });
    await expect(collect(runStream(guard, REQUEST, callContext(), next))).rejects.toMatchObject({
      code: 'BUDGET_EXCEEDED',
    });
    expect(next.calls.stream).toBe(0);
  });

  it('releases a stream that failed before any output, estimates one cut after output, settles one with usage', async () => {
    const guard = budget({ global: { dailyUsd: 1 } });
    const early = fakeNext({
      stream: () => eventsOf(events, { failAfter: 1, error: palError('STREAM_ERROR') }),
    });
    await expect(collect(runStream(guard, REQUEST, callContext(), early))).rejects.toThrow();
    expect(await spentIn(guard, 'global:day')).toBe(0);
    // 'ok' was streamed, no usage came: 8 input tokens and ~1 output token, as the ledger estimates it
    const cut = fakeNext({
      stream: () => eventsOf(events, { failAfter: 2, error: palError('STREAM_ERROR') }),
    });
    await expect(collect(runStream(guard, REQUEST, callContext(), cut))).rejects.toThrow();
    expect(await spentIn(guard, 'global:day')).toBe(0.00003);
    const late = fakeNext({
      stream: () => eventsOf(events, { failAfter: 3, error: palError('STREAM_ERROR') }),
    });
    await expect(collect(runStream(guard, REQUEST, callContext(), late))).rejects.toThrow();
    expect(await spentIn(guard, 'global:day')).toBe(0.00055); // 0.00003 + SPENT (0.00052)
  });

  it('estimates the cost of a stream the caller left early from the text seen', async () => {
    const guard = budget({ global: { dailyUsd: 1 } });
    const long: ProviderStreamEvent[] = [
      { type: 'start', provider: 'acme', model: 'm1' },
      { type: 'text-delta', text: 'x'.repeat(40) },
      { type: 'text-delta', text: 'never read' },
    ];
    const next = fakeNext({ stream: () => eventsOf(long) });
    for await (const event of runStream(guard, REQUEST, callContext(), next))
      if (event.type === 'text-delta') break;
    expect(await spentIn(guard, 'global:day')).toBe(0.00012);
  });

  it('charges nothing for a stream replayed from the response cache', async () => {
    const guard = budget({ global: { dailyUsd: 1 } });
    const next = fakeNext({
      stream: (_request, ctx) => {
        ctx.call.markCached();
        return eventsOf(replayEvents(textResult('ok', usage), 'acme'));
      },
    });
    await collect(runStream(guard, REQUEST, callContext(), next));
    expect(await spentIn(guard, 'global:day')).toBe(0);
  });
});

describe('budget (embed and images)', () => {
  it('prices embeddings by input tokens, from the usage when given', async () => {
    const embedModel = {
      ...fakeModel('e1', { inputPerMTok: 100, outputPerMTok: 0 }),
      kind: 'embedding' as const,
    };
    const guard = budget({ global: { dailyUsd: 0.01 } });
    const next = fakeNext({
      models: [embedModel],
      embed: (_r, _c, n) => ({ model: 'e1', embeddings: [[1]], ...(n === 1 && { usage: usageOf(20, 0) }) }),
    });
    await guard.embed?.({ model: 'e1', input: 'x'.repeat(40) }, callContextFor(next, 'e1'), next);
    expect(await spentIn(guard, 'global:day')).toBe(0.002);
    await guard.embed?.(
      { model: 'e1', input: ['x'.repeat(40), 'y'.repeat(40)] },
      callContextFor(next, 'e1'),
      next,
    );
    expect(await spentIn(guard, 'global:day')).toBe(0.004);
    await expect(
      guard.embed?.({ model: 'e1', input: 'z'.repeat(400) }, callContextFor(next, 'e1'), next),
    ).rejects.toMatchObject({
      code: 'BUDGET_EXCEEDED',
    });
  });

  it('prices images per image', async () => {
    const imageModel = {
      ...fakeModel('i1', { inputPerMTok: 0, outputPerMTok: 0, perImage: 0.04 }),
      kind: 'image' as const,
    };
    const guard = budget({ global: { dailyUsd: 0.1 } });
    const next = fakeNext({
      models: [imageModel],
      generateImage: () => ({ model: 'i1', images: [{ mediaType: 'image/png' }] }),
    });
    await guard.generateImage?.({ model: 'i1', prompt: 'cat', n: 2 }, callContextFor(next, 'i1'), next);
    // two reserved, one generated
    expect(await spentIn(guard, 'global:day')).toBe(0.04);
    await expect(
      guard.generateImage?.({ model: 'i1', prompt: 'cat', n: 2 }, callContextFor(next, 'i1'), next),
    ).rejects.toMatchObject({
      code: 'BUDGET_EXCEEDED',
    });
    await expect(
      guard.generateImage?.({ model: 'i1', prompt: 'cat', n: 1 }, callContextFor(next, 'i1'), next),
    ).resolves.toBeDefined();
    await expect(
      guard.generateImage?.({ model: 'i1', prompt: 'cat', n: 1 }, callContextFor(next, 'i1'), next),
    ).rejects.toMatchObject({
      code: 'BUDGET_EXCEEDED',
    });
    // an image without a price per image cannot be held against the budget
    const unknown = fakeNext({ generateImage: () => ({ model: 'x', images: [] }) });
    await expect(
      guard.generateImage?.({ model: 'x', prompt: 'cat', n: 1 }, callContextFor(unknown, 'x'), unknown),
    ).rejects.toMatchObject({ code: 'BUDGET_EXCEEDED', details: { reason: 'unpriced' } });
    const lenient = budget({ global: { dailyUsd: 0.1 }, allowUnpriced: true });
    await expect(
      lenient.generateImage?.({ model: 'x', prompt: 'cat', n: 1 }, callContext(), unknown),
    ).resolves.toBeDefined();
    expect(unknown.calls.generateImage).toBe(1);
  });

  it('passes embed and image calls through when switched off', async () => {
    const priced = { ...fakeModel('p1', { inputPerMTok: 100, outputPerMTok: 0, perImage: 1 }) };
    const guard = budget({ global: { dailyUsd: 0 } });
    const next = fakeNext({
      models: [priced],
      embed: () => ({ model: 'p1', embeddings: [] }),
      generateImage: () => ({ model: 'p1', images: [] }),
    });
    await expect(
      guard.embed?.({ model: 'p1', input: 'x' }, callContextFor(next, 'p1'), next),
    ).rejects.toMatchObject({
      code: 'BUDGET_EXCEEDED',
    });
    const off = callContext({ overrides: { budget: false } });
    await expect(guard.embed?.({ model: 'p1', input: 'x' }, off, next)).resolves.toBeDefined();
    await expect(guard.generateImage?.({ model: 'p1', prompt: 'p', n: 1 }, off, next)).resolves.toBeDefined();
    expect(next.calls).toMatchObject({ embed: 1, generateImage: 1 });
  });
});
