import { createScriptedAdapter, type ScriptStep } from '@pal/testkit/scripted';
import { describe, expect, it } from 'vitest';
import { PalError } from '../errors/pal-error.js';
import type { TelemetryEvent } from '../telemetry/telemetry-sink.js';
import { createCall, endCall } from './call-state.js';
import { createRuntime } from './runtime.js';

// `call-end`: one event per logical call, after every target, retry and fallback

const usage = { inputTokens: 10, outputTokens: 5, totalTokens: 15 };
const ask = (model = 'acme/m1') => ({ model, messages: [{ role: 'user' as const, content: 'hi' }] });
const answer = (id = 'resp-1'): ScriptStep => ({
  type: 'result',
  result: { id, model: 'm1-2026', content: [{ type: 'text', text: 'ok' }], finishReason: 'length', usage },
});
const fails = (code: 'NETWORK_ERROR' | 'PROVIDER_AUTH_ERROR'): ScriptStep => ({
  type: 'error',
  error: new PalError({ code }),
});

function runtimeWith(script: ScriptStep[], other: ScriptStep[] = []) {
  const events: TelemetryEvent[] = [];
  const pricing = { inputPerMTok: 1, outputPerMTok: 2 };
  const runtime = createRuntime({
    providers: [
      createScriptedAdapter({ id: 'acme', models: [{ id: 'm1', pricing }], script }),
      createScriptedAdapter({ id: 'beta', models: [{ id: 'm2', pricing }], script: other }),
    ],
    telemetry: { emit: (event) => events.push(event) },
    policies: { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 } },
  });
  const ends = () =>
    events.filter((e): e is Extract<TelemetryEvent, { type: 'call-end' }> => e.type === 'call-end');
  return { runtime, events, ends };
}

describe('call-end', () => {
  it('follows the usage event of a chat call, with its attempts (retries included), usage, cost and latency', async () => {
    const { runtime, events, ends } = runtimeWith([fails('NETWORK_ERROR'), answer()]);
    const result = await runtime.chat({ ...ask(), metadata: { runId: 'r1' } });
    expect(events.at(-1)?.type).toBe('call-end');
    expect(events.at(-2)?.type).toBe('usage');
    expect(ends()).toEqual([
      expect.objectContaining({
        requestId: result.requestId,
        provider: 'acme',
        model: 'm1',
        operation: 'chat',
        outcome: 'success',
        attempts: 2,
        usage,
        cost: result.cost,
        metadata: { runId: 'r1' },
      }),
    ]);
    expect(ends()[0]!.latencyMs).toBeGreaterThanOrEqual(0);
    expect(ends()[0]).not.toHaveProperty('error');
  });

  it('carries the error of a call that failed', async () => {
    const { runtime, ends } = runtimeWith([fails('PROVIDER_AUTH_ERROR')]);
    await runtime.chat(ask()).catch(() => undefined);
    expect(ends()).toEqual([
      expect.objectContaining({
        outcome: 'error',
        attempts: 1,
        error: expect.objectContaining({ code: 'PROVIDER_AUTH_ERROR' }),
      }),
    ]);
    expect(ends()[0]).not.toHaveProperty('usage');
  });

  it('ends a stream once, after its usage, and the usage event names the response', async () => {
    const { runtime, events, ends } = runtimeWith([
      {
        type: 'stream',
        events: [
          { type: 'start', provider: 'acme', model: 'm1-2026', id: 'stream-1' },
          { type: 'text-delta', text: 'x' },
          { type: 'finish', finishReason: 'stop', usage },
        ],
      },
    ]);
    await runtime.stream(ask()).result();
    expect(events.filter((e) => e.type === 'usage')).toEqual([
      expect.objectContaining({ response: { id: 'stream-1', model: 'm1-2026', finishReasons: ['stop'] } }),
    ]);
    expect(ends()).toEqual([expect.objectContaining({ operation: 'stream', outcome: 'success', usage })]);
  });

  it('a chat usage event names the response id, model and finish reason', async () => {
    const { runtime, events } = runtimeWith([answer('resp-9')]);
    await runtime.chat(ask());
    expect(events.find((e) => e.type === 'usage')).toMatchObject({
      response: { id: 'resp-9', model: 'm1-2026', finishReasons: ['length'] },
    });
  });

  it('is not emitted for a call continued from createCall() until its owner ends it, once', async () => {
    const { runtime, ends } = runtimeWith([fails('PROVIDER_AUTH_ERROR')], [answer('b-1')]);
    const call = createCall('chat');
    await runtime.chat(ask('acme/m1'), { call }).catch(() => undefined);
    const result = await runtime.chat(ask('beta/m2'), { call });
    expect(ends()).toEqual([]);
    endCall(call);
    endCall(call, { error: new PalError({ code: 'ABORTED' }) });
    expect(ends()).toEqual([
      expect.objectContaining({
        requestId: result.requestId,
        provider: 'beta',
        model: 'm2',
        outcome: 'success',
        attempts: 2,
        usage,
      }),
    ]);
  });

  it('an owner ending its call with an error (and its own attempt count) reports that', async () => {
    const { runtime, ends } = runtimeWith([fails('PROVIDER_AUTH_ERROR')]);
    const call = createCall('chat');
    await runtime.chat(ask(), { call }).catch(() => undefined);
    endCall(call, {
      error: new PalError({ code: 'PROVIDER_AUTH_ERROR', message: 'no target left' }),
      attempts: 3,
    });
    expect(ends()).toEqual([
      expect.objectContaining({
        outcome: 'error',
        attempts: 3,
        error: expect.objectContaining({ message: 'no target left' }),
      }),
    ]);
  });

  it('reports the call that answered instead (a hedge sharing the request id)', async () => {
    const { runtime, ends } = runtimeWith([fails('PROVIDER_AUTH_ERROR')], [answer('b-1')]);
    const call = createCall('chat');
    const hedge = createCall('chat', call.requestId);
    await runtime.chat(ask('acme/m1'), { call }).catch(() => undefined);
    await runtime.chat(ask('beta/m2'), { call: hedge });
    endCall(call, { attempts: 2, answeredBy: hedge });
    expect(ends()).toEqual([
      expect.objectContaining({
        requestId: call.requestId,
        provider: 'beta',
        outcome: 'success',
        attempts: 2,
        usage,
      }),
    ]);
  });

  it('an embedding usage event names the model that answered', async () => {
    const events: TelemetryEvent[] = [];
    const runtime = createRuntime({
      providers: [
        createScriptedAdapter({
          id: 'acme',
          models: [
            {
              id: 'e1',
              kind: 'embedding',
              capabilities: { streaming: false, tools: false, vision: false, json: false, embeddings: true },
            },
          ],
          script: [{ type: 'embed', result: { model: 'e1-v2', embeddings: [[0.1, 0.2]], usage } }],
        }),
      ],
      telemetry: { emit: (event) => void events.push(event) },
    });
    await runtime.embed({ model: 'acme/e1', input: 'hi' });
    expect(events.find((e) => e.type === 'usage')).toMatchObject({ response: { model: 'e1-v2' } });
  });

  it('is not emitted for a call that never reached a runtime with telemetry', async () => {
    const runtime = createRuntime({
      providers: [createScriptedAdapter({ id: 'acme', models: [{ id: 'm1' }], script: [answer()] })],
    });
    const call = createCall('chat');
    await runtime.chat(ask(), { call });
    expect(() => endCall(call)).not.toThrow();
    expect(() => endCall(createCall())).not.toThrow();
  });
});
