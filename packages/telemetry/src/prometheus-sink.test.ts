import { randomBytes } from 'node:crypto';
import { createRegistry, createRuntime, PalError, type TelemetryEvent } from '@pal/core';
import { anthropic } from '@pal/provider-anthropic';
import { openai } from '@pal/provider-openai';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OTHER } from './label-guard.js';
import { CIRCUIT_STATE_VALUES, prometheusSink } from './prometheus-sink.js';
import { countOf, labelValues, parseExposition, sumOf } from './prometheus-text.test-support.js';
import { type Emulators, startEmulators } from './scenario.test-support.js';

let emus: Emulators;
beforeAll(async () => {
  emus = await startEmulators();
});
afterAll(() => emus?.close());

const ask = (model: string) => ({ model, messages: [{ role: 'user' as const, content: 'hi' }] });
const base = { time: 0, requestId: 'r1' };

async function exposition(sink: ReturnType<typeof prometheusSink>) {
  return parseExposition((await sink.metricsHandler()).body);
}

describe('prometheusSink: bounded labels', () => {
  it('10,000 calls with random model names from a client add no series beyond the registered models', async () => {
    const registry = createRegistry();
    const metrics = prometheusSink({ models: registry });
    const runtime = createRuntime({
      registry,
      providers: [
        // openai lets unknown models through to the vendor (priced as unpriced): their names reach the kernel
        {
          adapter: openai({ apiKey: 'sk-test', baseURL: `${emus.openai.url}/v1` }),
          allowUnknownModels: true,
        },
        anthropic({ apiKey: 'sk-ant-test', baseURL: emus.anthropic.url }),
      ],
      telemetry: metrics,
      policies: { retry: { maxAttempts: 1 } },
    });
    const random = () => `${randomBytes(6).toString('hex')}-${randomBytes(3).toString('base64url')}`;
    let reached = 0;
    let refused = 0;
    for (let batch = 0; batch < 100; batch++) {
      await Promise.all(
        Array.from({ length: 100 }, async (_, i) => {
          const provider = i % 2 === 0 ? 'openai' : 'anthropic';
          try {
            await runtime.chat(ask(`${provider}/${random()}`));
            reached++;
          } catch (error) {
            if (!(error instanceof PalError) || error.code !== 'MODEL_NOT_FOUND') throw error;
            refused++;
          }
        }),
      );
    }
    expect(reached).toBe(5000);
    expect(refused).toBe(5000);
    for (let i = 0; i < 3; i++) await runtime.chat(ask('openai/gpt-4o-mini'));

    const exposed = await exposition(metrics);
    const registered = registry.listModels().length;
    expect(labelValues(exposed, 'pal_requests_total', 'model')).toEqual(new Set(['gpt-4o-mini', OTHER]));
    expect(labelValues(exposed, 'pal_tokens_total', 'model')).toEqual(new Set(['gpt-4o-mini', OTHER]));
    expect(labelValues(exposed, 'pal_request_duration_seconds', 'model')).toEqual(
      new Set(['gpt-4o-mini', OTHER]),
    );
    for (const name of ['pal_requests_total', 'pal_tokens_total', 'pal_cost_usd_total']) {
      const series = exposed.families.get(name)?.metrics.length ?? 0;
      expect(series, name).toBeLessThanOrEqual(registered);
    }
    expect(sumOf(exposed, 'pal_requests_total', { model: OTHER, outcome: 'success' })).toBe(5000);
    expect(sumOf(exposed, 'pal_requests_total', { model: 'gpt-4o-mini' })).toBe(3);
    await runtime.close();
  }, 120_000);

  it('without a registry, at most maxLabelValues models get a label of their own', async () => {
    const metrics = prometheusSink({ maxLabelValues: 3 });
    for (let i = 0; i < 10; i++)
      metrics.emit({ ...base, type: 'first-token', provider: 'openai', model: `m${i}`, latencyMs: 5 });
    const exposed = await exposition(metrics);
    expect(labelValues(exposed, 'pal_time_to_first_token_seconds', 'model')).toEqual(
      new Set(['m0', 'm1', 'm2', OTHER]),
    );
    expect(countOf(exposed, 'pal_time_to_first_token_seconds', { model: OTHER })).toBe(7);
  });

  it('error codes outside the taxonomy and budget scopes of unknown shapes or providers are `other`', async () => {
    const registry = createRegistry();
    registry.register(openai({ apiKey: 'sk-test', baseURL: `${emus.openai.url}/v1` }));
    const metrics = prometheusSink({ models: registry });
    const error = Object.assign(new PalError({ code: 'NETWORK_ERROR' }), { code: 'user input' });
    metrics.emit({
      ...base,
      type: 'retry',
      provider: 'openai',
      model: 'gpt-4o-mini',
      attempt: 1,
      delayMs: 1,
      error: error as PalError,
    });
    metrics.emit({
      ...base,
      type: 'retry',
      provider: 'evil',
      model: 'x',
      attempt: 1,
      delayMs: 1,
      error: new PalError({ code: 'TIMEOUT' }),
    });
    for (const scope of ['global:day', 'provider:openai:month', 'provider:evil:day', 'run:abc'])
      metrics.emit({
        ...base,
        type: 'budget',
        action: 'reject',
        scope,
        amountUsd: 1,
        spentUsd: 2,
        limitUsd: 3,
      });
    const exposed = await exposition(metrics);
    expect(labelValues(exposed, 'pal_retries_total', 'code')).toEqual(new Set([OTHER, 'TIMEOUT']));
    expect(labelValues(exposed, 'pal_retries_total', 'provider')).toEqual(new Set(['openai', OTHER]));
    expect(labelValues(exposed, 'pal_budget_rejections_total', 'scope')).toEqual(
      new Set(['global:day', 'provider:openai:month', OTHER]),
    );
    expect(sumOf(exposed, 'pal_budget_rejections_total', { scope: OTHER })).toBe(2);
  });
});

describe('prometheusSink: what it counts', () => {
  it('circuit state per provider as 0 closed, 1 half-open, 2 open; requests in flight up and down', async () => {
    const metrics = prometheusSink();
    const event = (e: Partial<TelemetryEvent>) =>
      metrics.emit({ ...base, provider: 'openai', model: 'm', ...e } as TelemetryEvent);
    event({ type: 'request', operation: 'chat' });
    event({ type: 'request', operation: 'chat', requestId: 'r2' });
    let exposed = await exposition(metrics);
    expect(sumOf(exposed, 'pal_in_flight_requests', { provider: 'openai' })).toBe(2);
    expect(sumOf(exposed, 'pal_circuit_state', { provider: 'openai' })).toBe(CIRCUIT_STATE_VALUES.closed);
    event({ type: 'circuit', state: 'open', previous: 'closed' });
    exposed = await exposition(metrics);
    expect(sumOf(exposed, 'pal_circuit_state', { provider: 'openai' })).toBe(2);
    event({ type: 'circuit', state: 'half-open', previous: 'open' });
    event({
      type: 'usage',
      usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7 },
      cost: { inputUsd: 0, outputUsd: 0, totalUsd: 0.5 },
      latencyMs: 10,
    });
    event({ type: 'error', error: new PalError({ code: 'TIMEOUT' }), latencyMs: 20, requestId: 'r2' });
    exposed = await exposition(metrics);
    expect(sumOf(exposed, 'pal_circuit_state', { provider: 'openai' })).toBe(1);
    expect(sumOf(exposed, 'pal_in_flight_requests', { provider: 'openai' })).toBe(0);
    expect(sumOf(exposed, 'pal_requests_total', { outcome: 'TIMEOUT' })).toBe(1);
    expect(sumOf(exposed, 'pal_cost_usd_total')).toBe(0.5);
    expect(sumOf(exposed, 'pal_tokens_total', { type: 'output' })).toBe(4);
  });

  it('a cache hit counts a request but no tokens; a failed stream counts only the usage its vendor reported', async () => {
    const metrics = prometheusSink();
    const usage = { inputTokens: 3, outputTokens: 4, totalTokens: 7 };
    const cost = { inputUsd: 0, outputUsd: 0, totalUsd: 0.1 };
    const on = { ...base, provider: 'p', model: 'm', latencyMs: 1 };
    const failed = (code: 'ABORTED' | 'STREAM_ERROR', used: typeof usage) =>
      metrics.emit({ ...on, type: 'error', error: new PalError({ code }), usage: used, cost });
    metrics.emit({ ...on, type: 'usage', usage, cost: { ...cost, totalUsd: 0 }, cached: true });
    failed('ABORTED', { ...usage, estimated: true } as typeof usage);
    failed('STREAM_ERROR', usage);
    const exposed = await exposition(metrics);
    expect(sumOf(exposed, 'pal_requests_total')).toBe(3);
    expect(sumOf(exposed, 'pal_tokens_total', { type: 'input' })).toBe(3);
    expect(sumOf(exposed, 'pal_cost_usd_total')).toBeCloseTo(0.1, 12);
  });

  it('registers in the registry given, under the prefix given; a bad prefix is a CONFIG_ERROR', async () => {
    const registry = new Registry();
    const metrics = prometheusSink({ registry, prefix: 'llm_' });
    metrics.emit({ ...base, type: 'cache', provider: 'p', hit: false });
    expect(metrics.registry).toBe(registry);
    expect(await registry.metrics()).toContain('llm_cache_misses_total{provider="p"} 1');
    expect(() => prometheusSink({ prefix: 'no spaces' })).toThrow(
      expect.objectContaining({ code: 'CONFIG_ERROR' }),
    );
    expect(() => prometheusSink({ registry: {} as Registry })).toThrow(/prom-client Registry/);
  });
});
