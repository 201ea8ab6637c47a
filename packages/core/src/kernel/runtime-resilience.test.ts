import { describe, expect, it } from 'vitest';
import type { ChatResult } from '../contracts/chat-result.js';
import type { StreamEvent } from '../contracts/stream-event.js';
import type { ErrorCode } from '../errors/error-code.js';
import { PalError } from '../errors/pal-error.js';
import type { TelemetryEvent } from '../telemetry/telemetry-sink.js';
import { createRuntime } from './runtime.js';
import { createScriptedAdapter, type ScriptStep } from '@pal/testkit/scripted';

const ask = { model: 'acme/m1', messages: [{ role: 'user' as const, content: 'hello' }] };
const fail = (code: ErrorCode, extra: { retryAfterMs?: number } = {}): ScriptStep => ({
  type: 'error',
  error: new PalError({ code, message: `scripted ${code}`, ...extra }),
});
const ok = (text = 'ok'): ScriptStep => ({
  type: 'result',
  text,
  result: { usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15 } },
});
/** Retry without back-off and without the retry budget, so tests stay fast and deterministic. */
const quickRetry = { retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2, budget: false as const } };

function acme(script: ScriptStep[] | ((call: { index: number }) => ScriptStep)) {
  return createScriptedAdapter({
    id: 'acme',
    models: [{ id: 'm1', pricing: { inputPerMTok: 10, outputPerMTok: 30 } }],
    script,
  });
}

describe('runtime: retries', () => {
  it('waits at least the retry-after (1.2 s) before the next attempt', async () => {
    const adapter = acme([fail('PROVIDER_RATE_LIMIT_ERROR', { retryAfterMs: 1200 }), ok('second time')]);
    const runtime = createRuntime({ providers: [adapter], policies: { retry: { budget: false } } });
    const started = Date.now();
    const result = await runtime.chat(ask);
    expect(result.text).toBe('second time');
    expect(adapter.calls).toHaveLength(2);
    const [first, second] = adapter.calls;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(1200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1200);
    expect(result.attempts.map((a) => [a.attempt, a.provider, a.model, a.error?.code])).toEqual([
      [1, 'acme', 'm1', 'PROVIDER_RATE_LIMIT_ERROR'],
      [2, 'acme', 'm1', undefined],
    ]);
  });

  it('never sends a request more often than the policy allows, per runtime and per call', async () => {
    const adapter = acme(() => fail('OVERLOADED'));
    const runtime = createRuntime({
      providers: [adapter],
      policies: { ...quickRetry, circuitBreaker: false },
    });
    await expect(runtime.chat(ask)).rejects.toMatchObject({ code: 'OVERLOADED', provider: 'acme' });
    expect(adapter.calls).toHaveLength(3);
    await expect(runtime.chat(ask, { retry: { maxAttempts: 2 } })).rejects.toMatchObject({
      code: 'OVERLOADED',
    });
    expect(adapter.calls).toHaveLength(5);
    await expect(runtime.chat(ask, { retry: false })).rejects.toMatchObject({ code: 'OVERLOADED' });
    expect(adapter.calls).toHaveLength(6);
    expect(new Set(adapter.calls.map((c) => c.attempt))).toEqual(new Set([1, 2, 3]));
  });

  it.each<ErrorCode>([
    'PROVIDER_AUTH_ERROR',
    'INVALID_REQUEST',
    'CONTEXT_LENGTH_EXCEEDED',
    'CONTENT_FILTERED',
    'QUOTA_EXCEEDED',
  ])('tries a %s once', async (code) => {
    const adapter = acme(() => fail(code));
    const runtime = createRuntime({ providers: [adapter], policies: quickRetry });
    const error = await runtime.chat(ask).catch((e: PalError) => e);
    expect(error).toMatchObject({ code, provider: 'acme', model: 'm1' });
    expect(adapter.calls).toHaveLength(1);
  });

  it('retries a stream that failed before its first event, then serves it', async () => {
    const adapter = acme([
      fail('NETWORK_ERROR'),
      {
        type: 'stream',
        events: [
          { type: 'text-delta', text: 'hi' },
          { type: 'finish', finishReason: 'stop' },
        ],
      },
    ]);
    const runtime = createRuntime({ providers: [adapter], policies: quickRetry });
    const stream = runtime.stream(ask);
    expect(await stream.text()).toBe('hi');
    expect(adapter.calls).toHaveLength(2);
    expect((await stream.result()).attempts.map((a) => a.error?.code)).toEqual(['NETWORK_ERROR', undefined]);
  });

  it('does not retry a stream that has emitted an event: it ends with an error event', async () => {
    const adapter = acme(() => ({
      type: 'stream',
      events: [
        { type: 'start', provider: 'acme', model: 'm1' },
        { type: 'text-delta', text: 'par' },
      ],
      failAfter: 2,
      error: new PalError({ code: 'OVERLOADED', message: 'overloaded mid-stream' }),
    }));
    const errors: PalError[] = [];
    const runtime = createRuntime({ providers: [adapter], policies: quickRetry });
    const stream = runtime.stream(ask, { onError: (error) => errors.push(error) });
    const events: StreamEvent[] = [];
    for await (const event of stream) events.push(event);
    expect(events.map((e) => e.type)).toEqual(['start', 'text-delta', 'error']);
    const last = events.at(-1);
    expect(last?.type === 'error' && last.error.code).toBe('OVERLOADED');
    expect(adapter.calls).toHaveLength(1);
    await expect(stream.result()).rejects.toMatchObject({ code: 'OVERLOADED', provider: 'acme' });
    await expect(stream.text()).rejects.toMatchObject({ code: 'OVERLOADED' });
    expect(errors.map((e) => e.code)).toEqual(['OVERLOADED']);
  });
});

describe('runtime: circuit breaker', () => {
  it('rejects without calling the adapter while open, and half-opens after its cool-down', async () => {
    let healthy = false;
    const adapter = acme(() => (healthy ? ok('back') : fail('PROVIDER_API_ERROR')));
    const events: TelemetryEvent[] = [];
    const runtime = createRuntime({
      providers: [adapter],
      policies: { retry: false, circuitBreaker: { failureThreshold: 2, cooldownMs: 150 } },
      telemetry: { emit: (event) => events.push(event) },
    });
    await expect(runtime.chat(ask)).rejects.toMatchObject({ code: 'PROVIDER_API_ERROR' });
    await expect(runtime.chat(ask)).rejects.toMatchObject({ code: 'PROVIDER_API_ERROR' });
    const rejected = await runtime.chat(ask).catch((e: PalError) => e);
    expect(rejected).toMatchObject({ code: 'CIRCUIT_OPEN', provider: 'acme' });
    expect(adapter.calls).toHaveLength(2);

    healthy = true;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await runtime.chat(ask)).text).toBe('back');
    expect(adapter.calls).toHaveLength(3);
    const transitions = events.flatMap((e) => (e.type === 'circuit' ? [`${e.previous}->${e.state}`] : []));
    expect(transitions).toEqual(['closed->open', 'open->half-open', 'half-open->closed']);
  });
});

describe('runtime: budget', () => {
  it('never settles more than a $1.00 hard daily budget across 1,000 concurrent calls', async () => {
    // each call: ~10 input + 1000 output tokens at $10 / $30 per MTok, about $0.03: at most 33 fit
    const adapter = acme((call) => ({
      type: 'result',
      text: 'x',
      delayMs: call.index % 7,
      result: { usage: { inputTokens: 10, outputTokens: 1000, totalTokens: 1010 } },
    }));
    const runtime = createRuntime({
      providers: [adapter],
      policies: { retry: false, budget: { global: { dailyUsd: 1 } } },
    });
    const settled = await Promise.allSettled(
      Array.from({ length: 1000 }, () => runtime.chat({ ...ask, maxOutputTokens: 1000 })),
    );
    const succeeded = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value as ChatResult] : []));
    const spent = succeeded.reduce((sum, result) => sum + result.cost.totalUsd, 0);
    // the budget is used, not just refused: about 33 calls of ~$0.03 fit
    expect(succeeded.length).toBeGreaterThanOrEqual(30);
    expect(spent).toBeLessThanOrEqual(1);
    const refused = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as PalError] : []));
    expect(refused.length).toBe(1000 - succeeded.length);
    expect(new Set(refused.map((e) => e.code))).toEqual(new Set(['BUDGET_EXCEEDED']));
    // a refused call is never sent
    expect(adapter.calls).toHaveLength(succeeded.length);
  });
});
