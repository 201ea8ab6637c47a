import { describe, expect, it } from 'vitest';
import type { RateLimitInfo } from '../contracts/adapter.js';
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
  recordingSleep,
  runChat,
  runStream,
  streamEventsFor,
  textResult,
  usageOf,
} from './fake-next.test-support.js';
import { isLocalPolicyError } from './local-policy-error.js';
import { createMemoryStore } from './memory-store.js';
import { rateLimit } from './rate-limit.js';

/** Estimated tokens of `chatRequest('hi', { maxOutputTokens: 100 })`: 3 + 4 + 1 input, 100 output. */
const SMALL = chatRequest('hi', { maxOutputTokens: 100 });
const SMALL_TOKENS = 108;

describe('rateLimit (requests per minute)', () => {
  it('waits until the request bucket has room and reports the wait', async () => {
    const clock = fakeClock();
    const sleep = recordingSleep(clock);
    const limiter = rateLimit({ requestsPerMinute: 2, now: clock.now, sleep });
    const next = fakeNext();
    const ctx = callContext();
    for (let i = 0; i < 3; i++) await runChat(limiter, SMALL, ctx, next);
    expect(sleep.delays).toEqual([30_000]);
    expect(next.calls.chat).toBe(3);
    expect(eventsOfType(ctx, 'rate-limit')).toEqual([
      expect.objectContaining({ waitedMs: 30_000, rejected: false, provider: 'acme', model: 'm1' }),
    ]);
  });

  it('queues concurrent callers first come, first served', async () => {
    const clock = fakeClock();
    const delays: number[] = [];
    const limiter = rateLimit({
      requestsPerMinute: 1,
      maxWaitMs: 600_000,
      now: clock.now,
      sleep: async (ms) => void delays.push(ms),
    });
    const next = fakeNext();
    await Promise.all([1, 2, 3].map(() => runChat(limiter, SMALL, callContext(), next)));
    expect(delays).toEqual([60_000, 120_000]);
  });

  it('rejects at once in reject mode, without calling the provider', async () => {
    const clock = fakeClock();
    const limiter = rateLimit({
      requestsPerMinute: 1,
      mode: 'reject',
      now: clock.now,
      sleep: recordingSleep(clock),
    });
    const next = fakeNext();
    await runChat(limiter, SMALL, callContext(), next);
    const ctx = callContext();
    const error = await runChat(limiter, SMALL, ctx, next).catch((e) => e);
    expect(error).toMatchObject({
      code: 'PROVIDER_RATE_LIMIT_ERROR',
      retryAfterMs: 60_000,
      provider: 'acme',
      retryable: true,
    });
    expect(isLocalPolicyError(error)).toBe(true);
    expect(next.calls.chat).toBe(1);
    expect(eventsOfType(ctx, 'rate-limit')).toEqual([
      expect.objectContaining({ waitedMs: 0, rejected: true }),
    ]);
    clock.advance(60_000);
    await runChat(limiter, SMALL, callContext(), next);
    expect(next.calls.chat).toBe(2);
  });

  it('gives up when the wait would exceed maxWaitMs or the call deadline', async () => {
    const clock = fakeClock();
    const limiter = rateLimit({
      requestsPerMinute: 1,
      maxWaitMs: 10_000,
      now: clock.now,
      sleep: recordingSleep(clock),
    });
    const next = fakeNext();
    await runChat(limiter, SMALL, callContext(), next);
    await expect(runChat(limiter, SMALL, callContext(), next)).rejects.toMatchObject({
      retryAfterMs: 60_000,
    });

    const patient = rateLimit({
      requestsPerMinute: 1,
      maxWaitMs: 120_000,
      now: clock.now,
      sleep: recordingSleep(clock),
    });
    await runChat(patient, SMALL, callContext(), next);
    await expect(
      runChat(patient, SMALL, callContext({ deadline: clock.now() + 1000 }), next),
    ).rejects.toMatchObject({
      code: 'PROVIDER_RATE_LIMIT_ERROR',
    });
    expect(next.calls.chat).toBe(2);
  });

  it('gives the slot back when the caller aborts while waiting', async () => {
    const clock = fakeClock();
    const delays: number[] = [];
    const waiting = deferred();
    const sleep = (ms: number, signal?: AbortSignal) => {
      delays.push(ms);
      // the first waiter hangs until aborted; later ones return at once
      if (delays.length > 1) return Promise.resolve();
      waiting.resolve();
      return new Promise<void>((_resolve, reject) =>
        signal?.addEventListener('abort', () => reject(new Error('aborted'))),
      );
    };
    const limiter = rateLimit({ requestsPerMinute: 1, maxWaitMs: 600_000, now: clock.now, sleep });
    const next = fakeNext();
    await runChat(limiter, SMALL, callContext(), next);
    const controller = new AbortController();
    const aborted = runChat(limiter, SMALL, callContext({ signal: controller.signal }), next);
    await waiting.promise;
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ code: 'ABORTED', provider: 'acme' });
    await runChat(limiter, SMALL, callContext(), next);
    // the aborted caller left the queue: the next one waits one minute, not two
    expect(delays).toEqual([60_000, 60_000]);
    expect(next.calls.chat).toBe(2);
  });

  it('keeps separate buckets per provider', async () => {
    const clock = fakeClock();
    const limiter = rateLimit({ requestsPerMinute: 1, mode: 'reject', now: clock.now });
    await runChat(limiter, SMALL, callContext(), fakeNext());
    await expect(
      runChat(limiter, SMALL, callContext(), fakeNext({ providerId: 'other' })),
    ).resolves.toBeDefined();
  });
});

describe('rateLimit (tokens per minute)', () => {
  it('charges the estimate and settles to the actual usage', async () => {
    const clock = fakeClock();
    const limiter = rateLimit({ tokensPerMinute: 2 * SMALL_TOKENS, mode: 'reject', now: clock.now });
    const frugal = fakeNext({ chat: () => textResult('ok', usageOf(8, 2)) });
    // each call reserves 108 and settles to 10, so many fit in 216 tokens
    for (let i = 0; i < 10; i++) await runChat(limiter, SMALL, callContext(), frugal);
    expect(frugal.calls.chat).toBe(10);
  });

  it('keeps the estimate when the provider reported no usage, and refunds failed calls', async () => {
    const clock = fakeClock();
    const limiter = rateLimit({ tokensPerMinute: 2 * SMALL_TOKENS, mode: 'reject', now: clock.now });
    const failing = fakeNext({ chat: () => Promise.reject(palError('OVERLOADED')) });
    for (let i = 0; i < 5; i++)
      await expect(runChat(limiter, SMALL, callContext(), failing)).rejects.toMatchObject({
        code: 'OVERLOADED',
      });
    const silent = fakeNext({ chat: () => textResult('ok') });
    await runChat(limiter, SMALL, callContext(), silent);
    await runChat(limiter, SMALL, callContext(), silent);
    await expect(runChat(limiter, SMALL, callContext(), silent)).rejects.toMatchObject({
      code: 'PROVIDER_RATE_LIMIT_ERROR',
    });
  });

  it('charges more when the actual usage exceeds the estimate', async () => {
    const clock = fakeClock();
    const limiter = rateLimit({ tokensPerMinute: 1000, mode: 'reject', now: clock.now });
    // 108 estimated, 950 used: 50 tokens left, the next 108 need 58 more at 1000 per minute
    const hungry = fakeNext({ chat: () => textResult('ok', usageOf(500, 450)) });
    await runChat(limiter, SMALL, callContext(), hungry);
    await expect(runChat(limiter, SMALL, callContext(), hungry)).rejects.toMatchObject({
      retryAfterMs: 3480,
    });
  });

  it('counts embedding inputs and charges image generation one request', async () => {
    const clock = fakeClock();
    const limiter = rateLimit({
      requestsPerMinute: 2,
      tokensPerMinute: 10,
      mode: 'reject',
      now: clock.now,
    });
    const next = fakeNext({
      embed: () => ({ model: 'e', embeddings: [[1]] }),
      generateImage: () => ({ model: 'i', images: [] }),
    });
    await limiter.embed?.({ model: 'e', input: ['x'.repeat(20), 'y'.repeat(20)] }, callContext(), next);
    await expect(
      limiter.embed?.({ model: 'e', input: 'z'.repeat(8) }, callContext(), next),
    ).rejects.toMatchObject({
      code: 'PROVIDER_RATE_LIMIT_ERROR',
    });
    await limiter.generateImage?.({ model: 'i', prompt: 'p', n: 1 }, callContext(), next);
    await expect(
      limiter.generateImage?.({ model: 'i', prompt: 'p', n: 1 }, callContext(), next),
    ).rejects.toMatchObject({
      code: 'PROVIDER_RATE_LIMIT_ERROR',
    });
  });
});

describe('rateLimit (vendor headers)', () => {
  const reporting = (info: RateLimitInfo) =>
    fakeNext({
      chat: (_r, ctx) => {
        ctx.reportRateLimit?.(info);
        return textResult('ok');
      },
    });

  it('blocks the provider until the reset when the vendor says nothing is left', async () => {
    const clock = fakeClock();
    const sleep = recordingSleep(clock);
    const limiter = rateLimit({ now: clock.now, sleep });
    const forwarded: RateLimitInfo[] = [];
    const info = { remainingRequests: 0, resetRequestsMs: 5000 };
    await runChat(
      limiter,
      SMALL,
      callContext({ reportRateLimit: (i) => forwarded.push(i) }),
      reporting(info),
    );
    expect(forwarded).toEqual([info]);
    await runChat(limiter, SMALL, callContext(), fakeNext());
    expect(sleep.delays).toEqual([5000]);
  });

  it('assumes a one-second reset when the vendor gives none', async () => {
    const clock = fakeClock();
    const sleep = recordingSleep(clock);
    const limiter = rateLimit({ now: clock.now, sleep });
    await runChat(limiter, SMALL, callContext(), reporting({ remainingTokens: 0 }));
    await runChat(limiter, SMALL, callContext(), fakeNext());
    expect(sleep.delays).toEqual([1000]);
  });

  it('lowers the local buckets to what the vendor says remains', async () => {
    const clock = fakeClock();
    const sleep = recordingSleep(clock);
    const limiter = rateLimit({ requestsPerMinute: 100, tokensPerMinute: 100_000, now: clock.now, sleep });
    await runChat(
      limiter,
      SMALL,
      callContext(),
      reporting({ remainingRequests: 1, remainingTokens: 50_000, resetTokensMs: 10 }),
    );
    await runChat(limiter, SMALL, callContext(), fakeNext());
    await runChat(limiter, SMALL, callContext(), fakeNext());
    expect(sleep.delays).toEqual([600]);
  });
});

describe('rateLimit (stream and overrides)', () => {
  it('limits streams and settles them from the finish usage', async () => {
    const clock = fakeClock();
    const limiter = rateLimit({ tokensPerMinute: 2 * SMALL_TOKENS, mode: 'reject', now: clock.now });
    const events = streamEventsFor(textResult('hi', usageOf(8, 2)));
    const next = fakeNext({ stream: () => eventsOf(events) });
    for (let i = 0; i < 5; i++)
      expect(await collect(runStream(limiter, SMALL, callContext(), next))).toEqual(events);
  });

  it('refunds a failed stream and keeps the estimate of a stream without usage', async () => {
    const clock = fakeClock();
    const limiter = rateLimit({ tokensPerMinute: 2 * SMALL_TOKENS, mode: 'reject', now: clock.now });
    const failing = fakeNext({ stream: () => eventsOf([], { error: palError('NETWORK_ERROR') }) });
    for (let i = 0; i < 3; i++)
      await expect(collect(runStream(limiter, SMALL, callContext(), failing))).rejects.toThrow();
    const silent = fakeNext({ stream: () => eventsOf(streamEventsFor(textResult('hi'))) });
    await collect(runStream(limiter, SMALL, callContext(), silent));
    await collect(runStream(limiter, SMALL, callContext(), silent));
    await expect(collect(runStream(limiter, SMALL, callContext(), silent))).rejects.toMatchObject({
      code: 'PROVIDER_RATE_LIMIT_ERROR',
    });
  });

  it('passes calls through when switched off, and applies a per-call mode', async () => {
    const clock = fakeClock();
    const sleep = recordingSleep(clock);
    const limiter = rateLimit({ requestsPerMinute: 1, now: clock.now, sleep });
    const next = fakeNext();
    await runChat(limiter, SMALL, callContext(), next);
    await runChat(limiter, SMALL, callContext({ overrides: { rateLimit: false } }), next);
    await collect(runStream(limiter, SMALL, callContext({ overrides: { rateLimit: false } }), next));
    expect(sleep.delays).toEqual([]);
    await expect(
      runChat(limiter, SMALL, callContext({ overrides: { rateLimit: { mode: 'reject' } } }), next),
    ).rejects.toMatchObject({
      code: 'PROVIDER_RATE_LIMIT_ERROR',
    });
  });

  it('lets everything through when no limit is configured', async () => {
    const sleep = recordingSleep();
    const limiter = rateLimit({ sleep });
    const next = fakeNext();
    for (let i = 0; i < 20; i++) await runChat(limiter, SMALL, callContext(), next);
    expect(sleep.delays).toEqual([]);
  });

  it('rejects bad options with CONFIG_ERROR', () => {
    expect(() => rateLimit({ requestsPerMinute: 0 })).toThrow(/rateLimit.requestsPerMinute/);
    expect(() => rateLimit({ maxWaitMs: -1 })).toThrow(/rateLimit.maxWaitMs: expected a number >= 0, got -1/);
  });
});

describe('rateLimit (shared store)', () => {
  it('shares the buckets of a provider between limiters over one store', async () => {
    const clock = fakeClock();
    const store = createMemoryStore({ now: clock.now });
    const options = { requestsPerMinute: 2, mode: 'reject', now: clock.now, store } as const;
    const [a, b] = [rateLimit(options), rateLimit(options)];
    await runChat(a, SMALL, callContext(), fakeNext());
    await runChat(b, SMALL, callContext(), fakeNext());
    await expect(runChat(a, SMALL, callContext(), fakeNext())).rejects.toMatchObject({
      code: 'PROVIDER_RATE_LIMIT_ERROR',
      retryAfterMs: 30_000,
    });
    await runChat(b, SMALL, callContext(), fakeNext({ providerId: 'other' }));
    clock.advance(30_000);
    await runChat(a, SMALL, callContext(), fakeNext());
    expect(await store.get('pal:rate:acme:requests')).toMatchObject({ tokens: 0 });
  });

  it('makes every limiter over the store honour a vendor block reported to one', async () => {
    const clock = fakeClock();
    const store = createMemoryStore({ now: clock.now });
    const sleep = recordingSleep(clock);
    const a = rateLimit({ now: clock.now, sleep, store });
    const b = rateLimit({ now: clock.now, sleep, store });
    const blocking = fakeNext({
      chat: (_r, ctx) => {
        ctx.reportRateLimit?.({ remainingRequests: 0, resetRequestsMs: 4000 });
        return textResult('ok');
      },
    });
    await runChat(a, SMALL, callContext(), blocking);
    await runChat(b, SMALL, callContext(), fakeNext());
    expect(sleep.delays).toEqual([4000]);
  });

  it('gives the request back when the token bucket refuses', async () => {
    const clock = fakeClock();
    const store = createMemoryStore({ now: clock.now });
    const limiter = rateLimit({
      requestsPerMinute: 10,
      tokensPerMinute: SMALL_TOKENS,
      mode: 'reject',
      now: clock.now,
      store,
    });
    await runChat(limiter, SMALL, callContext(), fakeNext());
    await expect(runChat(limiter, SMALL, callContext(), fakeNext())).rejects.toMatchObject({
      code: 'PROVIDER_RATE_LIMIT_ERROR',
    });
    expect(await store.get('pal:rate:acme:requests')).toMatchObject({ tokens: 9 });
  });

  it('still answers when the store fails while adapting to vendor headers', async () => {
    const store = createMemoryStore();
    const failing = { ...store, set: () => Promise.reject(new Error('store down')) };
    const limiter = rateLimit({ store: failing });
    const next = fakeNext({
      chat: (_r, ctx) => {
        ctx.reportRateLimit?.({ remainingTokens: 0 });
        return textResult('ok');
      },
    });
    await expect(runChat(limiter, SMALL, callContext(), next)).resolves.toMatchObject({
      finishReason: 'stop',
    });
  });
});
