import { describe, expect, it } from 'vitest';
import { budget } from './budget.js';
import { readBudgetUsage } from './budget-usage.js';
import {
  callContext,
  chatRequest,
  fakeClock,
  fakeNext,
  runChat,
  textResult,
  usageOf,
} from './fake-next.test-support.js';
import { createMemoryStore } from './memory-store.js';

// On m1 (gpt-4o prices): 8 input tokens and an output cap of 100 reserve $0.00102; 8 in / 50 out cost $0.00052.
const REQUEST = chatRequest('hi', { maxOutputTokens: 100 });
const SPENT = 0.00052;
const paying = () => fakeNext({ chat: () => textResult('ok', usageOf(8, 50)) });
const asCaller = (id: string, limits: { dailyUsd?: number; monthlyUsd?: number }) =>
  callContext({ overrides: { budget: { scope: { id, ...limits } } } });

describe('budget: a caller scope given per call', () => {
  it("charges the caller's own counters beside the global ones", async () => {
    const store = createMemoryStore();
    const clock = fakeClock();
    const guard = budget({ global: { dailyUsd: 10 }, store, now: clock.now });
    await runChat(guard, REQUEST, asCaller('key:a', { dailyUsd: 1, monthlyUsd: 5 }), paying());

    const usage = await readBudgetUsage(
      store,
      { scope: { id: 'key:a', dailyUsd: 1, monthlyUsd: 5 } },
      clock.now(),
    );
    expect(usage).toEqual([
      {
        scope: 'scope:key:a:day',
        period: 'day',
        periodKey: '2026-01-15',
        limitUsd: 1,
        spentUsd: SPENT,
        remainingUsd: 1 - SPENT,
      },
      {
        scope: 'scope:key:a:month',
        period: 'month',
        periodKey: '2026-01',
        limitUsd: 5,
        spentUsd: SPENT,
        remainingUsd: 5 - SPENT,
      },
    ]);
    // the configured limits are still charged, and a snapshot shows them (not the per-call scope)
    expect((await guard.snapshot()).scopes.map((s) => [s.scope, s.spentUsd])).toEqual([
      ['global:day', SPENT],
    ]);
  });

  it('refuses a call past the caller’s limit without sending it, naming the scope and when it resets', async () => {
    const clock = fakeClock();
    const guard = budget({ now: clock.now });
    const next = paying();
    const error = await runChat(guard, REQUEST, asCaller('key:tiny', { dailyUsd: 0.000001 }), next).catch(
      (e) => e,
    );
    expect(error).toMatchObject({ code: 'BUDGET_EXCEEDED', retryable: false, retryAfterMs: 12 * 3_600_000 });
    expect(error.details).toMatchObject({ scope: 'scope:key:tiny:day', limitUsd: 0.000001, spentUsd: 0 });
    expect(error.message).toContain('scope:key:tiny:day budget');
    expect(next.calls.chat).toBe(0);
  });

  it('keeps each caller’s counters apart', async () => {
    const store = createMemoryStore();
    const clock = fakeClock();
    const guard = budget({ store, now: clock.now });
    // a: room for one call only (the second's reservation would pass $0.0012)
    const a = { dailyUsd: 0.0012 };
    await runChat(guard, REQUEST, asCaller('key:a', a), paying());
    const refused = await runChat(guard, REQUEST, asCaller('key:a', a), paying()).catch((e) => e);
    expect(refused).toMatchObject({ code: 'BUDGET_EXCEEDED' });
    // b is untouched by a's spending
    await expect(runChat(guard, REQUEST, asCaller('key:b', a), paying())).resolves.toBeDefined();
    const [aDay] = await readBudgetUsage(store, { scope: { id: 'key:a', ...a } }, clock.now());
    const [bDay] = await readBudgetUsage(store, { scope: { id: 'key:b', ...a } }, clock.now());
    expect([aDay?.spentUsd, bDay?.spentUsd]).toEqual([SPENT, SPENT]);
  });

  it('reads a counter never charged as nothing spent', async () => {
    const usage = await readBudgetUsage(
      createMemoryStore(),
      { global: { monthlyUsd: 3 } },
      Date.UTC(2026, 1, 2),
    );
    expect(usage).toEqual([
      {
        scope: 'global:month',
        period: 'month',
        periodKey: '2026-02',
        limitUsd: 3,
        spentUsd: 0,
        remainingUsd: 3,
      },
    ]);
  });

  it('rejects a scope without an id', () => {
    expect(() => budget({ scope: { id: '', dailyUsd: 1 } })).toThrow(/scope\.id/);
  });
});
