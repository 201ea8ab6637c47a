import { type ChatRequestInput, createRuntime } from '@pal/core';
import { describe, expect, it } from 'vitest';
import { adapterFor, chatRequest, useBedrockEmulator } from './bedrock.test-support.js';

const emulator = useBedrockEmulator();
const CLAUDE = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';

describe('bedrock output cap (Claude thinking budget on top of maxOutputTokens)', () => {
  it('reports the maxTokens the translator sends', () => {
    const adapter = adapterFor(emulator.current);
    const claude = (extra: Partial<ChatRequestInput>) =>
      adapter.maxOutputTokensFor?.(chatRequest({ model: CLAUDE, ...extra }));
    expect(claude({ maxOutputTokens: 256, reasoning: { budgetTokens: 2048 } })).toBe(3072);
    expect(claude({ reasoning: { effort: 'low' } })).toBe(1024 + 4096);
    expect(claude({ maxOutputTokens: 9000, reasoning: { effort: 'low' } })).toBe(9000);
    expect(claude({ maxOutputTokens: 256 })).toBe(256);
    expect(claude({})).toBeUndefined();
    // no thinking budget outside Claude: the cap is the request's
    const nova = chatRequest({
      model: 'amazon.nova-pro-v1:0',
      maxOutputTokens: 256,
      reasoning: { budgetTokens: 2048 },
    });
    expect(adapter.maxOutputTokensFor?.(nova)).toBe(256);
  });

  it('calls started together against a hard budget, each using all of maxTokens, never settle more than the limit', async () => {
    const limit = 0.2;
    const runtime = createRuntime({
      providers: [adapterFor(emulator.current)],
      policies: { retry: false, budget: { global: { dailyUsd: limit } } },
    });
    const request: ChatRequestInput = {
      model: `bedrock/${CLAUDE}`,
      messages: [{ role: 'user', content: 'Think hard, answer briefly.' }],
      maxOutputTokens: 256,
      reasoning: { budgetTokens: 2048 },
    };
    const estimate = await runtime.estimate(request);
    expect(estimate.maxOutputTokens).toBe(3072);
    const calls = 20;
    const full = { inputTokens: estimate.inputTokens, outputTokens: 3072 };
    emulator.current.script(
      ...Array.from({ length: calls }, () => ({ text: 'ok', reasoning: 'hmm', usage: full })),
    );
    const results = await Promise.allSettled(Array.from({ length: calls }, () => runtime.chat(request)));
    const costs = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.cost.totalUsd] : []));
    expect(costs.length).toBeGreaterThan(0);
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
    expect(emulator.current.lastRequest()?.body).toMatchObject({
      inferenceConfig: { maxTokens: 3072 },
      additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 2048 } },
    });
  });
});
