import { describe, expect, it } from 'vitest';
import { PalError } from '../errors/pal-error.js';
import { createMemoryStore } from '../policies/memory-store.js';
import type { PolicySettings } from './policy-set.js';
import { createRuntime } from './runtime.js';
import { createScriptedAdapter, type ScriptStep } from '@pal/testkit/scripted';

const usage = { inputTokens: 10, outputTokens: 20, totalTokens: 30 };
const ask = { model: 'acme/m1', messages: [{ role: 'user' as const, content: 'hello' }] };

function provider(script: () => ScriptStep) {
  return createScriptedAdapter({
    id: 'acme',
    models: [{ id: 'm1', pricing: { inputPerMTok: 10, outputPerMTok: 30 } }],
    script,
  });
}

/** Two runtimes (two gateways) over one store, each with its own adapter for the same provider. */
function twoGateways(policies: PolicySettings, script: () => ScriptStep) {
  const store = createMemoryStore();
  const adapters = [provider(script), provider(script)] as const;
  const gateway = (adapter: (typeof adapters)[number]) =>
    createRuntime({ providers: [adapter], policies: { retry: false, ...policies }, store });
  return { a: gateway(adapters[0]), b: gateway(adapters[1]), adapters };
}

describe('runtimes sharing one state store', () => {
  it('share a circuit: failures through one open it for the other', async () => {
    const failing = () => ({ type: 'error', error: new PalError({ code: 'OVERLOADED' }) }) as const;
    const { a, b, adapters } = twoGateways(
      { circuitBreaker: { failureThreshold: 2, cooldownMs: 60_000 } },
      failing,
    );
    await expect(a.chat(ask)).rejects.toMatchObject({ code: 'OVERLOADED' });
    await expect(a.chat(ask)).rejects.toMatchObject({ code: 'OVERLOADED' });
    await expect(b.chat(ask)).rejects.toMatchObject({ code: 'CIRCUIT_OPEN', provider: 'acme' });
    expect(adapters[1].calls).toHaveLength(0);
  });

  it('share a rate limit', async () => {
    const { a, b, adapters } = twoGateways({ rateLimit: { requestsPerMinute: 1, mode: 'reject' } }, () => ({
      type: 'result',
      text: 'x',
    }));
    await a.chat(ask);
    await expect(b.chat(ask)).rejects.toMatchObject({ code: 'PROVIDER_RATE_LIMIT_ERROR' });
    expect(adapters[1].calls).toHaveLength(0);
  });

  it('share cached responses', async () => {
    const { a, b, adapters } = twoGateways({ cache: true }, () => ({
      type: 'result',
      text: 'answer',
      result: { usage },
    }));
    await a.chat(ask);
    expect(await b.chat(ask)).toMatchObject({ text: 'answer', cached: true });
    expect(adapters[1].calls).toHaveLength(0);
  });

  it('share a budget', async () => {
    // each call reserves 5 × $10 + 1000 × $30 per 1M ≈ $0.03
    const { a, b, adapters } = twoGateways({ budget: { global: { dailyUsd: 0.05 } } }, () => ({
      type: 'result',
      text: 'x',
      result: { usage: { inputTokens: 5, outputTokens: 1000, totalTokens: 1005 } },
    }));
    await a.chat({ ...ask, maxOutputTokens: 1000 });
    await expect(b.chat({ ...ask, maxOutputTokens: 1000 })).rejects.toMatchObject({
      code: 'BUDGET_EXCEEDED',
    });
    expect(adapters[1].calls).toHaveLength(0);
  });
});
