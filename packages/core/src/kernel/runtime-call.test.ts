import { createScriptedAdapter, type ScriptStep } from '@pal/testkit/scripted';
import { describe, expect, it } from 'vitest';
import type { CallContext, ProviderAdapter } from '../contracts/adapter.js';
import type { ChatRequest, ChatRequestInput } from '../contracts/chat-request.js';
import type { StreamEvent } from '../contracts/stream-event.js';
import { isPalError, PalError } from '../errors/pal-error.js';
import type { TelemetryEvent } from '../telemetry/telemetry-sink.js';
import { createCall } from './call-state.js';
import { createRuntime } from './runtime.js';

const usage = { inputTokens: 10, outputTokens: 20, totalTokens: 30 };
const ask = (model: string, extra: Partial<ChatRequestInput> = {}): ChatRequestInput => ({
  model,
  messages: [{ role: 'user' as const, content: 'hello' }],
  ...extra,
});
const PRICED = { inputPerMTok: 1, outputPerMTok: 2 };

function scripted(
  id: string,
  script: ScriptStep[] | (() => ScriptStep),
  extra: Partial<ProviderAdapter> = {},
) {
  return Object.assign(createScriptedAdapter({ id, models: [{ id: 'm1', pricing: PRICED }], script }), extra);
}

function recorder() {
  const events: TelemetryEvent[] = [];
  return { events, sink: { emit: (event: TelemetryEvent) => events.push(event) } };
}

async function drain(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const out: StreamEvent[] = [];
  for await (const event of stream) out.push(event);
  return out;
}

describe('one logical call across targets', () => {
  it('keeps one request id and lists the attempts of both targets when a call moves on', async () => {
    const first = scripted('alpha', [{ type: 'error', error: new PalError({ code: 'OVERLOADED' }) }]);
    const second = scripted('beta', [{ type: 'result', text: 'from beta', result: { usage } }]);
    const runtime = createRuntime({ providers: [first, second], policies: { retry: false } });
    const call = createCall('chat');
    // a scripted fallback: what the router does, by hand
    const result = await runtime
      .chat(ask('alpha/m1'), { call })
      .catch(() => runtime.chat(ask('beta/m1'), { call }));
    expect(result.text).toBe('from beta');
    expect(result.requestId).toBe(call.requestId);
    expect(first.calls[0]?.requestId).toBe(call.requestId);
    expect(second.calls[0]?.requestId).toBe(call.requestId);
    expect(result.attempts.map((a) => [a.provider, a.model, a.attempt, a.error?.code])).toEqual([
      ['alpha', 'm1', 1, 'OVERLOADED'],
      ['beta', 'm1', 2, undefined],
    ]);
    expect(call.target).toMatchObject({ provider: 'beta', modelId: 'm1' });
    expect(call.attempts).toHaveLength(2);
  });

  it('gives a new call its own request id on every result (chat, stream)', async () => {
    const adapter = scripted('acme', [
      { type: 'result', text: 'a', result: { usage } },
      {
        type: 'stream',
        events: [
          { type: 'text-delta', text: 'b' },
          { type: 'finish', finishReason: 'stop', usage },
        ],
      },
    ]);
    const runtime = createRuntime({ providers: [adapter] });
    const chat = await runtime.chat(ask('acme/m1'));
    const streamed = await runtime.stream(ask('acme/m1')).result();
    const ids = [chat.requestId, streamed.requestId];
    expect(new Set(ids).size).toBe(2);
    expect(ids).toEqual(adapter.calls.map((c) => c.requestId));
  });
});

describe('long-context tiers: the estimate, the reservation and the cost use one calculation', () => {
  const tiered = {
    contextWindow: 1_000_000,
    pricing: {
      inputPerMTok: 1,
      outputPerMTok: 2,
      tiers: [{ aboveInputTokens: 200_000, inputPerMTok: 2, outputPerMTok: 3 }],
    },
  };

  it('prices a prompt above the tier at the tier rates in estimate, budget reservation and cost', async () => {
    const long = { inputTokens: 250_000, outputTokens: 100, totalTokens: 250_100 };
    const adapter = scripted('acme', () => ({ type: 'result', text: 'ok', result: { usage: long } }));
    const { events, sink } = recorder();
    const runtime = createRuntime({
      providers: [{ adapter, models: { m1: tiered } }],
      policies: { budget: { global: { dailyUsd: 10 } } },
      telemetry: sink,
    });
    const request = ask('acme/m1', {
      maxOutputTokens: 100,
      messages: [{ role: 'user', content: 'word '.repeat(250_000) }],
    });
    const estimate = await runtime.estimate(request);
    expect(estimate.inputTokens).toBeGreaterThan(200_000);
    // every token at the tier's rates: $2 in, $3 out per 1M
    expect(estimate.minUsd).toBeCloseTo((estimate.inputTokens * 2) / 1e6, 10);
    expect(estimate.maxUsd).toBeCloseTo((estimate.inputTokens * 2 + 100 * 3) / 1e6, 10);
    const result = await runtime.chat(request);
    expect(result.cost).toEqual({ inputUsd: 0.5, outputUsd: 0.0003, totalUsd: 0.5003 });
    const reserve = events.find((e) => e.type === 'budget' && e.action === 'reserve');
    expect(reserve).toMatchObject({ amountUsd: estimate.maxUsd });
    const spent = await runtime.state.budget();
    expect(spent?.scopes.find((s) => s.scope === 'global:day')?.spentUsd).toBeCloseTo(0.5003, 10);
  });

  it('prices a prompt under the tier at the base rates', async () => {
    const adapter = scripted('acme', () => ({ type: 'result', text: 'ok', result: { usage } }));
    const runtime = createRuntime({ providers: [{ adapter, models: { m1: tiered } }] });
    const result = await runtime.chat(ask('acme/m1'));
    expect(result.cost).toEqual({ inputUsd: 0.00001, outputUsd: 0.00004, totalUsd: 0.00005 });
  });
});

describe('the registry catalog is the one source of prices and caps', () => {
  it('reserves a budget at the price a config override sets, as the result is priced (bug 1)', async () => {
    const adapter = scripted('acme', () => ({ type: 'result', text: 'ok', result: { usage } }));
    const { events, sink } = recorder();
    // built-in: $1/$2 per 1M tokens; the override makes output 1000× dearer
    const runtime = createRuntime({
      providers: [{ adapter, models: { m1: { pricing: { inputPerMTok: 1, outputPerMTok: 2000 } } } }],
      policies: { budget: { global: { dailyUsd: 1 } } },
      telemetry: sink,
    });
    const request = ask('acme/m1', { maxOutputTokens: 100 });
    const estimate = await runtime.estimate(request);
    const result = await runtime.chat(request);
    expect(result.cost.outputUsd).toBeCloseTo(0.04, 10); // 20 tokens at $2000/1M
    const reserve = events.find((e) => e.type === 'budget' && e.action === 'reserve');
    expect(reserve).toMatchObject({ amountUsd: estimate.maxUsd });
    expect(estimate.maxUsd).toBeGreaterThan(0.2); // 100 output tokens at the override's price
    // at the adapter's own price the reservation would have been ~1000× smaller
    expect(estimate.maxUsd).toBeGreaterThan(100 * (2 / 1e6) * 100);
    const spent = await runtime.state.budget();
    expect(spent?.scopes.find((s) => s.scope === 'global:day')?.spentUsd).toBeCloseTo(
      result.cost.totalUsd,
      10,
    );
  });

  it("reserves and estimates the adapter's real output cap, thinking budget included (bug 3)", async () => {
    const cap = (request: ChatRequest) =>
      (request.maxOutputTokens ?? 0) + (request.reasoning?.budgetTokens ?? 0);
    // an answer that uses all of it (input as estimated: the heuristic is not what this tests)
    const full = { inputTokens: 9, outputTokens: 2304, totalTokens: 2313 };
    const adapter = scripted('acme', () => ({ type: 'result', text: 'ok', result: { usage: full } }), {
      maxOutputTokensFor: cap,
    });
    const limit = 0.05;
    const runtime = createRuntime({
      providers: [adapter],
      policies: { budget: { global: { dailyUsd: limit } } },
    });
    const request = ask('acme/m1', { maxOutputTokens: 256, reasoning: { budgetTokens: 2048 } });
    const estimate = await runtime.estimate(request);
    expect(estimate.maxOutputTokens).toBe(2304);
    const results = await Promise.allSettled(Array.from({ length: 40 }, () => runtime.chat(request)));
    const settled = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.cost.totalUsd] : []));
    expect(settled.length).toBeGreaterThan(0);
    for (const cost of settled) expect(cost).toBeLessThanOrEqual(estimate.maxUsd);
    const spent = settled.reduce((a, b) => a + b, 0);
    expect(spent).toBeLessThanOrEqual(limit);
    const budget = await runtime.state.budget();
    expect(budget?.scopes.find((s) => s.period === 'day')?.spentUsd).toBeLessThanOrEqual(limit);
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused)
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'BUDGET_EXCEEDED' });
  });
});

describe('warnings', () => {
  function warning(request: ChatRequest, ctx: CallContext) {
    if (request.temperature !== undefined) {
      ctx.call.warn({ type: 'unsupported-setting', setting: 'temperature', details: 'not taken' });
      ctx.call.warn({ type: 'unsupported-setting', setting: 'temperature', details: 'not taken' });
    }
  }

  it('puts what the adapter reported on the result, the finish event and telemetry, once each', async () => {
    const base = scripted('acme', [
      { type: 'result', text: 'a', result: { usage } },
      {
        type: 'stream',
        events: [
          { type: 'text-delta', text: 'b' },
          { type: 'finish', finishReason: 'stop', usage },
        ],
      },
      { type: 'result', text: 'c', result: { usage } },
    ]);
    const adapter: ProviderAdapter = {
      ...base,
      chat: (request, ctx) => {
        warning(request, ctx);
        return base.chat(request, ctx);
      },
      stream: (request, ctx) => {
        warning(request, ctx);
        return base.stream(request, ctx);
      },
    };
    const { events, sink } = recorder();
    const runtime = createRuntime({ providers: [adapter], telemetry: sink });
    const expected = [{ type: 'unsupported-setting', setting: 'temperature', details: 'not taken' }];
    const chat = await runtime.chat(ask('acme/m1', { temperature: 0.3 }));
    expect(chat.warnings).toEqual(expected);
    const streamed = await drain(runtime.stream(ask('acme/m1', { temperature: 0.3 })));
    expect(streamed.find((e) => e.type === 'finish')).toMatchObject({ warnings: expected });
    const plain = await runtime.chat(ask('acme/m1'));
    expect(plain.warnings).toBeUndefined();
    expect(events.filter((e) => e.type === 'warning')).toHaveLength(2);
  });
});

describe('telemetry carries what OpenTelemetry GenAI spans need', () => {
  it('puts the request parameters (no message content) on `request`, and ends each attempt', async () => {
    const adapter = scripted('acme', [
      { type: 'error', error: new PalError({ code: 'OVERLOADED' }) },
      { type: 'result', text: '{"ok":true}', result: { usage } },
    ]);
    const { events, sink } = recorder();
    const runtime = createRuntime({
      providers: [adapter],
      policies: { retry: { baseDelayMs: 1 } },
      telemetry: sink,
    });
    await runtime.chat(
      ask('acme/m1', {
        messages: [{ role: 'user', content: 'a secret prompt' }],
        temperature: 0.5,
        topP: 0.9,
        maxOutputTokens: 64,
        stop: ['END'],
        seed: 7,
        tools: [{ name: 'lookup', parameters: { type: 'object', properties: {} } }],
        responseFormat: { type: 'json' },
      }),
    );
    const request = events.find((e) => e.type === 'request');
    expect(request).toMatchObject({
      operation: 'chat',
      params: {
        model: 'm1',
        temperature: 0.5,
        topP: 0.9,
        maxOutputTokens: 64,
        stopSequences: ['END'],
        seed: 7,
        toolNames: ['lookup'],
        outputType: 'json',
      },
    });
    expect(JSON.stringify(events)).not.toContain('a secret prompt');
    const ends = events.filter((e) => e.type === 'attempt-end');
    expect(ends.map((e) => [e.attempt, e.outcome, e.errorCode])).toEqual([
      [1, 'error', 'OVERLOADED'],
      [2, 'success', undefined],
    ]);
    expect(ends[1]).toMatchObject({ usage });
    expect(ends.every((e) => typeof e.latencyMs === 'number')).toBe(true);
  });
});

describe('live policy state', () => {
  it('reads and forces circuits, and counts calls in flight', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const base = scripted('acme', () => ({ type: 'result', text: 'ok', result: { usage } }));
    const adapter: ProviderAdapter = {
      ...base,
      chat: async (request, ctx) => {
        await gate;
        return base.chat(request, ctx);
      },
    };
    const runtime = createRuntime({ providers: [adapter] });
    expect(await runtime.state.circuit('acme')).toBe('closed');
    const pending = runtime.chat(ask('acme/m1'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(runtime.state.inFlight('acme')).toBe(1);
    expect(runtime.state.inFlight()).toBe(1);
    release();
    await pending;
    expect(runtime.state.inFlight('acme')).toBe(0);

    await runtime.state.setCircuit('acme', 'open');
    expect(await runtime.state.circuit('acme')).toBe('open');
    const refused = await runtime.chat(ask('acme/m1')).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'CIRCUIT_OPEN' });
    expect((refused as PalError).message).toContain('opened by hand');
    expect(base.calls).toHaveLength(1);
    await runtime.state.setCircuit('acme', 'closed');
    await runtime.chat(ask('acme/m1'));
    expect(base.calls).toHaveLength(2);
    await expect(runtime.state.circuit('nobody')).rejects.toMatchObject({ code: 'PROVIDER_NOT_FOUND' });
  });

  it('reports budget headroom and rate-limit headroom; undefined where no policy applies', async () => {
    const adapter = scripted('acme', () => ({ type: 'result', text: 'ok', result: { usage } }));
    const bare = createRuntime({ providers: [adapter], policies: { circuitBreaker: false } });
    expect(await bare.state.budget()).toBeUndefined();
    expect(await bare.state.rateLimit('acme')).toBeUndefined();
    expect(await bare.state.circuit('acme')).toBeUndefined();
    await expect(bare.state.setCircuit('acme', 'open')).rejects.toMatchObject({ code: 'CONFIG_ERROR' });

    const runtime = createRuntime({
      providers: [adapter],
      policies: {
        budget: { global: { dailyUsd: 1 }, providers: { acme: { monthlyUsd: 2 } } },
        rateLimit: { requestsPerMinute: 10 },
      },
    });
    expect(await runtime.state.rateLimit('acme')).toMatchObject({
      requestsPerMinute: 10,
      requestsRemaining: 10,
    });
    const result = await runtime.chat(ask('acme/m1'));
    expect(await runtime.state.rateLimit('acme')).toMatchObject({ requestsRemaining: 9 });
    const budget = await runtime.state.budget();
    expect(budget?.scopes.map((s) => [s.scope, s.period])).toEqual(
      expect.arrayContaining([
        ['global:day', 'day'],
        ['provider:acme:month', 'month'],
      ]),
    );
    for (const scope of budget?.scopes ?? []) {
      expect(scope.spentUsd).toBeCloseTo(result.cost.totalUsd, 10);
      expect(scope.remainingUsd).toBeCloseTo(scope.limitUsd - result.cost.totalUsd, 10);
    }
  });
});

describe('request errors name their field', () => {
  const runtime = createRuntime({
    providers: [scripted('acme', () => ({ type: 'result', text: 'ok', result: { usage } }))],
  });

  it('PROVIDER_NOT_FOUND and MODEL_NOT_FOUND name `model`; a typo gets "no such model" and the closest id', async () => {
    const provider = await runtime.chat(ask('acmee/m1')).catch((e: unknown) => e);
    expect(provider).toMatchObject({ code: 'PROVIDER_NOT_FOUND', path: ['model'] });
    const model = await runtime.chat(ask('acme/m2')).catch((e: unknown) => e);
    expect(model).toMatchObject({ code: 'MODEL_NOT_FOUND', path: ['model'] });
    expect((model as PalError).userMessage).toBe(
      'There is no model "acme/m2" at acme. Did you mean "acme/m1"?',
    );
    expect((model as PalError).userMessage).not.toContain('unavailable');
  });

  it.each([
    [{ type: 'objekt', properties: {} }, 'type'],
    [{ type: 'object', properties: 5 }, 'properties'],
  ])(
    'refuses tool parameters that are not JSON Schema (%j) with INVALID_REQUEST at tools[0].parameters',
    async (parameters, field) => {
      const adapter = scripted('acme', () => ({ type: 'result', text: 'ok' }));
      const local = createRuntime({ providers: [adapter] });
      const request = ask('acme/m1', { tools: [{ name: 'lookup', parameters }] });
      const error = await local.chat(request).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'INVALID_REQUEST', path: ['tools', 0, 'parameters'] });
      expect((error as PalError).message).toContain('tools[0].parameters: not a valid JSON Schema');
      expect((error as PalError).message).toContain(field);
      expect(() => local.stream(request)).toThrow(expect.objectContaining({ code: 'INVALID_REQUEST' }));
      expect(adapter.calls).toHaveLength(0);
    },
  );

  it('accepts valid JSON Schemas of either dialect, and a zod schema', async () => {
    const { z } = await import('zod');
    const tools = [
      {
        name: 'a',
        parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      },
      { name: 'b', parameters: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object' } },
      { name: 'c', parameters: z.object({ n: z.number().int() }) },
    ];
    await expect(runtime.chat(ask('acme/m1', { tools }))).resolves.toMatchObject({ text: 'ok' });
  });

  it('refuses a response schema that is not JSON Schema, naming responseFormat.schema', async () => {
    const error = await runtime
      .chat(ask('acme/m1', { responseFormat: { type: 'json', schema: { type: 'objekt' } } }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', path: ['responseFormat', 'schema'] });
  });
});

describe('isPalError', () => {
  it('recognises a PalError from another copy of @pal/core by its global brand, and nothing else', () => {
    class OtherCopyPalError extends Error {
      readonly code = 'TIMEOUT';
      get [Symbol.for('@pal/core.PalError')]() {
        return true;
      }
    }
    expect(isPalError(new OtherCopyPalError())).toBe(true);
    expect(isPalError(new PalError({ code: 'TIMEOUT' }))).toBe(true);
    expect(isPalError({ name: 'PalError', code: 'TIMEOUT' })).toBe(false);
    expect(isPalError(new Error('x'))).toBe(false);
  });
});
