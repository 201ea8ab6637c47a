import { describe, expect, it } from 'vitest';
import type { CallContext } from '../contracts/adapter.js';
import type { TelemetryEvent } from '../telemetry/telemetry-sink.js';
import { createRuntime } from './runtime.js';
import { createScriptedAdapter } from '@pal/testkit/scripted';
import { isSilentSink, SILENT_SINK } from './silent-sink.js';

const ask = { model: 'acme/m1', messages: [{ role: 'user' as const, content: 'hi' }] };

function adapterSeeingContexts(contexts: CallContext[]) {
  const adapter = createScriptedAdapter({
    id: 'acme',
    models: [{ id: 'm1' }],
    script: () => ({ type: 'result', text: 'ok' }),
  });
  const chat = adapter.chat.bind(adapter);
  adapter.chat = (request, ctx) => {
    contexts.push(ctx);
    return chat(request, ctx);
  };
  return adapter;
}

describe('silent sink', () => {
  it('is silent, as is no sink at all; any other sink is not', () => {
    expect(isSilentSink(SILENT_SINK)).toBe(true);
    expect(isSilentSink(undefined)).toBe(true);
    expect(isSilentSink({ emit: () => {} })).toBe(false);
    expect(() => SILENT_SINK.emit({ type: 'attempt', time: 0, requestId: 'r', attempt: 1 })).not.toThrow();
  });

  it('is what a runtime without telemetry (or with only undefined sinks) hands its adapters', async () => {
    for (const telemetry of [undefined, [], [undefined as never]]) {
      const contexts: CallContext[] = [];
      const runtime = createRuntime({ providers: [adapterSeeingContexts(contexts)], telemetry });
      expect((await runtime.chat(ask)).text).toBe('ok');
      expect(contexts[0]?.telemetry).toBe(SILENT_SINK);
    }
  });

  it('is not used once a sink is configured: the adapter gets a sink that forwards', async () => {
    const contexts: CallContext[] = [];
    const events: TelemetryEvent[] = [];
    const runtime = createRuntime({
      providers: [adapterSeeingContexts(contexts)],
      telemetry: { emit: (event) => events.push(event) },
    });
    await runtime.chat(ask);
    const sink = contexts[0]?.telemetry;
    expect(isSilentSink(sink)).toBe(false);
    expect(events.map((event) => event.type)).toEqual([
      'request',
      'attempt',
      'attempt-end',
      'usage',
      'call-end',
    ]);
  });
});
