import { fileURLToPath } from 'node:url';
import { createRuntime, loadConfig } from '@pal/core';
import { ollama } from '@pal/provider-ollama';
import { openai } from '@pal/provider-openai';
import { startEmulator } from '@pal/testkit';
import { describe, expect, it } from 'vitest';
import { createRouter } from './router.js';
import { chatCalls, hello, runtimeFor, useTargets } from './targets.test-support.js';

const targets = useTargets();

const THREE = ['openai/gpt-4o-mini', 'anthropic/claude-haiku-4-5', 'ollama/llama3.2'];
/** This package's directory: provider packages resolve from its node_modules, as from an app's. */
const here = fileURLToPath(new URL('..', import.meta.url));

function tally(served: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const ref of served) counts[ref] = (counts[ref] ?? 0) + 1;
  return counts;
}

describe('cost_optimized', () => {
  const configFor = (openaiModels?: object) => ({
    providers: {
      openai: {
        package: '@pal/provider-openai',
        factory: 'openai',
        apiKey: 'sk-test-openai',
        baseURL: `${targets.openai.url}/v1`,
        ...(openaiModels && { models: openaiModels }),
      },
      anthropic: {
        package: '@pal/provider-anthropic',
        factory: 'anthropic',
        apiKey: 'sk-ant-test',
        baseURL: targets.anthropic.url,
      },
    },
    routing: {
      strategy: 'cost_optimized',
      fallbackChain: ['anthropic/claude-haiku-4-5', 'openai/gpt-4o-mini'],
    },
  });

  it('picks the cheapest candidate by the catalog, and another when a price in the config changes', async () => {
    const cheap = await loadConfig(configFor(), { cwd: here, env: {} });
    const router = createRouter({ runtime: createRuntime({ config: cheap }), config: cheap });
    const first = await router.chat(hello('auto'));
    // gpt-4o-mini ($0.15 / $0.60 per 1M) under claude-haiku-4-5 ($1 / $5)
    expect(first.routing).toMatchObject({
      strategy: 'cost_optimized',
      served: 'openai/gpt-4o-mini',
      candidates: ['openai/gpt-4o-mini', 'anthropic/claude-haiku-4-5'],
    });

    const repriced = await loadConfig(
      configFor({ 'gpt-4o-mini': { pricing: { inputPerMTok: 50, outputPerMTok: 200 } } }),
      { cwd: here, env: {} },
    );
    const router2 = createRouter({ runtime: createRuntime({ config: repriced }), config: repriced });
    const second = await router2.chat(hello('auto'));
    expect(second.routing.served).toBe('anthropic/claude-haiku-4-5');
    // what the router ranked by is what the call is priced at
    const estimate = await router2.estimate(hello('auto'));
    expect(estimate).toMatchObject({ provider: 'anthropic', model: 'claude-haiku-4-5' });
    await Promise.all([router.close(), router2.close()]);
  });

  it('the cheapest hint picks the same for one call under another strategy', async () => {
    const router = createRouter({ runtime: runtimeFor(targets), strategy: 'quality', fallback: THREE });
    const result = await router.chat(hello('auto'), { hint: 'cheapest' });
    expect(result.routing).toMatchObject({ strategy: 'hint:cheapest', served: 'ollama/llama3.2' });
  });
});

describe('local_first', () => {
  it('uses ollama while its emulator is up and the cloud when it is down', async () => {
    const local = await startEmulator('ollama');
    const runtime = createRuntime({
      providers: [
        openai({ apiKey: 'sk-test-openai', baseURL: `${targets.openai.url}/v1` }),
        ollama({ baseURL: local.url }),
      ],
      policies: { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 } },
    });
    const router = createRouter({ runtime, strategy: 'local_first', fallback: ['openai', 'ollama'] });
    const up = await router.chat(hello('auto'));
    expect(up.routing.served).toBe('ollama/llama3.2');
    expect(up.routing.candidates).toEqual(['ollama/llama3.2', 'openai/gpt-5.4-mini']);

    await local.close();
    const down = await router.chat(hello('auto'));
    expect(down.routing.served).toBe('openai/gpt-5.4-mini');
    expect(down.routing.passedOver).toEqual([
      expect.objectContaining({ target: 'ollama/llama3.2', code: 'NETWORK_ERROR' }),
    ]);
    await router.close();
  });

  it('the local_preferred and cloud_preferred hints order one call', async () => {
    const router = createRouter({ runtime: runtimeFor(targets), fallback: THREE });
    expect((await router.chat(hello('auto'), { hint: 'local_preferred' })).routing.served).toBe(
      'ollama/llama3.2',
    );
    expect((await router.chat(hello('auto'), { hint: 'cloud_preferred' })).routing.candidates).toEqual(THREE);
  });

  it('an explicit provider/model always wins over the strategy and the hint', async () => {
    const router = createRouter({ runtime: runtimeFor(targets), strategy: 'local_first', fallback: THREE });
    const result = await router.chat(hello('anthropic/claude-haiku-4-5'), { hint: 'local_preferred' });
    expect(result.routing.served).toBe('anthropic/claude-haiku-4-5');
    expect(result.routing.candidates[0]).toBe('anthropic/claude-haiku-4-5');
  });
});

describe('load balancing', () => {
  it('round_robin splits 300 calls 100/100/100 over 3 targets', async () => {
    const router = createRouter({ runtime: runtimeFor(targets), strategy: 'round_robin', fallback: THREE });
    const served: string[] = [];
    for (let i = 0; i < 300; i++) served.push((await router.chat(hello('auto'))).routing.served);
    expect(tally(served)).toEqual(Object.fromEntries(THREE.map((ref) => [ref, 100])));
    expect([chatCalls(targets.openai), chatCalls(targets.anthropic), chatCalls(targets.ollama)]).toEqual([
      100, 100, 100,
    ]);
  }, 120_000); // a thousand real HTTP round trips: slow on a loaded 2-core CI machine

  it('weighted 70/30 over 1,000 calls lands within ±5 %, and a sticky key keeps its side', async () => {
    const router = createRouter({
      runtime: runtimeFor(targets),
      strategy: 'weighted',
      weights: { openai: 70, 'anthropic/claude-haiku-4-5': 30 },
      fallback: ['openai/gpt-4o-mini', 'anthropic/claude-haiku-4-5'],
      seed: 42,
    });
    const served: string[] = [];
    for (let batch = 0; batch < 10; batch++) {
      const results = await Promise.all(Array.from({ length: 100 }, () => router.chat(hello('auto'))));
      served.push(...results.map((r) => r.routing.served));
    }
    const counts = tally(served);
    expect(Math.abs((counts['openai/gpt-4o-mini'] ?? 0) - 700)).toBeLessThanOrEqual(50);
    expect((counts['openai/gpt-4o-mini'] ?? 0) + (counts['anthropic/claude-haiku-4-5'] ?? 0)).toBe(1000);

    for (const user of ['ada', 'grace', 'linus']) {
      const sides = new Set<string>();
      for (let i = 0; i < 5; i++)
        sides.add((await router.chat(hello('auto'), { stickyKey: user })).routing.served);
      expect(sides.size).toBe(1);
    }
  }, 120_000); // a thousand real HTTP round trips: slow on a loaded 2-core CI machine

  it('least_connections keeps the calls in flight per target within 1 of each other with slow targets', async () => {
    const stall = (ms: number) => ({ fault: { type: 'stall', ms } }) as const;
    targets.openai.script(...Array.from({ length: 60 }, () => stall(40)));
    targets.anthropic.script(...Array.from({ length: 60 }, () => stall(120)));
    targets.ollama.script(...Array.from({ length: 60 }, () => stall(80)));
    const router = createRouter({
      runtime: runtimeFor(targets),
      strategy: 'least_connections',
      fallback: THREE,
    });
    const spreads: number[] = [];
    const sample = async () => {
      const inFlight = (await router.status()).filter((t) => THREE.includes(t.target)).map((t) => t.inFlight);
      spreads.push(Math.max(...inFlight) - Math.min(...inFlight));
    };
    // 9 calls in flight at all times: each one that ends starts another, 60 in all
    let started = 0;
    const worker = async () => {
      while (started < 60) {
        started++;
        await router.chat(hello('auto'));
        await sample();
      }
    };
    const workers = Array.from({ length: 9 }, worker);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await sample();
    await Promise.all(workers);
    expect(spreads.length).toBeGreaterThan(50);
    // the last few calls drain unevenly; while the workers keep 9 in flight the spread stays ≤ 1
    expect(Math.max(...spreads.slice(0, 45))).toBeLessThanOrEqual(1);
    const slowest = chatCalls(targets.anthropic);
    const fastest = chatCalls(targets.openai);
    expect(fastest).toBeGreaterThan(slowest); // the fast target frees its slots sooner, so it serves more
  }, 120_000); // a thousand real HTTP round trips: slow on a loaded 2-core CI machine

  it('speed moves traffic off a target whose emulator adds 200 ms', async () => {
    targets.openai.script(
      ...Array.from({ length: 40 }, () => ({ fault: { type: 'stall', ms: 200 } }) as const),
    );
    const router = createRouter({
      runtime: runtimeFor(targets),
      strategy: 'speed',
      speed: { explore: 0.05 },
      seed: 7,
      fallback: ['openai/gpt-4o-mini', 'anthropic/claude-haiku-4-5'],
    });
    const served: string[] = [];
    for (let i = 0; i < 40; i++) served.push((await router.chat(hello('auto'))).routing.served);
    const counts = tally(served);
    expect(counts['anthropic/claude-haiku-4-5']).toBeGreaterThanOrEqual(34);
    expect(served.slice(2).filter((ref) => ref.startsWith('openai/')).length).toBeLessThanOrEqual(5);
    const status = await router.status();
    const slow = status.find((t) => t.target === 'openai/gpt-4o-mini');
    const fast = status.find((t) => t.target === 'anthropic/claude-haiku-4-5');
    expect(slow?.latencyMs).toBeGreaterThan(190);
    expect(fast?.latencyMs).toBeLessThan(100);
  });
});

describe('quality and custom strategies', () => {
  it('quality follows the configured ranking, then the dearest output price', async () => {
    const ranked = createRouter({
      runtime: runtimeFor(targets),
      strategy: 'quality',
      quality: ['anthropic/claude-*', 'ollama'],
      fallback: THREE,
    });
    expect((await ranked.chat(hello('auto'))).routing.candidates).toEqual([
      'anthropic/claude-haiku-4-5',
      'ollama/llama3.2',
      'openai/gpt-4o-mini',
    ]);
    const byPrice = createRouter({
      runtime: runtimeFor(targets),
      strategy: 'quality',
      fallback: ['openai/gpt-4o-mini', 'openai/gpt-4o', 'ollama/llama3.2'],
    });
    expect((await byPrice.chat(hello('auto'))).routing.candidates).toEqual([
      'openai/gpt-4o',
      'openai/gpt-4o-mini',
      'ollama/llama3.2',
    ]);
  });

  it('a custom strategy orders the candidates it is given, and may leave some out', async () => {
    const seen: string[][] = [];
    const router = createRouter({
      runtime: runtimeFor(targets),
      fallback: THREE,
      strategy: (_request, candidates) => {
        seen.push(candidates.map((c) => c.ref));
        return candidates.filter((c) => c.provider !== 'openai').reverse();
      },
    });
    const result = await router.chat(hello('auto'));
    expect(seen).toEqual([THREE]);
    expect(result.routing).toMatchObject({
      strategy: 'custom',
      candidates: ['ollama/llama3.2', 'anthropic/claude-haiku-4-5'],
    });
  });
});

describe('embeddings', () => {
  it('are routed to embedding models only and fall back only where the call says so', async () => {
    const router = createRouter({ runtime: runtimeFor(targets), fallback: THREE });
    const direct = await router.embed({ model: 'ollama/nomic-embed-text', input: ['a', 'b'] });
    expect(direct.embeddings).toHaveLength(2);
    expect(direct.routing.served).toBe('ollama/nomic-embed-text');

    targets.openai.script(
      { fault: { type: 'error', kind: 'server' } },
      { fault: { type: 'error', kind: 'server' } },
    );
    await expect(
      router.embed({ model: 'openai/text-embedding-3-small', input: ['a'] }),
    ).rejects.toMatchObject({
      code: 'PROVIDER_API_ERROR',
      provider: 'openai',
    });
    targets.openai.script(
      { fault: { type: 'error', kind: 'server' } },
      { fault: { type: 'error', kind: 'server' } },
    );
    const moved = await router.embed(
      { model: 'openai/text-embedding-3-small', input: ['a'] },
      { fallback: ['ollama/llama3.2', 'ollama/nomic-embed-text'] },
    );
    expect(moved.routing).toMatchObject({
      served: 'ollama/nomic-embed-text',
      passedOver: [
        expect.objectContaining({ target: 'ollama/llama3.2', code: 'UNSUPPORTED_CAPABILITY' }),
        expect.objectContaining({ target: 'openai/text-embedding-3-small', code: 'PROVIDER_API_ERROR' }),
      ],
    });
  });
});
