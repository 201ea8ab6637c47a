import { describe, expect, it } from 'vitest';
import type { ProviderStreamEvent } from '../contracts/stream-event.js';
import { concurrency } from './concurrency.js';
import {
  callContext,
  chatRequest,
  collect,
  deferred,
  eventsOf,
  fakeNext,
  palError,
  runChat,
  runStream,
  streamEventsFor,
  textResult,
} from './fake-next.test-support.js';
import { isLocalPolicyError } from './local-policy-error.js';

/** A next whose calls each wait for their own gate; `active`/`peak` count calls in flight. */
function gatedNext(providerId = 'acme') {
  const gates: Array<ReturnType<typeof deferred<void>>> = [];
  const stats = { active: 0, peak: 0 };
  const next = fakeNext({
    providerId,
    chat: async () => {
      const gate = deferred();
      gates.push(gate);
      stats.active++;
      stats.peak = Math.max(stats.peak, stats.active);
      await gate.promise;
      stats.active--;
      return textResult('ok');
    },
  });
  return { next, gates, stats };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('concurrency', () => {
  it('runs at most maxConcurrent calls at once and queues the rest in order', async () => {
    const limit = concurrency({ maxConcurrent: 2 });
    const { next, gates, stats } = gatedNext();
    const calls = Array.from({ length: 5 }, () => runChat(limit, chatRequest(), callContext(), next));
    await tick();
    expect(next.calls.chat).toBe(2);
    for (let released = 0; released < 5; released++) {
      gates[released]?.resolve();
      await tick();
      expect(stats.active).toBeLessThanOrEqual(2);
    }
    await Promise.all(calls);
    expect(next.calls.chat).toBe(5);
    expect(stats.peak).toBe(2);
  });

  it('refuses with OVERLOADED when the local queue is full, without calling the provider', async () => {
    const limit = concurrency({ maxConcurrent: 1, maxQueue: 1 });
    const { next, gates } = gatedNext();
    const running = runChat(limit, chatRequest(), callContext(), next);
    const queued = runChat(limit, chatRequest(), callContext(), next);
    const error = await runChat(limit, chatRequest(), callContext(), next).catch((e) => e);
    expect(error).toMatchObject({ code: 'OVERLOADED', provider: 'acme', model: 'm1' });
    expect(error.message).toMatch(/local concurrency queue for acme is full/);
    expect(isLocalPolicyError(error)).toBe(true);
    await tick();
    gates[0]?.resolve();
    await tick();
    gates[1]?.resolve();
    await Promise.all([running, queued]);
    expect(next.calls.chat).toBe(2);
  });

  it('takes a waiter whose signal aborts out of the queue', async () => {
    const limit = concurrency({ maxConcurrent: 1, maxQueue: 1 });
    const { next, gates } = gatedNext();
    const running = runChat(limit, chatRequest(), callContext(), next);
    const controller = new AbortController();
    const leaving = runChat(limit, chatRequest(), callContext({ signal: controller.signal }), next);
    controller.abort();
    await expect(leaving).rejects.toMatchObject({ code: 'ABORTED', provider: 'acme' });
    const waiting = runChat(limit, chatRequest(), callContext(), next);
    await tick();
    gates[0]?.resolve();
    await tick();
    gates[1]?.resolve();
    await Promise.all([running, waiting]);
    expect(next.calls.chat).toBe(2);
  });

  it('refuses a call whose signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const next = fakeNext();
    await expect(
      runChat(
        concurrency({ maxConcurrent: 1 }),
        chatRequest(),
        callContext({ signal: controller.signal }),
        next,
      ),
    ).rejects.toMatchObject({ code: 'ABORTED' });
    expect(next.calls.chat).toBe(0);
  });

  it('gives the slot back when a call fails', async () => {
    const limit = concurrency({ maxConcurrent: 1, maxQueue: 0 });
    const failing = fakeNext({ chat: () => Promise.reject(palError('OVERLOADED')) });
    await expect(runChat(limit, chatRequest(), callContext(), failing)).rejects.toMatchObject({
      code: 'OVERLOADED',
    });
    await expect(runChat(limit, chatRequest(), callContext(), fakeNext())).resolves.toBeDefined();
  });

  it('keeps one bulkhead per provider', async () => {
    const limit = concurrency({ maxConcurrent: 1, maxQueue: 0 });
    const { next, gates } = gatedNext();
    const running = runChat(limit, chatRequest(), callContext(), next);
    await expect(
      runChat(limit, chatRequest(), callContext(), fakeNext({ providerId: 'other' })),
    ).resolves.toBeDefined();
    await tick();
    gates[0]?.resolve();
    await running;
  });

  it('holds a stream slot until the iteration ends, including an early break', async () => {
    const limit = concurrency({ maxConcurrent: 1, maxQueue: 0 });
    const events = streamEventsFor(textResult('hi'));
    let closed = false;
    async function* upstream(): AsyncGenerator<ProviderStreamEvent> {
      try {
        yield* events;
      } finally {
        closed = true;
      }
    }
    const next = fakeNext({ stream: () => upstream() });
    const iterator = runStream(limit, chatRequest(), callContext(), next)[Symbol.asyncIterator]();
    await iterator.next();
    await expect(runChat(limit, chatRequest(), callContext(), next)).rejects.toMatchObject({
      code: 'OVERLOADED',
    });
    await iterator.return?.();
    expect(closed).toBe(true);
    await expect(runChat(limit, chatRequest(), callContext(), next)).resolves.toBeDefined();

    const failing = fakeNext({
      stream: () => eventsOf(events, { failAfter: 1, error: palError('STREAM_ERROR') }),
    });
    await expect(collect(runStream(limit, chatRequest(), callContext(), failing))).rejects.toThrow();
    expect(await collect(runStream(limit, chatRequest(), callContext(), fakeNext()))).toHaveLength(
      events.length,
    );
  });

  it('passes through when switched off for the call', async () => {
    const limit = concurrency({ maxConcurrent: 1, maxQueue: 0 });
    const { next, gates } = gatedNext();
    const running = runChat(limit, chatRequest(), callContext(), next);
    const off = callContext({ overrides: { concurrency: false } });
    await expect(runChat(limit, chatRequest(), off, fakeNext())).resolves.toBeDefined();
    expect(await collect(runStream(limit, chatRequest(), off, fakeNext()))).toHaveLength(3);
    await tick();
    gates[0]?.resolve();
    await running;
  });

  it('limits embed and generateImage too', async () => {
    const limit = concurrency({ maxConcurrent: 1, maxQueue: 0 });
    const gate = deferred();
    const next = fakeNext({
      embed: async () => {
        await gate.promise;
        return { model: 'e', embeddings: [] };
      },
      generateImage: () => ({ model: 'i', images: [] }),
    });
    const embedding = limit.embed?.({ model: 'e', input: 'x' }, callContext(), next);
    await expect(
      limit.generateImage?.({ model: 'i', prompt: 'p', n: 1 }, callContext(), next),
    ).rejects.toMatchObject({
      code: 'OVERLOADED',
    });
    gate.resolve();
    await embedding;
    await expect(
      limit.generateImage?.({ model: 'i', prompt: 'p', n: 1 }, callContext(), next),
    ).resolves.toBeDefined();
  });

  it('rejects bad options with CONFIG_ERROR', () => {
    expect(() => concurrency({ maxConcurrent: 0 })).toThrow(/concurrency.maxConcurrent/);
    expect(() => concurrency({ maxQueue: -1 })).toThrow(/concurrency.maxQueue/);
  });
});
