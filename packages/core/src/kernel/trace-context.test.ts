import { createScriptedAdapter, type ScriptedAdapter } from '@pal/testkit/scripted';
import { describe, expect, it } from 'vitest';
import type { TelemetryEvent, TelemetrySink } from '../telemetry/telemetry-sink.js';
import { createRuntime } from './runtime.js';

// the trace context: a tracing sink's, or the caller's traceparent, on results and upstream headers

const usage = { inputTokens: 1, outputTokens: 1, totalTokens: 2 };
const ask = { model: 'acme/m1', messages: [{ role: 'user' as const, content: 'hi' }] };
const SPAN = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const CALLER = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

function acme(baseURL?: string): ScriptedAdapter {
  const adapter = createScriptedAdapter({
    id: 'acme',
    models: [{ id: 'm1' }],
    script: (call) =>
      call.operation === 'stream'
        ? {
            type: 'stream',
            events: [
              { type: 'text-delta', text: 'x' },
              { type: 'finish', finishReason: 'stop', usage },
            ],
          }
        : { type: 'result', text: 'ok' },
  });
  return baseURL === undefined ? adapter : { ...adapter, baseURL };
}

function tracing(events: TelemetryEvent[] = []): TelemetrySink {
  return {
    emit: (event) => void events.push(event),
    traceContext: () => ({ traceId: SPAN.slice(3, 35), traceparent: SPAN, tracestate: 'pal=1' }),
  };
}

describe('trace context', () => {
  it("a tracing sink's context goes upstream as traceparent / tracestate and onto chat and stream results", async () => {
    const adapter = acme();
    const runtime = createRuntime({ providers: [adapter], telemetry: [{ emit() {} }, tracing()] });
    const result = await runtime.chat(ask);
    expect(result).toMatchObject({ traceId: '0af7651916cd43dd8448eb211c80319c', traceparent: SPAN });
    expect(adapter.calls[0]!.headers).toMatchObject({ traceparent: SPAN, tracestate: 'pal=1' });
    const streamed = await runtime.stream(ask).result();
    expect(streamed).toMatchObject({ traceId: '0af7651916cd43dd8448eb211c80319c', traceparent: SPAN });
    expect(adapter.calls[1]!.headers.traceparent).toBe(SPAN);
  });

  it('call-end carries the trace id', async () => {
    const events: TelemetryEvent[] = [];
    const runtime = createRuntime({ providers: [acme()], telemetry: tracing(events) });
    await runtime.chat(ask);
    expect(events.find((e) => e.type === 'call-end')).toMatchObject({
      traceId: '0af7651916cd43dd8448eb211c80319c',
    });
  });

  it('leaves a traceparent header the caller set alone', async () => {
    const adapter = acme();
    const runtime = createRuntime({ providers: [adapter], telemetry: tracing() });
    await runtime.chat(ask, { headers: { TraceParent: CALLER } });
    expect(adapter.calls[0]!.headers).toEqual({ TraceParent: CALLER });
  });

  it("without a tracing sink, the caller's traceparent option goes upstream as given and onto the result", async () => {
    const adapter = acme();
    const runtime = createRuntime({ providers: [adapter] });
    const result = await runtime.chat(ask, { traceparent: CALLER });
    expect(adapter.calls[0]!.headers.traceparent).toBe(CALLER);
    expect(result).toMatchObject({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', traceparent: CALLER });
    await runtime
      .chat(ask, { traceparent: 'not a traceparent' })
      .then((r) => expect(r).not.toHaveProperty('traceId'));
  });

  it("with a tracing sink, the request event carries the caller's traceparent (the span's parent) and the span's goes upstream", async () => {
    const adapter = acme();
    const events: TelemetryEvent[] = [];
    const runtime = createRuntime({ providers: [adapter], telemetry: tracing(events) });
    await runtime.chat(ask, { traceparent: CALLER });
    expect(events[0]).toMatchObject({ type: 'request', traceparent: CALLER });
    expect(adapter.calls[0]!.headers.traceparent).toBe(SPAN);
  });

  it('untraced calls carry no trace fields and send no traceparent', async () => {
    const adapter = acme();
    const runtime = createRuntime({ providers: [adapter], telemetry: { emit() {} } });
    const result = await runtime.chat(ask);
    expect(result).not.toHaveProperty('traceId');
    expect(adapter.calls[0]!.headers).toEqual({});
  });

  it("the request event names the adapter's server (its baseURL's host and port)", async () => {
    const cases: Array<[string | undefined, unknown]> = [
      ['https://api.acme.test/v1', { address: 'api.acme.test', port: 443 }],
      ['http://127.0.0.1:11434', { address: '127.0.0.1', port: 11434 }],
      ['http://localhost/', { address: 'localhost', port: 80 }],
      ['not a url', undefined],
      [undefined, undefined],
    ];
    for (const [baseURL, server] of cases) {
      const events: TelemetryEvent[] = [];
      const runtime = createRuntime({
        providers: [acme(baseURL)],
        telemetry: { emit: (e) => void events.push(e) },
      });
      await runtime.chat(ask);
      const request = events.find((e) => e.type === 'request') as Extract<
        TelemetryEvent,
        { type: 'request' }
      >;
      expect(request.server).toEqual(server);
    }
  });
});
