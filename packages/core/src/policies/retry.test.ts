import { describe, expect, it } from 'vitest';
import { PalError } from '../errors/pal-error.js';
import {
  callContext,
  chatRequest,
  collect,
  eventsOf,
  eventsOfType,
  fakeClock,
  fakeNext,
  palError,
  recordingSleep,
  runChat,
  runStream,
  streamEventsFor,
  textResult,
} from './fake-next.test-support.js';
import { retry } from './retry.js';

const failing = (error: unknown) => () => Promise.reject(error);

describe('retry (chat)', () => {
  it('returns the first success without retrying', async () => {
    const next = fakeNext();
    const result = await runChat(retry({ sleep: recordingSleep() }), chatRequest(), callContext(), next);
    expect(result.content).toEqual([{ type: 'text', text: 'hello' }]);
    expect(next.calls.chat).toBe(1);
    expect(next.contexts[0]?.attempt).toBe(1);
  });

  it('never makes more than maxAttempts attempts and rethrows the last error', async () => {
    const sleep = recordingSleep();
    const next = fakeNext({
      chat: (_r, _c, n) => Promise.reject(palError('OVERLOADED', { message: `try ${n}` })),
    });
    const ctx = callContext();
    await expect(runChat(retry({ maxAttempts: 4, sleep }), chatRequest(), ctx, next)).rejects.toMatchObject({
      code: 'OVERLOADED',
      message: 'try 4',
    });
    expect(next.calls.chat).toBe(4);
    expect(next.contexts.map((c) => c.attempt)).toEqual([1, 2, 3, 4]);
    expect(sleep.delays).toHaveLength(3);
    const retries = eventsOfType(ctx, 'retry');
    expect(retries.map((e) => e.attempt)).toEqual([1, 2, 3]);
    expect(retries[0]).toMatchObject({ provider: 'acme', model: 'm1', requestId: 'req-1' });
    expect(retries[0]?.error.code).toBe('OVERLOADED');
  });

  it('succeeds on a later attempt', async () => {
    const next = fakeNext({
      chat: (_r, _c, n) =>
        n < 3 ? Promise.reject(palError('NETWORK_ERROR')) : Promise.resolve(textResult('ok')),
    });
    const result = await runChat(retry({ sleep: recordingSleep() }), chatRequest(), callContext(), next);
    expect(result.content).toEqual([{ type: 'text', text: 'ok' }]);
    expect(next.calls.chat).toBe(3);
  });

  it('tries non-retryable codes and foreign errors once', async () => {
    for (const error of [palError('INVALID_REQUEST'), palError('PROVIDER_AUTH_ERROR'), new Error('boom')]) {
      const next = fakeNext({ chat: failing(error) });
      await expect(
        runChat(retry({ sleep: recordingSleep() }), chatRequest(), callContext(), next),
      ).rejects.toBe(error);
      expect(next.calls.chat).toBe(1);
    }
  });

  it('retries only the listed codes when retryOn is a list', async () => {
    const policy = retry({ retryOn: ['OVERLOADED'], sleep: recordingSleep() });
    const network = fakeNext({ chat: failing(palError('NETWORK_ERROR')) });
    await expect(runChat(policy, chatRequest(), callContext(), network)).rejects.toThrow();
    expect(network.calls.chat).toBe(1);
    const overloaded = fakeNext({ chat: failing(palError('OVERLOADED')) });
    await expect(runChat(policy, chatRequest(), callContext(), overloaded)).rejects.toThrow();
    expect(overloaded.calls.chat).toBe(3);
  });

  it('accepts a predicate for retryOn', async () => {
    const policy = retry({ retryOn: (e) => e.status === 409, sleep: recordingSleep() });
    const next = fakeNext({ chat: failing(palError('INVALID_REQUEST', { status: 409 })) });
    await expect(runChat(policy, chatRequest(), callContext(), next)).rejects.toThrow();
    expect(next.calls.chat).toBe(3);
  });

  it('backs off exponentially with full jitter, capped at maxDelayMs', async () => {
    const sleep = recordingSleep();
    const policy = retry({
      maxAttempts: 5,
      baseDelayMs: 100,
      maxDelayMs: 300,
      random: () => 0.5,
      sleep,
    });
    await expect(
      runChat(policy, chatRequest(), callContext(), fakeNext({ chat: failing(palError('OVERLOADED')) })),
    ).rejects.toThrow();
    expect(sleep.delays).toEqual([50, 100, 150, 150]);
  });

  it('waits at least retryAfterMs (1200 ms) even when the jittered back-off is shorter', async () => {
    const sleep = recordingSleep();
    const error = palError('PROVIDER_RATE_LIMIT_ERROR', { retryAfterMs: 1200 });
    const next = fakeNext({
      chat: (_r, _c, n) => (n === 1 ? Promise.reject(error) : Promise.resolve(textResult('ok'))),
    });
    await runChat(retry({ random: () => 0, sleep }), chatRequest(), callContext(), next);
    expect(sleep.delays).toEqual([1200]);
    expect(sleep.delays[0]).toBeGreaterThanOrEqual(1200);
  });

  it('waits the longer back-off when it exceeds retryAfterMs', async () => {
    const sleep = recordingSleep();
    const error = palError('PROVIDER_RATE_LIMIT_ERROR', { retryAfterMs: 1200 });
    const next = fakeNext({
      chat: (_r, _c, n) => (n === 1 ? Promise.reject(error) : Promise.resolve(textResult('ok'))),
    });
    await runChat(retry({ baseDelayMs: 5000, random: () => 0.5, sleep }), chatRequest(), callContext(), next);
    expect(sleep.delays).toEqual([2500]);
  });

  it('really waits at least 1.2 s when the provider says retry after 1200 ms', async () => {
    const error = palError('PROVIDER_RATE_LIMIT_ERROR', { retryAfterMs: 1200 });
    const next = fakeNext({
      chat: (_r, _c, n) => (n === 1 ? Promise.reject(error) : Promise.resolve(textResult('ok'))),
    });
    const started = performance.now();
    await runChat(retry({ random: () => 0 }), chatRequest(), callContext(), next);
    expect(performance.now() - started).toBeGreaterThanOrEqual(1200);
    expect(next.calls.chat).toBe(2);
  });

  it('gives up when the provider asks to wait longer than maxRetryAfterMs', async () => {
    const sleep = recordingSleep();
    const next = fakeNext({ chat: failing(palError('PROVIDER_RATE_LIMIT_ERROR', { retryAfterMs: 90_000 })) });
    await expect(runChat(retry({ sleep }), chatRequest(), callContext(), next)).rejects.toMatchObject({
      retryAfterMs: 90_000,
    });
    expect(next.calls.chat).toBe(1);
    expect(sleep.delays).toEqual([]);
  });

  it('gives up when the wait would pass the call deadline', async () => {
    const clock = fakeClock(0);
    const next = fakeNext({ chat: failing(palError('PROVIDER_RATE_LIMIT_ERROR', { retryAfterMs: 1000 })) });
    const policy = retry({ now: clock.now, sleep: recordingSleep(clock) });
    await expect(runChat(policy, chatRequest(), callContext({ deadline: 500 }), next)).rejects.toThrow();
    expect(next.calls.chat).toBe(1);
  });

  it('stops waiting when the signal aborts, with ABORTED', async () => {
    const controller = new AbortController();
    const next = fakeNext({ chat: failing(palError('OVERLOADED')) });
    const call = runChat(
      retry({ baseDelayMs: 60_000, random: () => 1 }),
      chatRequest(),
      callContext({ signal: controller.signal }),
      next,
    );
    setTimeout(() => controller.abort(), 5);
    await expect(call).rejects.toMatchObject({ code: 'ABORTED', provider: 'acme', model: 'm1' });
    expect(next.calls.chat).toBe(1);
  });

  it('rethrows the signal reason when it is a PalError (a timeout)', async () => {
    const controller = new AbortController();
    const timeout = new PalError({ code: 'TIMEOUT', message: 'total timeout' });
    const next = fakeNext({ chat: failing(palError('OVERLOADED')) });
    const call = runChat(
      retry({ baseDelayMs: 60_000, random: () => 1 }),
      chatRequest(),
      callContext({ signal: controller.signal }),
      next,
    );
    setTimeout(() => controller.abort(timeout), 5);
    await expect(call).rejects.toBe(timeout);
  });

  it('does not retry once the signal has aborted', async () => {
    const controller = new AbortController();
    const next = fakeNext({
      chat: () => {
        controller.abort();
        return Promise.reject(palError('NETWORK_ERROR'));
      },
    });
    await expect(
      runChat(
        retry({ sleep: recordingSleep() }),
        chatRequest(),
        callContext({ signal: controller.signal }),
        next,
      ),
    ).rejects.toMatchObject({ code: 'ABORTED', provider: 'acme', model: 'm1' });
    expect(next.calls.chat).toBe(1);
  });

  it('checks the signal again after a sleep that ignores it', async () => {
    const controller = new AbortController();
    const sleep = async () => controller.abort();
    const next = fakeNext({ chat: failing(palError('OVERLOADED')) });
    await expect(
      runChat(retry({ sleep }), chatRequest(), callContext({ signal: controller.signal }), next),
    ).rejects.toMatchObject({
      code: 'ABORTED',
    });
    expect(next.calls.chat).toBe(1);
  });

  it('draws on a per-provider retry budget so a failing provider cannot cause a retry storm', async () => {
    const clock = fakeClock(0);
    const policy = retry({
      budget: { ratio: 0.2, minRetriesPerSecond: 1 },
      now: clock.now,
      sleep: async () => {},
    });
    const next = fakeNext({ chat: failing(palError('OVERLOADED')) });
    for (let i = 0; i < 100; i++)
      await expect(runChat(policy, chatRequest(), callContext(), next)).rejects.toThrow();
    // 100 first attempts + at most 10 (1/s over 10 s) + 20 (20 % of 100) retries, instead of 300 calls
    expect(next.calls.chat).toBeLessThanOrEqual(130);
    expect(next.calls.chat).toBeGreaterThan(100);

    const other = fakeNext({ providerId: 'other', chat: failing(palError('OVERLOADED')) });
    await expect(runChat(policy, chatRequest(), callContext(), other)).rejects.toThrow();
    expect(other.calls.chat).toBe(3);
  });

  it('retries every time when the budget is switched off', async () => {
    const policy = retry({ budget: false, sleep: async () => {} });
    const next = fakeNext({ chat: failing(palError('OVERLOADED')) });
    for (let i = 0; i < 50; i++)
      await expect(runChat(policy, chatRequest(), callContext(), next)).rejects.toThrow();
    expect(next.calls.chat).toBe(150);
  });

  it('honours per-call overrides: false disables it, options merge over the config', async () => {
    const policy = retry({ sleep: recordingSleep() });
    const off = fakeNext({ chat: failing(palError('OVERLOADED')) });
    const offCtx = callContext({ overrides: { retry: false } });
    await expect(runChat(policy, chatRequest(), offCtx, off)).rejects.toThrow();
    expect(off.calls.chat).toBe(1);
    expect(off.contexts[0]).toBe(offCtx);

    const more = fakeNext({ chat: failing(palError('OVERLOADED')) });
    await expect(
      runChat(policy, chatRequest(), callContext({ overrides: { retry: { maxAttempts: 5 } } }), more),
    ).rejects.toThrow();
    expect(more.calls.chat).toBe(5);
  });

  it('retries embed and generateImage too', async () => {
    const policy = retry({ sleep: recordingSleep() });
    const next = fakeNext({
      embed: (_r, _c, n) =>
        n === 1 ? Promise.reject(palError('OVERLOADED')) : { model: 'e', embeddings: [[1]] },
      generateImage: (_r, _c, n) =>
        n === 1 ? Promise.reject(palError('OVERLOADED')) : { model: 'i', images: [] },
    });
    await expect(policy.embed?.({ model: 'e', input: 'x' }, callContext(), next)).resolves.toMatchObject({
      model: 'e',
    });
    await expect(
      policy.generateImage?.({ model: 'i', prompt: 'x', n: 1 }, callContext(), next),
    ).resolves.toMatchObject({
      model: 'i',
    });
    expect(next.calls).toMatchObject({ embed: 2, generateImage: 2 });
  });
});

describe('retry (stream)', () => {
  const events = streamEventsFor(textResult('hello'));

  it('retries a stream that failed before its first event', async () => {
    const next = fakeNext({
      stream: (_r, _c, n) =>
        n === 1 ? eventsOf([], { error: palError('NETWORK_ERROR') }) : eventsOf(events),
    });
    const out = await collect(
      runStream(retry({ sleep: recordingSleep() }), chatRequest(), callContext(), next),
    );
    expect(out).toEqual(events);
    expect(next.calls.stream).toBe(2);
    expect(next.contexts.map((c) => c.attempt)).toEqual([1, 2]);
  });

  it('does not retry a stream after its first event reached the caller', async () => {
    const error = palError('STREAM_ERROR');
    const next = fakeNext({ stream: () => eventsOf(events, { failAfter: 1, error }) });
    const seen: unknown[] = [];
    const run = async () => {
      for await (const event of runStream(
        retry({ sleep: recordingSleep() }),
        chatRequest(),
        callContext(),
        next,
      )) {
        seen.push(event);
      }
    };
    await expect(run()).rejects.toBe(error);
    expect(seen).toEqual([events[0]]);
    expect(next.calls.stream).toBe(1);
  });

  it('never makes more than maxAttempts stream attempts', async () => {
    const next = fakeNext({ stream: () => eventsOf([], { error: palError('OVERLOADED') }) });
    await expect(
      collect(
        runStream(retry({ maxAttempts: 2, sleep: recordingSleep() }), chatRequest(), callContext(), next),
      ),
    ).rejects.toMatchObject({
      code: 'OVERLOADED',
    });
    expect(next.calls.stream).toBe(2);
  });

  it('passes the stream straight through when switched off for the call', async () => {
    const next = fakeNext({ stream: () => eventsOf([], { error: palError('OVERLOADED') }) });
    const ctx = callContext({ overrides: { retry: false } });
    await expect(
      collect(runStream(retry({ sleep: recordingSleep() }), chatRequest(), ctx, next)),
    ).rejects.toThrow();
    expect(next.calls.stream).toBe(1);
  });
});
