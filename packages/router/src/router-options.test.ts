import { fileURLToPath } from 'node:url';
import { createRuntime, loadConfig } from '@pal/core';
import { describe, expect, it } from 'vitest';
import { createRouter } from './router.js';
import {
  chatCalls,
  hello,
  palErrorOf,
  providersFor,
  recorder,
  runtimeFor,
  useTargets,
} from './targets.test-support.js';

const targets = useTargets();

const here = fileURLToPath(new URL('..', import.meta.url));

describe('bad options fail at construction with a CONFIG_ERROR naming the field', () => {
  const runtime = () => runtimeFor(targets);

  it.each([
    [
      { strategy: 'fastest' },
      'router.strategy: expected one of "local_first", "cost_optimized", "quality", "speed", "round_robin", "least_connections", "weighted" or a strategy (a function), got the string "fastest"',
    ],
    [{ fallback: [] }, 'router.fallback: expected at least 1 item, got an array (0 items)'],
    [{ hedge: { maxExtraShare: 0.2 } }, 'router.hedge: expected afterMs or afterPercentile'],
    [{ fallbak: ['openai'] }, 'router: unknown key "fallbak"; did you mean "fallback"?'],
  ])('%j', async (options, message) => {
    const error = await palErrorOf(() => createRouter({ runtime: runtime(), ...(options as object) }));
    expect(error.code).toBe('CONFIG_ERROR');
    expect(error.message).toContain(message);
  });

  it('a chain naming an unregistered provider or an unknown model', async () => {
    const error = await palErrorOf(() =>
      createRouter({ runtime: runtime(), fallback: ['openai', 'mistral/large'] }),
    );
    expect(error.message).toMatch(/^fallback\.1: "mistral\/large" cannot be routed to: /);
    const typo = await palErrorOf(() =>
      createRouter({ runtime: runtime(), fallback: ['anthropic/claude-haiku-4-6'] }),
    );
    expect(typo.message).toContain('Did you mean "anthropic/claude-haiku-4-5"?');
  });

  it('weights that do not sum to 100, or name no registered provider', async () => {
    const error = await palErrorOf(() =>
      createRouter({ runtime: runtime(), strategy: 'weighted', weights: { openai: 60, anthropic: 30 } }),
    );
    expect(error.message).toBe('weights: the weights add up to 90; they must add up to 100');
    expect(
      (await palErrorOf(() => createRouter({ runtime: runtime(), strategy: 'weighted' }))).message,
    ).toMatch(/^weights: /);
    const unknown = await palErrorOf(() =>
      createRouter({ runtime: runtime(), strategy: 'weighted', weights: { mistral: 100 } }),
    );
    expect(unknown.message).toBe('weights.mistral: "mistral" is not a registered provider');
  });

  it('not a runtime', async () => {
    expect((await palErrorOf(() => createRouter({ runtime: {} as never }))).message).toContain(
      'router.runtime: expected a runtime from createRuntime()',
    );
  });
});

describe('from the loaded config', () => {
  const providers = {
    openai: { package: '@pal/provider-openai', apiKey: 'sk-test-openai', baseURL: '' },
    anthropic: { package: '@pal/provider-anthropic', apiKey: 'sk-ant-test', baseURL: '' },
    ollama: { package: '@pal/provider-ollama', baseURL: '' },
  };
  const withUrls = () => {
    providers.openai.baseURL = `${targets.openai.url}/v1`;
    providers.anthropic.baseURL = targets.anthropic.url;
    providers.ollama.baseURL = targets.ollama.url;
    return providers;
  };

  it('takes PAL_FALLBACK_CHAIN (each provider’s default model) and PAL_ROUTING_STRATEGY', async () => {
    const env = { PAL_FALLBACK_CHAIN: 'ollama,openai,anthropic', PAL_ROUTING_STRATEGY: 'round_robin' };
    const config = await loadConfig({ providers: withUrls() }, { cwd: here, env });
    const router = createRouter({ runtime: createRuntime({ config }), config });
    const served = [];
    for (let i = 0; i < 3; i++) served.push((await router.chat(hello('auto'))).routing);
    expect(served.map((r) => r.served)).toEqual([
      'ollama/llama3.2',
      'openai/gpt-5.4-mini',
      'anthropic/claude-haiku-4-5',
    ]);
    expect(served[0]?.strategy).toBe('round_robin');
    await router.close();
  });

  it('reads the routing section; options given in code win over it', async () => {
    const config = await loadConfig(
      {
        providers: withUrls(),
        routing: { strategy: 'local_first', fallbackChain: ['openai/gpt-4o-mini', 'ollama/llama3.2'] },
      },
      { cwd: here, env: {} },
    );
    const runtime = createRuntime({ config });
    expect(
      (await createRouter({ runtime, config, closeRuntime: false }).chat(hello('auto'))).routing.served,
    ).toBe('ollama/llama3.2');
    const inCode = createRouter({ runtime, config, strategy: 'cost_optimized', closeRuntime: false });
    expect((await inCode.chat(hello('auto'))).routing.strategy).toBe('cost_optimized');
    await runtime.close();
  });

  it('refuses a routing key it does not know, with the closest one', async () => {
    const config = await loadConfig(
      { providers: withUrls(), routing: { fallbackChain: ['openai'], hegde: { afterMs: 50 } } },
      { cwd: here, env: {} },
    );
    const error = await palErrorOf(() => createRouter({ runtime: createRuntime({ config }), config }));
    expect(error.message).toContain('routing: unknown key "hegde"; did you mean "hedge"?');
  });
});

describe('health and status', () => {
  it('checks providers in the background, leaves out a failing one, reports it, and stops on close', async () => {
    const { events, sink } = recorder();
    const runtime = createRuntime({ providers: providersFor(targets, ['openai', 'ollama']) });
    const router = createRouter({
      runtime,
      fallback: ['ollama/llama3.2', 'openai/gpt-4o-mini'],
      health: { intervalMs: 60_000 },
      telemetry: sink,
    });
    await router.checkHealth();
    expect((await router.status()).map((t) => [t.target, t.healthy, t.circuit, t.inFlight])).toEqual([
      ['ollama/llama3.2', true, 'closed', 0],
      ['openai/gpt-4o-mini', true, 'closed', 0],
    ]);
    targets.ollama.script({ path: '/api/tags', fault: { type: 'error', kind: 'server' } });
    await router.checkHealth();
    const status = await router.status();
    expect(status[0]).toMatchObject({ target: 'ollama/llama3.2', healthy: false });
    const changes = events
      .filter((e) => e.type === 'health')
      .map((e) => e.type === 'health' && [e.provider, e.healthy]);
    expect(changes.slice(0, 2)).toEqual(
      expect.arrayContaining([
        ['ollama', true],
        ['openai', true],
      ]),
    );
    expect(changes.slice(2)).toEqual([['ollama', false]]);
    const before = chatCalls(targets.ollama);
    const result = await router.chat(hello('auto'));
    expect(result.routing.served).toBe('openai/gpt-4o-mini');
    expect(result.routing.passedOver[0]).toMatchObject({
      target: 'ollama/llama3.2',
      reason: expect.stringMatching(/^it failed its last health check/),
    });
    expect(chatCalls(targets.ollama)).toBe(before);
    expect((await router.status())[1]?.latencyMs).toBeGreaterThan(0);
    await router.close();
    await expect(router.chat(hello('auto'))).rejects.toMatchObject({ code: 'ABORTED' });
  });

  it('reports budget headroom per target', async () => {
    const runtime = runtimeFor(targets, { policies: { budget: { global: { dailyUsd: 1 } } } }, ['openai']);
    const router = createRouter({ runtime, fallback: ['openai/gpt-4o-mini'] });
    const result = await router.chat(hello('auto'));
    const [target] = await router.status();
    expect(target?.budgetRemainingUsd).toBeCloseTo(1 - result.cost.totalUsd, 10);
  });
});
