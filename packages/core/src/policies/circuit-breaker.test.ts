import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../errors/error-code.js';
import { circuitBreaker } from './circuit-breaker.js';
import {
  callContext,
  chatRequest,
  collect,
  deferred,
  eventsOf,
  eventsOfType,
  fakeClock,
  fakeNext,
  palError,
  runChat,
  runStream,
  streamEventsFor,
  textResult,
} from './fake-next.test-support.js';
import { localPolicyError } from './local-policy-error.js';

/** A next whose chat fails with `code` while `failing.on` is true. */
function switchableNext(code: ErrorCode = 'OVERLOADED') {
  const failing = { on: true };
  const next = fakeNext({
    chat: () => (failing.on ? Promise.reject(palError(code)) : Promise.resolve(textResult('ok'))),
  });
  return { next, failing };
}

async function failTimes(
  breaker: ReturnType<typeof circuitBreaker>,
  next: ReturnType<typeof fakeNext>,
  n: number,
) {
  for (let i = 0; i < n; i++) await runChat(breaker, chatRequest(), callContext(), next).catch(() => {});
}

describe('circuitBreaker', () => {
  it('stays closed below the failure threshold, and a success resets the count', async () => {
    const breaker = circuitBreaker({ failureThreshold: 3 });
    const { next, failing } = switchableNext();
    await failTimes(breaker, next, 2);
    failing.on = false;
    await runChat(breaker, chatRequest(), callContext(), next);
    failing.on = true;
    await failTimes(breaker, next, 2);
    expect(await breaker.stateOf('acme')).toBe('closed');
    expect(next.calls.chat).toBe(5);
  });

  it('opens after consecutive failures and then rejects without calling the provider', async () => {
    const clock = fakeClock();
    const breaker = circuitBreaker({ failureThreshold: 3, cooldownMs: 10_000, now: clock.now });
    const { next } = switchableNext();
    const ctx = callContext();
    for (let i = 0; i < 3; i++) await runChat(breaker, chatRequest(), ctx, next).catch(() => {});
    expect(await breaker.stateOf('acme')).toBe('open');
    expect(eventsOfType(ctx, 'circuit')).toEqual([
      expect.objectContaining({ state: 'open', previous: 'closed', provider: 'acme', model: 'm1' }),
    ]);

    clock.advance(4000);
    const error = await runChat(breaker, chatRequest(), callContext(), next).catch((e) => e);
    expect(error).toMatchObject({
      code: 'CIRCUIT_OPEN',
      retryable: false,
      retryAfterMs: 6000,
      provider: 'acme',
    });
    expect(next.calls.chat).toBe(3);
  });

  it('half-opens after the cool-down, lets one probe through at a time, and closes on success', async () => {
    const clock = fakeClock();
    const breaker = circuitBreaker({ failureThreshold: 2, cooldownMs: 1000, now: clock.now });
    const gate = deferred();
    let failing = true;
    const next = fakeNext({
      chat: async () => {
        if (failing) throw palError('NETWORK_ERROR');
        await gate.promise;
        return textResult('ok');
      },
    });
    await failTimes(breaker, next, 2);
    clock.advance(1000);
    expect(await breaker.stateOf('acme')).toBe('half-open');

    failing = false;
    const ctx = callContext();
    const probe = runChat(breaker, chatRequest(), ctx, next);
    await expect(runChat(breaker, chatRequest(), callContext(), next)).rejects.toMatchObject({
      code: 'CIRCUIT_OPEN',
    });
    expect(next.calls.chat).toBe(3);
    gate.resolve();
    await probe;
    expect(await breaker.stateOf('acme')).toBe('closed');
    expect(eventsOfType(ctx, 'circuit').map((e) => [e.previous, e.state])).toEqual([
      ['open', 'half-open'],
      ['half-open', 'closed'],
    ]);
    await runChat(breaker, chatRequest(), callContext(), next);
    expect(next.calls.chat).toBe(4);
  });

  it('opens again with a fresh cool-down when the probe fails', async () => {
    const clock = fakeClock();
    const breaker = circuitBreaker({ failureThreshold: 1, cooldownMs: 1000, now: clock.now });
    const { next } = switchableNext();
    await failTimes(breaker, next, 1);
    clock.advance(1500);
    await expect(runChat(breaker, chatRequest(), callContext(), next)).rejects.toMatchObject({
      code: 'OVERLOADED',
    });
    expect(await breaker.stateOf('acme')).toBe('open');
    await expect(runChat(breaker, chatRequest(), callContext(), next)).rejects.toMatchObject({
      code: 'CIRCUIT_OPEN',
      retryAfterMs: 1000,
    });
    expect(next.calls.chat).toBe(2);
  });

  it('needs successThreshold successful probes to close', async () => {
    const clock = fakeClock();
    const breaker = circuitBreaker({
      failureThreshold: 1,
      successThreshold: 2,
      cooldownMs: 100,
      now: clock.now,
    });
    const { next, failing } = switchableNext();
    await failTimes(breaker, next, 1);
    clock.advance(100);
    failing.on = false;
    await runChat(breaker, chatRequest(), callContext(), next);
    expect(await breaker.stateOf('acme')).toBe('half-open');
    await runChat(breaker, chatRequest(), callContext(), next);
    expect(await breaker.stateOf('acme')).toBe('closed');
  });

  it('never counts request, auth, abort, budget or local-policy errors', async () => {
    const breaker = circuitBreaker({ failureThreshold: 1 });
    for (const code of ['INVALID_REQUEST', 'PROVIDER_AUTH_ERROR', 'ABORTED', 'BUDGET_EXCEEDED'] as const) {
      await failTimes(breaker, switchableNext(code).next, 3);
    }
    const local = localPolicyError('rateLimit', { code: 'PROVIDER_RATE_LIMIT_ERROR', provider: 'acme' });
    await failTimes(breaker, fakeNext({ chat: () => Promise.reject(local) }), 3);
    await failTimes(breaker, fakeNext({ chat: () => Promise.reject(new Error('not a PalError')) }), 3);
    expect(await breaker.stateOf('acme')).toBe('closed');
  });

  it('counts the default health codes, or the configured ones', async () => {
    for (const code of [
      'PROVIDER_API_ERROR',
      'TIMEOUT',
      'STREAM_ERROR',
      'PROVIDER_RATE_LIMIT_ERROR',
    ] as const) {
      const breaker = circuitBreaker({ failureThreshold: 1 });
      await failTimes(breaker, switchableNext(code).next, 1);
      expect(await breaker.stateOf('acme')).toBe('open');
    }
    const custom = circuitBreaker({ failureThreshold: 1, failureCodes: ['CONTENT_FILTERED'] });
    await failTimes(custom, switchableNext('OVERLOADED').next, 2);
    expect(await custom.stateOf('acme')).toBe('closed');
    await failTimes(custom, switchableNext('CONTENT_FILTERED').next, 1);
    expect(await custom.stateOf('acme')).toBe('open');
  });

  it('a neutral probe outcome leaves the circuit half-open for the next probe', async () => {
    const clock = fakeClock();
    const breaker = circuitBreaker({ failureThreshold: 1, cooldownMs: 100, now: clock.now });
    await failTimes(breaker, switchableNext().next, 1);
    clock.advance(100);
    await failTimes(breaker, switchableNext('INVALID_REQUEST').next, 1);
    expect(await breaker.stateOf('acme')).toBe('half-open');
    await runChat(breaker, chatRequest(), callContext(), fakeNext());
    expect(await breaker.stateOf('acme')).toBe('closed');
  });

  it('keeps one circuit per provider', async () => {
    const breaker = circuitBreaker({ failureThreshold: 1 });
    await failTimes(breaker, switchableNext().next, 1);
    const other = fakeNext({ providerId: 'other' });
    await runChat(breaker, chatRequest(), callContext(), other);
    expect(await breaker.stateOf('acme')).toBe('open');
    expect(await breaker.stateOf('other')).toBe('closed');
    expect(await breaker.stateOf('never-seen')).toBe('closed');
  });

  it('lets a call through an open circuit when switched off for that call', async () => {
    const breaker = circuitBreaker({ failureThreshold: 1 });
    const { next, failing } = switchableNext();
    await failTimes(breaker, next, 1);
    failing.on = false;
    await runChat(breaker, chatRequest(), callContext({ overrides: { circuitBreaker: false } }), next);
    expect(next.calls.chat).toBe(2);
    expect(await breaker.stateOf('acme')).toBe('open');
  });

  it('guards embed and generateImage', async () => {
    const breaker = circuitBreaker({ failureThreshold: 1 });
    const next = fakeNext({
      embed: () => Promise.reject(palError('OVERLOADED')),
      generateImage: () => ({ model: 'i', images: [] }),
    });
    await breaker.embed?.({ model: 'e', input: 'x' }, callContext(), next).catch(() => {});
    await expect(
      breaker.generateImage?.({ model: 'i', prompt: 'p', n: 1 }, callContext(), next),
    ).rejects.toMatchObject({
      code: 'CIRCUIT_OPEN',
    });
    expect(next.calls.generateImage).toBe(0);
  });

  it('rejects bad options with CONFIG_ERROR', () => {
    expect(() => circuitBreaker({ failureThreshold: 0 })).toThrow(/circuitBreaker.failureThreshold/);
  });
});

describe('circuitBreaker (stream)', () => {
  const events = streamEventsFor(textResult('hello'));

  it('counts a failed stream and rejects the next one without calling the provider', async () => {
    const breaker = circuitBreaker({ failureThreshold: 1 });
    const next = fakeNext({
      stream: () => eventsOf(events, { failAfter: 2, error: palError('STREAM_ERROR') }),
    });
    await expect(collect(runStream(breaker, chatRequest(), callContext(), next))).rejects.toMatchObject({
      code: 'STREAM_ERROR',
    });
    await expect(collect(runStream(breaker, chatRequest(), callContext(), next))).rejects.toMatchObject({
      code: 'CIRCUIT_OPEN',
    });
    expect(next.calls.stream).toBe(1);
  });

  it('counts a finished stream, or one the caller stopped reading, as a success', async () => {
    const clock = fakeClock();
    const breaker = circuitBreaker({ failureThreshold: 1, cooldownMs: 10, now: clock.now });
    await failTimes(breaker, switchableNext().next, 1);
    clock.advance(10);
    const next = fakeNext({ stream: () => eventsOf(events) });
    for await (const _event of runStream(breaker, chatRequest(), callContext(), next)) break;
    expect(await breaker.stateOf('acme')).toBe('closed');
    expect(await collect(runStream(breaker, chatRequest(), callContext(), next))).toEqual(events);
  });

  it('treats a stream closed before any event as neutral', async () => {
    const clock = fakeClock();
    const breaker = circuitBreaker({ failureThreshold: 1, cooldownMs: 10, now: clock.now });
    await failTimes(breaker, switchableNext().next, 1);
    clock.advance(10);
    const aborted = fakeNext({ stream: () => eventsOf([], { error: palError('ABORTED') }) });
    await expect(collect(runStream(breaker, chatRequest(), callContext(), aborted))).rejects.toThrow();
    expect(await breaker.stateOf('acme')).toBe('half-open');
  });

  it('passes streams through when switched off for the call', async () => {
    const breaker = circuitBreaker({ failureThreshold: 1 });
    await failTimes(breaker, switchableNext().next, 1);
    const next = fakeNext();
    const out = await collect(
      runStream(breaker, chatRequest(), callContext({ overrides: { circuitBreaker: false } }), next),
    );
    expect(out).toHaveLength(events.length);
  });
});
