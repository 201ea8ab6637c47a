import { inspect } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import type { ChatRequest } from '../contracts/chat-request.js';
import type { StreamEvent } from '../contracts/stream-event.js';
import { PalError } from '../errors/pal-error.js';
import type { TelemetryEvent } from '../telemetry/telemetry-sink.js';
import { refuse } from './hooks.js';
import type { Middleware } from './middleware.js';
import { createRuntime } from './runtime.js';
import { createScriptedAdapter, type ScriptedModel, type ScriptStep } from '@pal/testkit/scripted';

const PRICED: ScriptedModel = { id: 'm1', pricing: { inputPerMTok: 2, outputPerMTok: 8 } };
const usage = { inputTokens: 100, outputTokens: 50, totalTokens: 150 };
const ask = (model = 'acme/m1', content = 'hello') => ({
  model,
  messages: [{ role: 'user' as const, content }],
});

function acme(script: ScriptStep[], models: ScriptedModel[] = [PRICED]) {
  return createScriptedAdapter({ id: 'acme', models, script });
}

function recorder() {
  const events: TelemetryEvent[] = [];
  return { events, sink: { emit: (event: TelemetryEvent) => events.push(event) } };
}

function unexpected(): never {
  throw new Error('the call was expected to fail');
}

async function collect(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const out: StreamEvent[] = [];
  for await (const event of stream) out.push(event);
  return out;
}

describe('runtime: validation and resolution', () => {
  it('fails an invalid request with INVALID_REQUEST naming the path, and calls nothing', async () => {
    const adapter = acme([{ type: 'result', text: 'never' }]);
    const runtime = createRuntime({ providers: [adapter] });
    const bad = { model: 'acme/m1', messages: [{ role: 'user', content: 42 }] } as unknown as ChatRequest;
    const error = await runtime.chat(bad).then(unexpected, (e: PalError) => e);
    expect(error).toBeInstanceOf(PalError);
    expect(error.code).toBe('INVALID_REQUEST');
    expect(error.message).toContain('messages[0].content');
    expect(error.path).toEqual(['messages', 0, 'content']);
    expect((error.details as { issues: Array<{ path: string }> }).issues[0]?.path).toBe(
      'messages[0].content',
    );
    expect(() => runtime.stream(bad)).toThrow(/messages\[0\]\.content/);
    await expect(runtime.embed({ model: 'acme/m1', input: [] })).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
      path: ['input'],
    });
    await expect(runtime.generateImage({ model: 'acme/m1', prompt: '' })).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
      path: ['prompt'],
    });
    await expect(runtime.estimate({ ...ask(), temperature: 9 })).rejects.toMatchObject({
      path: ['temperature'],
    });
    expect(adapter.calls).toHaveLength(0);
  });

  it('counts further issues in the message', async () => {
    const runtime = createRuntime({ providers: [acme([])] });
    const error = await runtime
      .chat({ model: '', messages: [], temperature: 5 } as unknown as ChatRequest)
      .then(unexpected, (e: PalError) => e);
    expect(error.message).toMatch(/^Invalid chat request: model: .* \(and 2 more issues\)$/);
    expect((error.details as { issues: unknown[] }).issues).toHaveLength(3);
  });

  it('resolves "provider/model" and bare ids; adapters receive the bare id and no signal', async () => {
    const adapter = acme([
      { type: 'result', text: 'a' },
      { type: 'result', text: 'b' },
    ]);
    const runtime = createRuntime({ providers: [adapter] });
    await runtime.chat({ ...ask('acme/m1'), signal: new AbortController().signal });
    await runtime.chat(ask('m1'));
    expect(adapter.calls.map((c) => c.request.model)).toEqual(['m1', 'm1']);
    expect(adapter.calls[0]?.request).not.toHaveProperty('signal');
    await expect(runtime.chat(ask('nobody/m1'))).rejects.toMatchObject({ code: 'PROVIDER_NOT_FOUND' });
    await expect(runtime.chat(ask('acme/nope'))).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
  });

  it('refuses what the catalog says the model cannot do, before any call', async () => {
    const plain: ScriptedModel = {
      id: 'plain',
      capabilities: { streaming: false, tools: false, vision: false, json: false, embeddings: false },
    };
    const adapter = acme([], [plain]);
    const runtime = createRuntime({ providers: [adapter] });
    const tools = { ...ask('acme/plain'), tools: [{ name: 'lookup', parameters: { type: 'object' } }] };
    await expect(runtime.chat(tools)).rejects.toMatchObject({
      code: 'UNSUPPORTED_CAPABILITY',
      details: { missing: ['tools'] },
    });
    const vision = {
      model: 'acme/plain',
      messages: [
        { role: 'user' as const, content: [{ type: 'image' as const, url: 'https://x.test/a.png' }] },
      ],
    };
    await expect(runtime.chat(vision)).rejects.toMatchObject({ details: { missing: ['vision'] } });
    await expect(
      runtime.chat({ ...ask('acme/plain'), responseFormat: { type: 'json' } }),
    ).rejects.toMatchObject({
      details: { missing: ['json'] },
    });
    expect(() => runtime.stream(ask('acme/plain'))).toThrow(/does not support streaming/);
    await expect(runtime.embed({ model: 'acme/plain', input: 'x' })).rejects.toMatchObject({
      details: { missing: ['embeddings'] },
    });
    await expect(runtime.generateImage({ model: 'acme/plain', prompt: 'cat' })).rejects.toMatchObject({
      details: { missing: ['imageGeneration'] },
    });
    expect(adapter.calls).toHaveLength(0);
  });
});

describe('runtime: chat results', () => {
  it('assembles text, tool calls, reasoning, usage, cost, latency and attempts; raw only on request', async () => {
    const answer: ScriptStep = {
      type: 'result',
      result: {
        id: 'resp-9',
        model: 'm1-2025',
        content: [
          { type: 'reasoning', text: 'let me think' },
          { type: 'text', text: 'Hello ' },
          { type: 'tool-call', id: 'c1', name: 'lookup', arguments: { q: 'x' } },
          { type: 'text', text: 'world' },
        ],
        finishReason: 'tool-calls',
        usage,
        raw: { vendor: 'payload' },
      },
    };
    const adapter = acme([answer, answer]);
    const runtime = createRuntime({ providers: [adapter] });
    const result = await runtime.chat(ask());
    expect(result).toMatchObject({
      id: 'resp-9',
      provider: 'acme',
      model: 'm1-2025',
      text: 'Hello world',
      toolCalls: [{ id: 'c1', name: 'lookup', arguments: { q: 'x' } }],
      reasoning: 'let me think',
      finishReason: 'tool-calls',
      usage,
      cost: { inputUsd: 0.0002, outputUsd: 0.0004, totalUsd: 0.0006 },
    });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(result.attempts).toEqual([
      { provider: 'acme', model: 'm1', attempt: 1, latencyMs: expect.any(Number) },
    ]);
    expect(result).not.toHaveProperty('raw');
    expect((await runtime.chat(ask(), { includeRaw: true })).raw).toEqual({ vendor: 'payload' });
    expect(adapter.calls[1]?.request).toBeDefined();
  });

  it('estimates usage, marked estimated, when the adapter reports none', async () => {
    const runtime = createRuntime({ providers: [acme([{ type: 'result', text: 'a'.repeat(40) }])] });
    const result = await runtime.chat(ask('acme/m1', 'b'.repeat(400)));
    expect(result.usage.estimated).toBe(true);
    expect(result.usage.outputTokens).toBe(10);
    expect(result.usage.inputTokens).toBeGreaterThanOrEqual(100);
    expect(result.usage.totalTokens).toBe(result.usage.inputTokens + 10);
    expect(result.cost.totalUsd).toBeGreaterThan(0);
  });

  it('marks cost unpriced for a model outside the catalog', async () => {
    const adapter = createScriptedAdapter({
      id: 'open',
      models: [],
      script: [{ type: 'result', text: 'x' }],
    });
    const runtime = createRuntime({ providers: [adapter] });
    const result = await runtime.chat(ask('open/anything'));
    expect(result.cost).toEqual({ inputUsd: 0, outputUsd: 0, totalUsd: 0, unpriced: true });
  });

  it('lets models missing from a non-empty catalog through only when the registration allows it', async () => {
    const strict = createRuntime({ providers: [acme([{ type: 'result', text: 'x' }])] });
    await expect(strict.chat(ask('acme/brand-new-model'))).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
    const open = createRuntime({
      providers: [{ adapter: acme([{ type: 'result', text: 'x' }]), allowUnknownModels: true }],
    });
    const result = await open.chat(ask('acme/brand-new-model'));
    expect(result.model).toBeDefined();
    expect(result.cost.unpriced).toBe(true);
  });

  it('sends per-call headers and passes the caller signal through (ABORTED)', async () => {
    const adapter = acme([
      { type: 'result', text: 'x' },
      { type: 'result', text: 'slow', delayMs: 5_000 },
    ]);
    const runtime = createRuntime({ providers: [adapter] });
    await runtime.chat(ask(), { headers: { 'x-trace': 't1' } });
    expect(adapter.calls[0]?.headers).toEqual({ 'x-trace': 't1' });
    const controller = new AbortController();
    const pending = runtime.chat(ask(), { signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    await expect(pending).rejects.toMatchObject({ code: 'ABORTED', provider: 'acme' });
    expect(adapter.calls).toHaveLength(2);
  });

  it('fails at once for a signal that is already aborted', async () => {
    const adapter = acme([{ type: 'result', text: 'x' }]);
    const runtime = createRuntime({ providers: [adapter], policies: { retry: false } });
    await expect(runtime.chat(ask(), { signal: AbortSignal.abort() })).rejects.toMatchObject({
      code: 'ABORTED',
    });
  });
});

describe('runtime: streams', () => {
  it('adds start, a usage event before finish, and usage + cost on finish', async () => {
    const adapter = acme([
      {
        type: 'stream',
        events: [
          { type: 'text-delta', text: 'Hel' },
          { type: 'usage', usage },
          { type: 'text-delta', text: 'lo' },
          { type: 'finish', finishReason: 'stop' },
        ],
      },
    ]);
    const runtime = createRuntime({ providers: [adapter] });
    const events = await collect(runtime.stream(ask()));
    expect(events).toEqual([
      { type: 'start', provider: 'acme', model: 'm1' },
      { type: 'text-delta', text: 'Hel' },
      { type: 'text-delta', text: 'lo' },
      { type: 'usage', usage },
      {
        type: 'finish',
        finishReason: 'stop',
        usage,
        cost: { inputUsd: 0.0002, outputUsd: 0.0004, totalUsd: 0.0006 },
      },
    ]);
  });

  it('keeps the adapter start, estimates usage when none came, and ignores events after finish', async () => {
    const adapter = acme([
      {
        type: 'stream',
        events: [
          { type: 'start', provider: 'acme', model: 'm1-live', id: 's1' },
          { type: 'text-delta', text: 'abcdefgh' },
          { type: 'finish', finishReason: 'length' },
          { type: 'text-delta', text: 'late' },
        ],
      },
    ]);
    const runtime = createRuntime({ providers: [adapter] });
    const stream = runtime.stream(ask());
    const result = await stream.result();
    expect(result).toMatchObject({ id: 's1', model: 'm1-live', text: 'abcdefgh', finishReason: 'length' });
    expect(result.usage).toMatchObject({ outputTokens: 2, estimated: true });
    expect(adapter.calls[0]?.stream?.outcome).toBe('returned');
  });

  it('assembles tool calls from deltas at finish', async () => {
    const onToolCall = vi.fn();
    const adapter = acme([
      {
        type: 'stream',
        events: [
          { type: 'tool-call-delta', index: 1, id: 'c2', name: 'second', argumentsDelta: '' },
          { type: 'tool-call-delta', index: 0, id: 'c1', name: 'first', argumentsDelta: '{"a":' },
          { type: 'tool-call-delta', index: 0, argumentsDelta: '1}' },
          { type: 'finish', finishReason: 'tool-calls', usage },
        ],
      },
    ]);
    const runtime = createRuntime({ providers: [adapter] });
    const stream = runtime.stream(ask(), { onToolCall });
    const events = await collect(stream);
    expect(events.filter((e) => e.type === 'tool-call')).toEqual([
      { type: 'tool-call', id: 'c1', name: 'first', arguments: { a: 1 } },
      { type: 'tool-call', id: 'c2', name: 'second', arguments: {} },
    ]);
    expect((await stream.result()).toolCalls.map((c) => c.name)).toEqual(['first', 'second']);
    expect(onToolCall).toHaveBeenCalledTimes(2);
  });

  it('passes complete tool-call events through without assembling deltas again', async () => {
    const adapter = acme([
      {
        type: 'stream',
        events: [
          { type: 'tool-call-delta', index: 0, id: 'c1', name: 'f', argumentsDelta: '{"a":1}' },
          { type: 'tool-call', id: 'c1', name: 'f', arguments: { a: 1 } },
          { type: 'finish', finishReason: 'tool-calls' },
        ],
      },
    ]);
    const result = await createRuntime({ providers: [adapter] })
      .stream(ask())
      .result();
    expect(result.toolCalls).toEqual([{ id: 'c1', name: 'f', arguments: { a: 1 } }]);
    expect(result.usage.estimated).toBe(true);
  });

  it('ends with a SERIALIZATION_ERROR event when tool-call arguments are not JSON', async () => {
    const adapter = acme([
      {
        type: 'stream',
        events: [
          { type: 'tool-call-delta', index: 0, id: 'c1', name: 'f', argumentsDelta: '{"a":' },
          { type: 'finish', finishReason: 'tool-calls' },
        ],
      },
    ]);
    const stream = createRuntime({ providers: [adapter] }).stream(ask());
    const events = await collect(stream);
    expect(events.at(-1)).toMatchObject({
      type: 'error',
      error: { code: 'SERIALIZATION_ERROR', provider: 'acme' },
    });
    await expect(stream.result()).rejects.toMatchObject({ code: 'SERIALIZATION_ERROR' });
  });

  it('ends with STREAM_ERROR when the adapter stops without finish', async () => {
    const adapter = acme([{ type: 'stream', events: [{ type: 'text-delta', text: 'cut' }] }]);
    const stream = createRuntime({ providers: [adapter], policies: { retry: false } }).stream(ask());
    const events = await collect(stream);
    expect(events.map((e) => e.type)).toEqual(['start', 'text-delta', 'error']);
    await expect(stream.text()).rejects.toMatchObject({ code: 'STREAM_ERROR' });
  });

  it('fires onText, onToolCall and onFinish as the stream is consumed', async () => {
    const adapter = acme([
      {
        type: 'stream',
        events: [
          { type: 'text-delta', text: 'a' },
          { type: 'text-delta', text: 'b' },
          { type: 'tool-call', id: 't', name: 'f', arguments: {} },
          { type: 'finish', finishReason: 'stop', usage },
        ],
      },
    ]);
    const onText = vi.fn();
    const onToolCall = vi.fn();
    const onFinish = vi.fn();
    const onError = vi.fn();
    const stream = createRuntime({ providers: [adapter] }).stream(ask(), {
      onText,
      onToolCall,
      onFinish,
      onError,
    });
    const text = await stream.text();
    expect(text).toBe('ab');
    expect(onText.mock.calls).toEqual([['a'], ['b']]);
    expect(onToolCall).toHaveBeenCalledWith({ id: 't', name: 'f', arguments: {} });
    expect(onFinish).toHaveBeenCalledTimes(1);
    expect(onFinish.mock.calls[0]?.[0]).toMatchObject({ text: 'ab', usage, provider: 'acme' });
    expect(onError).not.toHaveBeenCalled();
  });

  it("breaking out of for-await closes the adapter's generator (return())", async () => {
    const adapter = acme([
      {
        type: 'stream',
        events: [
          { type: 'text-delta', text: 'one' },
          { type: 'text-delta', text: 'two', delayMs: 20 },
          { type: 'finish', finishReason: 'stop' },
        ],
      },
    ]);
    const { events, sink } = recorder();
    const stream = createRuntime({ providers: [adapter], telemetry: sink }).stream(ask());
    for await (const event of stream) if (event.type === 'text-delta') break;
    expect(adapter.calls[0]?.stream).toEqual({ emitted: 1, outcome: 'returned' });
    await expect(stream.result()).rejects.toMatchObject({ code: 'ABORTED' });
    expect(events.filter((e) => e.type === 'error').map((e) => e.type === 'error' && e.error.code)).toEqual([
      'ABORTED',
    ]);
  });

  it('cancel() aborts a pending read and closes the upstream', async () => {
    const adapter = acme([
      {
        type: 'stream',
        events: [
          { type: 'text-delta', text: 'one' },
          { type: 'text-delta', text: 'never', delayMs: 5_000 },
          { type: 'finish', finishReason: 'stop' },
        ],
      },
    ]);
    const stream = createRuntime({ providers: [adapter] }).stream(ask());
    const seen: string[] = [];
    const started = Date.now();
    for await (const event of stream) {
      seen.push(event.type);
      if (event.type === 'text-delta') setTimeout(() => void stream.cancel(), 10);
    }
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(seen).toEqual(['start', 'text-delta']);
    expect(adapter.calls[0]?.stream?.outcome).toBe('errored');
    await expect(stream.result()).rejects.toMatchObject({ code: 'ABORTED' });
  });
});

describe('runtime: hooks', () => {
  it('masks PII in the request and the answer', async () => {
    const email = /[\w.+-]+@[\w-]+\.[\w.]+/g;
    const adapter = acme([{ type: 'result', text: 'reply to carol@example.org' }]);
    const runtime = createRuntime({
      providers: [adapter],
      hooks: {
        beforeRequest: (request) => ({
          ...request,
          messages: request.messages.map((m) =>
            typeof m.content === 'string'
              ? ({ ...m, content: m.content.replace(email, '<email>') } as typeof m)
              : m,
          ),
        }),
        afterResponse: (result) => ({
          ...result,
          content: result.content.map((p) =>
            p.type === 'text' ? { ...p, text: p.text.replace(email, '<email>') } : p,
          ),
        }),
      },
    });
    const result = await runtime.chat(ask('acme/m1', 'I am dave@example.com'));
    expect((adapter.calls[0]!.request as ChatRequest).messages[0]?.content).toBe('I am <email>');
    expect(result.text).toBe('reply to <email>');
  });

  it('refuses with CONTENT_FILTERED and never sends the request', async () => {
    const adapter = acme([{ type: 'result', text: 'never' }]);
    const { events, sink } = recorder();
    const runtime = createRuntime({
      providers: [adapter],
      telemetry: sink,
      hooks: [{ beforeRequest: () => refuse('No talking about the weather') }],
    });
    await expect(runtime.chat(ask('acme/m1', 'weather?'))).rejects.toMatchObject({
      code: 'CONTENT_FILTERED',
      message: 'No talking about the weather',
      provider: 'acme',
    });
    const stream = runtime.stream(ask());
    expect((await collect(stream)).map((e) => e.type)).toEqual(['error']);
    expect(adapter.calls).toHaveLength(0);
    expect(events.filter((e) => e.type === 'error')).toHaveLength(2);
  });

  it('masks stream chunks with onChunk', async () => {
    const adapter = acme([
      {
        type: 'stream',
        events: [
          { type: 'text-delta', text: 'card 4111 1111 1111 1111' },
          { type: 'finish', finishReason: 'stop' },
        ],
      },
    ]);
    const runtime = createRuntime({
      providers: [adapter],
      hooks: {
        onChunk: (event) =>
          event.type === 'text-delta'
            ? { ...event, text: event.text.replace(/\d{4}( \d{4}){3}/, '****') }
            : undefined,
      },
    });
    expect(await runtime.stream(ask()).text()).toBe('card ****');
  });
});

describe('runtime: secrets', () => {
  it('shows no API key in JSON.stringify or util.inspect of the runtime, its errors or telemetry', async () => {
    const key = 'sk-live-abcdef1234567890vX2Q';
    const adapter = Object.assign(
      acme([
        { type: 'error', error: new Error(`401 Incorrect API key provided: ${key}`) },
        { type: 'stream', events: [], error: new Error(`stream refused for key ${key}`) },
      ]),
      { apiKey: key, config: { headers: { authorization: `Bearer ${key}` } } },
    );
    const { events, sink } = recorder();
    const runtime = createRuntime({ providers: [adapter], telemetry: sink, policies: { retry: false } });
    const error = await runtime.chat(ask()).then(unexpected, (e: PalError) => e);
    expect(error).toBeInstanceOf(PalError);
    const streamed = await collect(runtime.stream(ask()));

    const shown = [
      JSON.stringify(runtime),
      inspect(runtime, { depth: 20 }),
      JSON.stringify(error),
      inspect(error, { depth: 20 }),
      String(error.stack),
      JSON.stringify(streamed),
      inspect(streamed, { depth: 20 }),
      JSON.stringify(events),
    ];
    for (const text of shown) expect(text).not.toContain(key);
    expect(JSON.parse(JSON.stringify(runtime))).toEqual({
      providers: [{ id: 'acme', displayName: 'acme', enabled: true }],
    });
    expect(inspect(runtime)).toContain("id: 'acme'");
  });
});

describe('runtime: estimate, embed, images', () => {
  it('estimates tokens and the cost range before any call', async () => {
    const adapter = acme([]);
    const runtime = createRuntime({ providers: [adapter] });
    const estimate = await runtime.estimate({ ...ask('m1', 'x'.repeat(400)), maxOutputTokens: 1000 });
    expect(estimate).toMatchObject({ provider: 'acme', model: 'm1', maxOutputTokens: 1000 });
    expect(estimate.inputTokens).toBeGreaterThanOrEqual(100);
    expect(estimate.minUsd).toBeCloseTo(estimate.inputTokens * 2e-6, 10);
    expect(estimate.maxUsd).toBeCloseTo(estimate.minUsd + 1000 * 8e-6, 10);
    expect(adapter.calls).toHaveLength(0);
  });

  it('embeds with usage (estimated when missing) and cost', async () => {
    const adapter = createScriptedAdapter({
      id: 'vec',
      models: [{ id: 'e1', kind: 'embedding', pricing: { inputPerMTok: 1, outputPerMTok: 0 } }],
      script: [
        { type: 'embed', result: { model: 'e1', embeddings: [[0.1], [0.2]] } },
        {
          type: 'embed',
          result: {
            model: 'e1',
            embeddings: [[0.3]],
            usage: { inputTokens: 7, outputTokens: 0, totalTokens: 7 },
          },
        },
      ],
    });
    const runtime = createRuntime({ providers: [adapter] });
    const first = await runtime.embed({ model: 'vec/e1', input: ['abcd', 'efgh'] });
    expect(first).toMatchObject({ provider: 'vec', model: 'e1', embeddings: [[0.1], [0.2]] });
    expect(first.usage).toEqual({ inputTokens: 2, outputTokens: 0, totalTokens: 2, estimated: true });
    expect(first.attempts).toHaveLength(1);
    const second = await runtime.embed({ model: 'e1', input: 'x' });
    expect(second.cost.totalUsd).toBeCloseTo(7e-6, 12);
  });

  it('generates images priced per image', async () => {
    const adapter = createScriptedAdapter({
      id: 'pix',
      models: [{ id: 'i1', kind: 'image', pricing: { inputPerMTok: 0, outputPerMTok: 0, perImage: 0.04 } }],
      script: [
        {
          type: 'image',
          result: {
            model: 'i1',
            images: [
              { mediaType: 'image/png', data: 'AA==' },
              { mediaType: 'image/png', data: 'AQ==' },
            ],
          },
        },
      ],
    });
    const result = await createRuntime({ providers: [adapter] }).generateImage({
      model: 'pix/i1',
      prompt: 'cat',
      n: 2,
    });
    expect(result.images).toHaveLength(2);
    expect(result.cost).toEqual({ inputUsd: 0, outputUsd: 0.08, totalUsd: 0.08 });
  });

  it('answers UNSUPPORTED_CAPABILITY when the adapter implements no embed or generateImage', async () => {
    const {
      embed: _e,
      generateImage: _g,
      ...bare
    } = createScriptedAdapter({ id: 'bare', models: [], script: [] });
    const runtime = createRuntime({ providers: [bare] });
    await expect(runtime.embed({ model: 'bare/x', input: 'x' })).rejects.toMatchObject({
      code: 'UNSUPPORTED_CAPABILITY',
    });
    await expect(runtime.generateImage({ model: 'bare/x', prompt: 'x' })).rejects.toMatchObject({
      code: 'UNSUPPORTED_CAPABILITY',
    });
  });
});

describe('runtime: telemetry, middleware, registry, close', () => {
  it('emits request, attempt, first-token, usage and error events', async () => {
    const adapter = acme([
      {
        type: 'stream',
        events: [
          { type: 'text-delta', text: 'x' },
          { type: 'finish', finishReason: 'stop', usage },
        ],
      },
      { type: 'error', error: new PalError({ code: 'PROVIDER_AUTH_ERROR' }) },
    ]);
    const { events, sink } = recorder();
    const runtime = createRuntime({ providers: [adapter], telemetry: [sink, undefined as never] });
    await runtime.stream({ ...ask(), metadata: { user: 'u1' } }).result();
    await runtime.chat(ask()).catch(() => undefined);
    expect(events.map((e) => e.type)).toEqual([
      'request',
      'attempt',
      'first-token',
      'attempt-end',
      'usage',
      'call-end',
      'request',
      'attempt',
      'attempt-end',
      'error',
      'call-end',
    ]);
    const [request, , , attemptEnd, used] = events;
    expect(attemptEnd).toMatchObject({ attempt: 1, outcome: 'success', usage });
    expect(request).toMatchObject({
      operation: 'stream',
      provider: 'acme',
      model: 'm1',
      metadata: { user: 'u1' },
    });
    expect(used).toMatchObject({ usage, cost: { totalUsd: 0.0006 }, metadata: { user: 'u1' } });
    expect(new Set(events.slice(0, 4).map((e) => e.requestId)).size).toBe(1);
  });

  it('runs custom middleware inside the policies, skippable per call', async () => {
    const seen: string[] = [];
    const tag: Middleware = {
      name: 'tag',
      chat: (request, ctx, next) => {
        seen.push(`chat:${ctx.attempt}`);
        return next.chat(request, { ...ctx, headers: { ...ctx.headers, 'x-tag': '1' } });
      },
      stream: (request, ctx, next) => {
        seen.push('stream');
        return next.stream(request, ctx);
      },
    };
    const adapter = acme([
      { type: 'error', error: new PalError({ code: 'NETWORK_ERROR' }) },
      { type: 'result', text: 'x' },
      { type: 'result', text: 'y' },
      { type: 'stream', events: [{ type: 'finish', finishReason: 'stop' }] },
    ]);
    const runtime = createRuntime({
      providers: [adapter],
      middleware: [tag],
      policies: { retry: { baseDelayMs: 1, budget: false } },
    });
    await runtime.chat(ask());
    await runtime.chat(ask(), { overrides: { tag: false } });
    await runtime.stream(ask()).result();
    expect(seen).toEqual(['chat:1', 'chat:2', 'stream']);
    expect(adapter.calls.map((c) => c.headers['x-tag'])).toEqual(['1', '1', undefined, undefined]);
  });

  it('wraps a non-PalError from a middleware into a PalError naming the provider', async () => {
    const broken: Middleware = {
      name: 'broken',
      chat: async () => {
        throw new Error('bug in middleware');
      },
    };
    const runtime = createRuntime({
      providers: [acme([])],
      middleware: [broken],
      policies: { retry: false },
    });
    await expect(runtime.chat(ask())).rejects.toMatchObject({
      code: 'PROVIDER_API_ERROR',
      retryable: false,
      provider: 'acme',
      message: 'A middleware or hook failed: bug in middleware',
    });
  });

  it('rebuilds a provider stack when the registry changes, keeping policy state', async () => {
    const first = acme([{ type: 'result', text: 'first' }]);
    const runtime = createRuntime({ providers: [first] });
    expect((await runtime.chat(ask())).text).toBe('first');
    const second = acme([{ type: 'result', text: 'second' }]);
    runtime.registry.register(second);
    expect((await runtime.chat(ask())).text).toBe('second');
    runtime.registry.unregister('acme');
    await expect(runtime.chat(ask())).rejects.toMatchObject({ code: 'PROVIDER_NOT_FOUND' });
  });

  it('applies a loaded config: its providers, global and per-provider policies', async () => {
    const failing = (id: string) =>
      createScriptedAdapter({
        id,
        models: [{ id: 'm1' }],
        script: () => ({ type: 'error', error: new PalError({ code: 'OVERLOADED' }) }),
      });
    const one = failing('one');
    const two = failing('two');
    const runtime = createRuntime({
      config: {
        config: {
          providers: {
            one: {
              factory: 'createProvider',
              policies: { retry: { maxAttempts: 2, baseDelayMs: 1, budget: false } },
            },
          },
          policies: { retry: { maxAttempts: 4, baseDelayMs: 1, budget: false }, circuitBreaker: false },
        },
        providers: [one],
        toJSON: () => ({}),
      },
      providers: [two],
      providerPolicies: { two: { retry: { maxAttempts: 1 } } },
    });
    await expect(runtime.chat(ask('one/m1'))).rejects.toMatchObject({ code: 'OVERLOADED' });
    await expect(runtime.chat(ask('two/m1'))).rejects.toMatchObject({ code: 'OVERLOADED' });
    expect([one.calls.length, two.calls.length]).toEqual([2, 1]);
  });

  it('close() aborts calls in flight and refuses new ones', async () => {
    const adapter = acme([{ type: 'result', text: 'slow', delayMs: 5_000 }]);
    const runtime = createRuntime({ providers: [adapter] });
    const pending = runtime.chat(ask());
    await new Promise((resolve) => setTimeout(resolve, 10));
    await runtime.close();
    await runtime.close();
    await expect(pending).rejects.toMatchObject({ code: 'ABORTED' });
    await expect(runtime.chat(ask())).rejects.toMatchObject({
      code: 'ABORTED',
      message: 'The runtime was closed',
    });
  });
});
