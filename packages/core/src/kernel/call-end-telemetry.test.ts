import { createScriptedAdapter, type ScriptedModel, type ScriptStep } from '@pal/testkit/scripted';
import { describe, expect, it } from 'vitest';
import { PalError } from '../errors/pal-error.js';
import type { TelemetryEvent } from '../telemetry/telemetry-sink.js';
import { createRuntime } from './runtime.js';

// what a usage ledger needs from the events that end a call: operation, attempts, metadata,
// and, for calls that did not finish, what they used before (so the ledger agrees with the bill)

const PRICED: ScriptedModel = { id: 'm1', pricing: { inputPerMTok: 2, outputPerMTok: 8 } };
const usage = { inputTokens: 100, outputTokens: 50, totalTokens: 150 };
const ask = (metadata?: Record<string, unknown>) => ({
  model: 'acme/m1',
  messages: [{ role: 'user' as const, content: 'hello there, how are you?' }],
  ...(metadata && { metadata }),
});

function runtimeWith(script: ScriptStep[]) {
  const events: TelemetryEvent[] = [];
  const runtime = createRuntime({
    providers: [createScriptedAdapter({ id: 'acme', models: [PRICED], script })],
    telemetry: { emit: (event) => events.push(event) },
    policies: { retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 } },
  });
  const ending = () => events.filter((e) => e.type === 'usage' || e.type === 'error');
  return { runtime, ending };
}

describe('the events that end a call', () => {
  it('usage carries the operation, the attempts on the target (retries included) and the metadata', async () => {
    const { runtime, ending } = runtimeWith([
      { type: 'error', error: new PalError({ code: 'NETWORK_ERROR' }) },
      { type: 'result', result: { content: [{ type: 'text', text: 'hi' }], usage } },
    ]);
    await runtime.chat(ask({ runId: 'r1', user: 'ann' }));
    expect(ending()).toEqual([
      expect.objectContaining({
        type: 'usage',
        operation: 'chat',
        attempts: 2,
        metadata: { runId: 'r1', user: 'ann' },
        usage,
        cost: expect.objectContaining({ totalUsd: 0.0006 }),
      }),
    ]);
    expect(ending()[0]).not.toHaveProperty('cached');
  });

  it('carries the trace id of the traceparent the caller gave', async () => {
    const { runtime, ending } = runtimeWith([{ type: 'result', text: 'traced' }]);
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    await runtime.chat(ask(), { traceparent: `00-${traceId}-00f067aa0ba902b7-01` });
    expect(ending()).toEqual([expect.objectContaining({ type: 'usage', traceId })]);
  });

  it('error carries the same, and no usage for a chat call that got no answer', async () => {
    const { runtime, ending } = runtimeWith([
      { type: 'error', error: new PalError({ code: 'PROVIDER_AUTH_ERROR' }) },
    ]);
    await runtime.chat(ask({ runId: 'r2' })).catch(() => undefined);
    const [end] = ending();
    expect(end).toMatchObject({ type: 'error', operation: 'chat', attempts: 1, metadata: { runId: 'r2' } });
    expect(end).not.toHaveProperty('usage');
    expect(end).not.toHaveProperty('cost');
  });

  it('a stream the caller stops reading midway reports ABORTED with its usage so far, estimated and priced', async () => {
    const { runtime, ending } = runtimeWith([
      {
        type: 'stream',
        events: [
          { type: 'text-delta', text: 'a'.repeat(40) },
          { type: 'text-delta', text: 'b'.repeat(40) },
          { type: 'finish', finishReason: 'stop', usage },
        ],
      },
    ]);
    for await (const event of runtime.stream(ask({ runId: 'r3' }))) if (event.type === 'text-delta') break;
    const [end] = ending();
    expect(end).toMatchObject({
      type: 'error',
      operation: 'stream',
      attempts: 1,
      metadata: { runId: 'r3' },
      error: expect.objectContaining({ code: 'ABORTED' }),
      usage: { outputTokens: 10, estimated: true },
    });
    const spent = end as Extract<TelemetryEvent, { type: 'error' }>;
    expect(spent.usage!.inputTokens).toBeGreaterThan(0);
    const expected = (spent.usage!.inputTokens * 2 + 10 * 8) / 1e6;
    expect(spent.cost!.totalUsd).toBeCloseTo(expected, 12);
  });

  it('a stream that fails after the vendor reported usage carries that usage', async () => {
    const { runtime, ending } = runtimeWith([
      {
        type: 'stream',
        events: [
          { type: 'text-delta', text: 'partial' },
          { type: 'usage', usage },
        ],
        error: new PalError({ code: 'STREAM_ERROR', retryable: false }),
      },
    ]);
    await runtime
      .stream(ask())
      .result()
      .catch(() => undefined);
    expect(ending()).toEqual([
      expect.objectContaining({
        type: 'error',
        error: expect.objectContaining({ code: 'STREAM_ERROR' }),
        usage,
        cost: expect.objectContaining({ totalUsd: 0.0006 }),
      }),
    ]);
  });

  it('a stream that fails before its first event carries no usage', async () => {
    const { runtime, ending } = runtimeWith([
      { type: 'error', error: new PalError({ code: 'PROVIDER_AUTH_ERROR' }) },
    ]);
    await runtime
      .stream(ask())
      .result()
      .catch(() => undefined);
    const [end] = ending();
    expect(end).toMatchObject({ type: 'error', operation: 'stream', attempts: 1 });
    expect(end).not.toHaveProperty('usage');
  });

  it('a stream read until its finish event succeeds, even when the caller stops there', async () => {
    const { runtime, ending } = runtimeWith([
      {
        type: 'stream',
        events: [
          { type: 'text-delta', text: 'x' },
          { type: 'finish', finishReason: 'stop', usage },
        ],
      },
    ]);
    for await (const event of runtime.stream(ask())) if (event.type === 'finish') break;
    expect(ending()).toEqual([expect.objectContaining({ type: 'usage', operation: 'stream', usage })]);
  });
});
