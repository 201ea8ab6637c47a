import { context, SpanKind, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { createCall, createRuntime, type Hooks, type Runtime, type RuntimeOptions } from '@pal/core';
import { anthropic } from '@pal/provider-anthropic';
import { ollama } from '@pal/provider-ollama';
import { openai } from '@pal/provider-openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type OtelHarness, otelHarness } from './otel-harness.test-support.js';
import { otelSink } from './otel-sink.js';
import { type Emulators, startEmulators } from './scenario.test-support.js';
import { semconvVersion } from './semconv.js';

let emus: Emulators;
let otel: OtelHarness;
beforeAll(async () => {
  emus = await startEmulators();
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
});
afterAll(async () => {
  context.disable();
  await emus?.close();
});
afterEach(async () => {
  await otel?.shutdown();
  for (const emu of [emus.openai, emus.anthropic, emus.ollama]) emu.reset();
});

function runtimeWith(options: { telemetry: RuntimeOptions['telemetry']; hooks?: Hooks[] }): Runtime {
  return createRuntime({
    providers: [
      openai({ apiKey: 'sk-test', baseURL: `${emus.openai.url}/v1` }),
      anthropic({ apiKey: 'sk-ant-test', baseURL: emus.anthropic.url }),
      ollama({ baseURL: emus.ollama.url }),
    ],
    ...options,
  });
}
const ask = (model: string, content = 'hello') => ({ model, messages: [{ role: 'user' as const, content }] });

describe('otelSink: trace context', () => {
  it('makes the call’s span a child of the active span and sends its traceparent to each vendor', async () => {
    otel = otelHarness();
    const runtime = runtimeWith({ telemetry: otelSink({ tracer: otel.tracer, meter: otel.meter }) });
    const incoming = otel.tracer.startSpan('GET /chat', { kind: SpanKind.SERVER });
    await context.with(trace.setSpan(context.active(), incoming), async () => {
      for (const [model, emu] of [
        ['openai/gpt-4o-mini', emus.openai],
        ['anthropic/claude-haiku-4-5', emus.anthropic],
        ['ollama/llama3.2', emus.ollama],
      ] as const) {
        const result = await runtime.chat(ask(model));
        const span = otel.spans().find((s) => s.attributes['pal.request_id'] === result.requestId)!;
        expect(span.parentSpanContext?.spanId).toBe(incoming.spanContext().spanId);
        expect(result.traceId).toBe(incoming.spanContext().traceId);
        expect(result.traceparent).toBe(`00-${result.traceId}-${span.spanContext().spanId}-01`);
        expect(emu.lastRequest()?.headers.traceparent).toBe(result.traceparent);
        expect(span.attributes['server.port']).toBe(emu.port);
      }
      const streamed = await runtime.stream(ask('openai/gpt-4o-mini')).result();
      expect(emus.openai.lastRequest()?.headers.traceparent).toBe(streamed.traceparent);
      expect(streamed.traceId).toBe(incoming.spanContext().traceId);
    });
    incoming.end();
  });

  it('traces nothing with the no-op API (no SDK registered): no traceparent upstream, no traceId on results', async () => {
    const runtime = runtimeWith({ telemetry: otelSink() });
    const result = await runtime.chat(ask('openai/gpt-4o-mini'));
    expect(result).not.toHaveProperty('traceId');
    expect(emus.openai.lastRequest()?.headers).not.toHaveProperty('traceparent');
  });
});

describe('otelSink: message content', () => {
  const maskEmails: Hooks = {
    beforeRequest: (request) => ({
      ...request,
      messages: request.messages.map((m) =>
        typeof m.content === 'string' ? { ...m, content: m.content.replaceAll(/\S+@\S+/g, '[email]') } : m,
      ) as typeof request.messages,
    }),
  };
  const prompt = 'mail ada@example.com, key sk-proj-abcdefghijklmnopqrstuvwx';
  const messages = [
    { role: 'system' as const, content: 'Be brief.' },
    { role: 'user' as const, content: prompt },
  ];

  it('is recorded only with captureContent, as the hooks before it left it (masked)', async () => {
    otel = otelHarness();
    const quiet = otelSink({ tracer: otel.tracer, meter: otel.meter });
    expect(quiet.hooks).toEqual({});
    await runtimeWith({ telemetry: quiet, hooks: [maskEmails, quiet.hooks] }).chat({
      model: 'openai/gpt-4o-mini',
      messages,
    });
    const [plain] = otel.spans().filter((s) => s.kind === SpanKind.CLIENT);
    expect(
      Object.keys(plain!.attributes).filter((k) => k.includes('messages') || k.includes('instructions')),
    ).toEqual([]);

    const capturing = otelSink({ tracer: otel.tracer, meter: otel.meter, captureContent: true });
    const runtime = runtimeWith({ telemetry: capturing, hooks: [maskEmails, capturing.hooks] });
    const result = await runtime.chat({ model: 'openai/gpt-4o-mini', messages });
    const span = otel.spans().find((s) => s.attributes['pal.request_id'] === result.requestId)!;
    const input = JSON.parse(String(span.attributes['gen_ai.input.messages']));
    expect(input).toEqual([
      { role: 'user', parts: [{ type: 'text', content: 'mail [email] key sk-...uvwx' }] },
    ]);
    expect(JSON.stringify(span.attributes)).not.toContain('ada@example.com');
    expect(JSON.stringify(span.attributes)).not.toContain('abcdefghijklmnopqrstuvwx');
    expect(JSON.parse(String(span.attributes['gen_ai.system_instructions']))).toEqual([
      { type: 'text', content: 'Be brief.' },
    ]);
    const output = JSON.parse(String(span.attributes['gen_ai.output.messages']));
    // the emulator echoed the key the masking hook let through: the span still holds only its masked form
    expect(result.text).toContain('abcdefghijklmnopqrstuvwx');
    expect(output).toEqual([
      {
        role: 'assistant',
        parts: [{ type: 'text', content: 'Echo: mail [email] key sk-...uvwx' }],
        finish_reason: 'stop',
      },
    ]);
  });

  it('records streamed answers and tool calls with their arguments', async () => {
    otel = otelHarness();
    const sink = otelSink({
      tracer: otel.tracer,
      meter: otel.meter,
      captureContent: true,
      semconv: 'latest',
    });
    const runtime = runtimeWith({ telemetry: sink, hooks: [sink.hooks] });
    const tools = [
      {
        name: 'get_weather',
        parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      },
    ];
    for (const model of ['openai/gpt-4o-mini', 'anthropic/claude-haiku-4-5']) {
      const result = await runtime.stream({ ...ask(model, 'use get_weather for Paris'), tools }).result();
      const span = otel.spans().find((s) => s.attributes['pal.request_id'] === result.requestId)!;
      const [message] = JSON.parse(String(span.attributes['gen_ai.output.messages']));
      expect(message.role, model).toBe('assistant');
      expect(message.parts, model).toContainEqual({
        type: 'tool_call',
        id: result.toolCalls[0]!.id,
        name: 'get_weather',
        arguments: result.toolCalls[0]!.arguments,
      });
      // the latest conventions keep the finish reason on the span only
      expect(message.finish_reason, model).toBeUndefined();
      expect(span.attributes['gen_ai.response.finish_reasons'], model).toEqual(['tool-calls']);
    }
    const streamed = await runtime.stream(ask('ollama/llama3.2', 'count to three')).result();
    const span = otel.spans().find((s) => s.attributes['pal.request_id'] === streamed.requestId)!;
    expect(JSON.parse(String(span.attributes['gen_ai.output.messages']))[0].parts).toEqual([
      { type: 'text', content: streamed.text },
    ]);
  });
});

describe('otelSink: options and bounds', () => {
  it('refuses bad options with CONFIG_ERROR naming the field', () => {
    expect(() => otelSink({ semconv: 'v2' as never })).toThrow(
      expect.objectContaining({ code: 'CONFIG_ERROR', message: expect.stringContaining('semconv') }),
    );
    expect(() => otelSink({ tracer: {} as never })).toThrow(/OpenTelemetry Tracer/);
    expect(() => otelSink({ captureContnet: true } as never)).toThrow(/captureContent/);
  });

  it('ends the oldest span past maxOpenCalls (a call never ended), and endOpenSpans ends the rest', async () => {
    otel = otelHarness();
    const sink = otelSink({ tracer: otel.tracer, meter: otel.meter, maxOpenCalls: 2 });
    const runtime = runtimeWith({ telemetry: sink });
    // continued calls nobody ends: their spans stay open
    for (let i = 0; i < 3; i++) await runtime.chat(ask('openai/gpt-4o-mini'), { call: createCall('chat') });
    const ended = () => otel.spans().filter((s) => s.kind === SpanKind.CLIENT);
    expect(ended()).toHaveLength(1);
    expect(ended()[0]!.attributes['pal.incomplete']).toBe(true);
    sink.endOpenSpans();
    expect(ended()).toHaveLength(3);
  });

  it('provider names: the registry’s values, an override, ollama as itself', async () => {
    otel = otelHarness();
    const sink = otelSink({
      tracer: otel.tracer,
      meter: otel.meter,
      providerNames: { openai: 'azure.ai.openai' },
    });
    const runtime = runtimeWith({ telemetry: sink });
    await runtime.chat(ask('openai/gpt-4o-mini'));
    await runtime.chat(ask('ollama/llama3.2'));
    const names = otel
      .spans()
      .filter((s) => s.kind === SpanKind.CLIENT)
      .map((s) => s.attributes['gen_ai.provider.name']);
    expect(names).toEqual(['azure.ai.openai', 'ollama']);
  });
});

describe('semconvVersion', () => {
  it('reads gen_ai_latest_experimental from the comma-separated opt-in list; the option wins', () => {
    expect(semconvVersion(undefined, undefined)).toBe('v1.41');
    expect(semconvVersion(undefined, 'http')).toBe('v1.41');
    expect(semconvVersion(undefined, 'http , gen_ai_latest_experimental')).toBe('latest');
    expect(semconvVersion('v1.41', 'gen_ai_latest_experimental')).toBe('v1.41');
    expect(semconvVersion('latest', '')).toBe('latest');
  });
});
