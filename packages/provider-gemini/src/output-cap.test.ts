import { type ChatRequestInput, createRuntime } from '@pal/core';
import { chatRequestSchema } from '@pal/core/provider';
import { type Emulator, startEmulator } from '@pal/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gemini } from './gemini.js';

const KEY = 'AIza-test-SECRET-key-0123456789';
let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator('gemini');
});
afterAll(() => emu.close());

describe('gemini output cap (thinking budget on top of maxOutputTokens)', () => {
  it('reports maxOutputTokens plus the thinking budget the translator sends', () => {
    const adapter = gemini({ apiKey: KEY, baseURL: 'http://127.0.0.1:1' });
    const cap = (extra: Partial<ChatRequestInput>) =>
      adapter.maxOutputTokensFor?.(
        chatRequestSchema.parse({
          model: 'gemini-2.5-flash',
          messages: [{ role: 'user', content: 'Hi' }],
          ...extra,
        }),
      );
    expect(cap({ maxOutputTokens: 256, reasoning: { budgetTokens: 2048 } })).toBe(2304);
    expect(cap({ maxOutputTokens: 256, reasoning: { effort: 'low' } })).toBe(256 + 1024);
    expect(cap({ maxOutputTokens: 256 })).toBe(256);
    expect(cap({ reasoning: { effort: 'low' } })).toBeUndefined();
  });

  it('calls started together against a hard budget, each using all of the cap, never settle more than the limit', async () => {
    emu.reset();
    const limit = 0.02;
    const runtime = createRuntime({
      providers: [gemini({ apiKey: KEY, baseURL: emu.url })],
      policies: { retry: false, budget: { global: { dailyUsd: limit } } },
    });
    const request: ChatRequestInput = {
      model: 'gemini/gemini-2.5-flash',
      messages: [{ role: 'user', content: 'Think hard, answer briefly.' }],
      maxOutputTokens: 256,
      reasoning: { budgetTokens: 2048 },
    };
    const estimate = await runtime.estimate(request);
    expect(estimate.maxOutputTokens).toBe(2304);
    const calls = 20;
    // thoughts are billed as output: 2048 of thinking and 256 of answer
    const full = { inputTokens: estimate.inputTokens, outputTokens: 2304, reasoningTokens: 2048 };
    emu.script(...Array.from({ length: calls }, () => ({ text: 'ok', reasoning: 'hmm', usage: full })));
    const results = await Promise.allSettled(Array.from({ length: calls }, () => runtime.chat(request)));
    const costs = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.cost.totalUsd] : []));
    expect(costs.length).toBeGreaterThan(0);
    for (const r of results) if (r.status === 'fulfilled') expect(r.value.usage.outputTokens).toBe(2304);
    for (const cost of costs) expect(cost).toBeLessThanOrEqual(estimate.maxUsd);
    const day = (await runtime.state.budget())?.scopes.find(
      (s) => s.scope.startsWith('global') && s.period === 'day',
    );
    expect(day?.spentUsd).toBeCloseTo(
      costs.reduce((a, b) => a + b, 0),
      10,
    );
    expect(day?.spentUsd).toBeLessThanOrEqual(limit);
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused)
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'BUDGET_EXCEEDED' });
  });
});
