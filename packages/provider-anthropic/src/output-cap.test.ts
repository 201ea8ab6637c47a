import { type ChatRequestInput, createRuntime } from '@pal/core';
import { type Emulator, startEmulator } from '@pal/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anthropic } from './anthropic.js';
import { chatRequest } from './test-support.test-helper.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator('anthropic');
});
afterAll(() => emu.close());

describe('anthropic output cap (thinking budget on top of maxOutputTokens)', () => {
  it('reports the max_tokens the translator sends, thinking included', () => {
    const adapter = anthropic({ apiKey: 'sk-ant-unit-test-0001', baseURL: 'http://127.0.0.1:1' });
    expect(
      adapter.maxOutputTokensFor?.(chatRequest({ maxOutputTokens: 256, reasoning: { budgetTokens: 2048 } })),
    ).toBe(3072);
    expect(
      adapter.maxOutputTokensFor?.(chatRequest({ maxOutputTokens: 10_000, reasoning: { effort: 'low' } })),
    ).toBe(10_000);
    expect(adapter.maxOutputTokensFor?.(chatRequest({ maxOutputTokens: 300 }))).toBe(300);
    expect(adapter.maxOutputTokensFor?.(chatRequest())).toBe(64_000);
  });

  it('calls started together against a hard budget, each using all of max_tokens, never settle more than the limit', async () => {
    emu.reset();
    const runtime = createRuntime({
      providers: [anthropic({ apiKey: 'sk-ant-unit-test-0001', baseURL: emu.url })],
      policies: { retry: false, budget: { global: { dailyUsd: 0.05 } } },
    });
    const request: ChatRequestInput = {
      model: 'anthropic/claude-haiku-4-5',
      messages: [{ role: 'user', content: 'Think hard, answer briefly.' }],
      maxOutputTokens: 256,
      reasoning: { budgetTokens: 2048 },
    };
    const estimate = await runtime.estimate(request);
    expect(estimate.maxOutputTokens).toBe(3072);
    const calls = 20;
    // every answer bills the whole max_tokens (input as estimated: the heuristic is not what this tests)
    const full = { inputTokens: estimate.inputTokens, outputTokens: 3072 };
    emu.script(...Array.from({ length: calls }, () => ({ text: 'ok', reasoning: 'hmm', usage: full })));
    const results = await Promise.allSettled(Array.from({ length: calls }, () => runtime.chat(request)));
    const costs = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.cost.totalUsd] : []));
    expect(costs.length).toBeGreaterThan(0);
    for (const cost of costs) expect(cost).toBeLessThanOrEqual(estimate.maxUsd);
    expect(costs.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(0.05);
    const day = (await runtime.state.budget())?.scopes.find(
      (s) => s.scope.startsWith('global') && s.period === 'day',
    );
    expect(day?.spentUsd).toBeCloseTo(
      costs.reduce((a, b) => a + b, 0),
      10,
    );
    expect(day?.spentUsd).toBeLessThanOrEqual(0.05);
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused)
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'BUDGET_EXCEEDED' });
  });
});
