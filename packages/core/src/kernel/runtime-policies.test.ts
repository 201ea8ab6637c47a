import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../contracts/stream-event.js';
import { PalError } from '../errors/pal-error.js';
import { DEFAULT_POLICIES, mergePolicySettings, POLICY_ORDER } from './policy-set.js';
import { createRuntime } from './runtime.js';
import { createScriptedAdapter, type ScriptStep } from '@pal/testkit/scripted';

const usage = { inputTokens: 10, outputTokens: 1000, totalTokens: 1010 };
const ask = (model = 'acme/m1') => ({ model, messages: [{ role: 'user' as const, content: 'hello' }] });

function provider(id: string, script: ScriptStep[] | (() => ScriptStep)) {
  return createScriptedAdapter({
    id,
    models: [{ id: 'm1', pricing: { inputPerMTok: 10, outputPerMTok: 30 } }],
    script,
  });
}

async function collect(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const out: StreamEvent[] = [];
  for await (const event of stream) out.push(event);
  return out;
}

describe('policy settings', () => {
  it('lays layers over each other: objects merge, true switches on, false switches off', () => {
    const resolved = mergePolicySettings(
      DEFAULT_POLICIES,
      { retry: { baseDelayMs: 5 }, cache: true, circuitBreaker: false },
      { retry: true, rateLimit: { requestsPerMinute: 1 }, timeout: false },
    );
    expect(resolved).toEqual({
      timeout: false,
      budget: false,
      cache: {},
      retry: { maxAttempts: 3, baseDelayMs: 5 },
      circuitBreaker: false,
      rateLimit: { requestsPerMinute: 1 },
      concurrency: false,
    });
    expect(POLICY_ORDER).toEqual([
      'timeout',
      'budget',
      'cache',
      'retry',
      'circuitBreaker',
      'rateLimit',
      'concurrency',
    ]);
  });
});

describe('runtime construction', () => {
  it('fails fast with CONFIG_ERROR on bad policy options', () => {
    expect(() =>
      createRuntime({ providers: [provider('acme', [])], policies: { circuitBreaker: { cooldownMs: -1 } } }),
    ).toThrow(expect.objectContaining({ code: 'CONFIG_ERROR', path: ['circuitBreaker', 'cooldownMs'] }));
  });
});

describe('runtime with the optional policies', () => {
  it('serves a repeated chat from the cache (no attempt), and replays it to a stream', async () => {
    const adapter = provider('acme', [
      { type: 'result', text: 'cached answer', result: { usage } },
      { type: 'result', text: 'fresh', result: { usage } },
    ]);
    const runtime = createRuntime({ providers: [adapter], policies: { cache: true } });
    const first = await runtime.chat(ask());
    const second = await runtime.chat(ask());
    expect(first.cached).toBeUndefined();
    expect(second).toMatchObject({ text: 'cached answer', cached: true, attempts: [] });
    // the hit keeps the answer's usage but cost nothing
    expect(second.usage).toEqual(first.usage);
    expect(first.cost.totalUsd).toBeGreaterThan(0);
    expect(second.cost.totalUsd).toBe(0);
    const replayed = await runtime.stream(ask()).result();
    expect(replayed).toMatchObject({ text: 'cached answer', cached: true });
    expect(replayed.cost.totalUsd).toBe(0);
    expect(adapter.calls).toHaveLength(1);
    // a per-call override switches the cache off
    expect((await runtime.chat(ask(), { cache: false })).text).toBe('fresh');
    expect(adapter.calls).toHaveLength(2);
  });

  it('refuses calls past the concurrency limit and its queue', async () => {
    const adapter = provider('acme', () => ({ type: 'result', text: 'x', delayMs: 30 }));
    const runtime = createRuntime({
      providers: [adapter],
      policies: { retry: false, concurrency: { maxConcurrent: 1, maxQueue: 0 } },
    });
    const [first, second] = await Promise.allSettled([runtime.chat(ask()), runtime.chat(ask())]);
    expect(first.status).toBe('fulfilled');
    expect(second.status === 'rejected' && (second.reason as PalError).code).toBe('OVERLOADED');
    expect(adapter.calls).toHaveLength(1);
  });

  it('rejects calls over the rate limit without sending them', async () => {
    const adapter = provider('acme', () => ({ type: 'result', text: 'x' }));
    const runtime = createRuntime({
      providers: [adapter],
      policies: { retry: false, rateLimit: { requestsPerMinute: 1, mode: 'reject' } },
    });
    await runtime.chat(ask());
    await expect(runtime.chat(ask())).rejects.toMatchObject({
      code: 'PROVIDER_RATE_LIMIT_ERROR',
      provider: 'acme',
    });
    expect(adapter.calls).toHaveLength(1);
  });

  it('times a whole call out (TIMEOUT), and a silent stream with an error event', async () => {
    const adapter = provider('acme', [
      { type: 'result', text: 'late', delayMs: 5_000 },
      {
        type: 'stream',
        events: [
          { type: 'text-delta', text: 'first' },
          { type: 'text-delta', text: 'too late', delayMs: 5_000 },
        ],
      },
    ]);
    const runtime = createRuntime({
      providers: [adapter],
      policies: { retry: false, timeout: { totalMs: 40 } },
    });
    await expect(runtime.chat(ask())).rejects.toMatchObject({ code: 'TIMEOUT', provider: 'acme' });
    const events = await collect(runtime.stream(ask(), { timeout: { totalMs: 10_000, idleMs: 40 } }));
    expect(events.map((e) => e.type)).toEqual(['start', 'text-delta', 'error']);
    expect(events.at(-1)).toMatchObject({ error: { code: 'TIMEOUT', details: { timeout: 'idle' } } });
  });

  it('shares one global budget across providers; a provider setting of its own gets its own guard', async () => {
    const answer = (): ScriptStep => ({ type: 'result', text: 'x', result: { usage } });
    const one = provider('one', answer);
    const two = provider('two', answer);
    const three = provider('three', answer);
    const runtime = createRuntime({
      providers: [one, two, three],
      // each call reserves about $0.03: the global $0.05 admits one call in all, not one per provider
      policies: { retry: false, budget: { global: { dailyUsd: 0.05 } } },
      providerPolicies: { three: { budget: { global: { dailyUsd: 1 } } } },
    });
    await runtime.chat({ ...ask('one/m1'), maxOutputTokens: 1000 });
    await expect(runtime.chat({ ...ask('two/m1'), maxOutputTokens: 1000 })).rejects.toMatchObject({
      code: 'BUDGET_EXCEEDED',
    });
    await runtime.chat({ ...ask('three/m1'), maxOutputTokens: 1000 });
    await runtime.chat({ ...ask('three/m1'), maxOutputTokens: 1000 });
    expect([one.calls.length, two.calls.length, three.calls.length]).toEqual([1, 0, 2]);
  });
});

describe('runtime: custom middleware on embed and generateImage', () => {
  it('runs it, or skips it for a call that switches it off', async () => {
    const seen: string[] = [];
    const adapter = createScriptedAdapter({
      id: 'acme',
      models: [],
      script: () => ({ type: 'error', error: new PalError({ code: 'PROVIDER_AUTH_ERROR' }) }),
    });
    const runtime = createRuntime({
      providers: [adapter],
      middleware: [
        {
          name: 'audit',
          embed: (request, ctx, next) => {
            seen.push('embed');
            return next.embed(request, ctx);
          },
          generateImage: (request, ctx, next) => {
            seen.push('image');
            return next.generateImage(request, ctx);
          },
        },
      ],
    });
    const off = { overrides: { audit: false } };
    for (const options of [{}, off]) {
      await expect(runtime.embed({ model: 'acme/e', input: 'x' }, options)).rejects.toMatchObject({
        code: 'PROVIDER_AUTH_ERROR',
      });
      await expect(runtime.generateImage({ model: 'acme/i', prompt: 'x' }, options)).rejects.toMatchObject({
        code: 'PROVIDER_AUTH_ERROR',
      });
    }
    expect(seen).toEqual(['embed', 'image']);
    expect(adapter.calls.map((c) => c.operation)).toEqual(['embed', 'image', 'embed', 'image']);
  });
});

describe('runtime: errors', () => {
  it('fills provider and model on a PalError raised above the adapter', async () => {
    const runtime = createRuntime({
      providers: [provider('acme', [])],
      middleware: [
        {
          name: 'gate',
          chat: async () => {
            throw new PalError({ code: 'CONTENT_FILTERED', message: 'gate closed' });
          },
        },
      ],
    });
    await expect(runtime.chat(ask())).rejects.toMatchObject({
      code: 'CONTENT_FILTERED',
      provider: 'acme',
      model: 'm1',
    });
  });
});
