import { describe, expect, it } from 'vitest';
import type { AdapterChatResult } from '../contracts/adapter.js';
import type { ProviderStreamEvent } from '../contracts/stream-event.js';
import {
  callContext,
  chatRequest,
  collect,
  eventsOf,
  eventsOfType,
  fakeClock,
  fakeNext,
  palError,
  runChat,
  runStream,
  streamEventsFor,
  usageOf,
} from './fake-next.test-support.js';
import { cache } from './cache.js';

const rich: AdapterChatResult = {
  id: 'r1',
  model: 'm1-2025',
  content: [
    { type: 'reasoning', text: 'let me think', signature: 'sig' },
    { type: 'text', text: 'Sunny.' },
    { type: 'tool-call', id: 'c1', name: 'weather', arguments: { city: 'Paris' } },
  ],
  finishReason: 'tool-calls',
  usage: usageOf(10, 5),
  raw: { vendor: 'payload' },
};

describe('cache (chat)', () => {
  it('calls the provider on a miss and serves the stored result on a hit', async () => {
    const answers = cache();
    const next = fakeNext({ chat: () => structuredClone(rich) });
    const missCtx = callContext();
    const first = await runChat(answers, chatRequest(), missCtx, next);
    expect(missCtx.call.cached).toBe(false);
    expect(first).toEqual(rich);
    const hitCtx = callContext();
    const second = await runChat(answers, chatRequest(), hitCtx, next);
    expect(next.calls.chat).toBe(1);
    const { raw: _raw, ...withoutRaw } = rich;
    expect(second).toEqual(withoutRaw);
    expect(hitCtx.call.cached).toBe(true);
    expect(eventsOfType(missCtx, 'cache')).toEqual([
      expect.objectContaining({ hit: false, provider: 'acme', model: 'm1' }),
    ]);
    expect(eventsOfType(hitCtx, 'cache')).toEqual([expect.objectContaining({ hit: true })]);
    expect(answers.size).toBe(1);
  });

  it('returns copies, so a caller mutating a result cannot corrupt the cache', async () => {
    const answers = cache();
    const next = fakeNext({ chat: () => structuredClone(rich) });
    await runChat(answers, chatRequest(), callContext(), next);
    const hit = await runChat(answers, chatRequest(), callContext(), next);
    (hit.content[1] as { text: string }).text = 'changed';
    const again = await runChat(answers, chatRequest(), callContext(), next);
    expect(again.content[1]).toEqual({ type: 'text', text: 'Sunny.' });
  });

  it('keys on the request: a different prompt or provider misses', async () => {
    const answers = cache();
    const next = fakeNext();
    await runChat(answers, chatRequest('a'), callContext(), next);
    await runChat(answers, chatRequest('b'), callContext(), next);
    await runChat(answers, chatRequest('a'), callContext(), fakeNext({ providerId: 'other' }));
    expect(next.calls.chat).toBe(2);
    expect(answers.size).toBe(3);
  });

  it('never caches errors or results that finished with error', async () => {
    const answers = cache();
    const failing = fakeNext({ chat: () => Promise.reject(palError('OVERLOADED')) });
    await expect(runChat(answers, chatRequest(), callContext(), failing)).rejects.toThrow();
    const errored = fakeNext({ chat: () => ({ ...structuredClone(rich), finishReason: 'error' as const }) });
    await runChat(answers, chatRequest(), callContext(), errored);
    await runChat(answers, chatRequest(), callContext(), errored);
    expect(errored.calls.chat).toBe(2);
    expect(answers.size).toBe(0);
  });

  it('expires entries after ttlMs and evicts beyond maxEntries', async () => {
    const clock = fakeClock();
    const answers = cache({ ttlMs: 1000, maxEntries: 2, now: clock.now });
    const next = fakeNext();
    await runChat(answers, chatRequest('a'), callContext(), next);
    clock.advance(1000);
    await runChat(answers, chatRequest('a'), callContext(), next);
    expect(next.calls.chat).toBe(2);
    await runChat(answers, chatRequest('b'), callContext(), next);
    await runChat(answers, chatRequest('c'), callContext(), next);
    expect(answers.size).toBe(2);
    await runChat(answers, chatRequest('a'), callContext(), next);
    expect(next.calls.chat).toBe(5);
  });

  it('is switched off or given another TTL per call, and can be cleared', async () => {
    const clock = fakeClock();
    const answers = cache({ now: clock.now });
    const next = fakeNext();
    await runChat(answers, chatRequest(), callContext({ overrides: { cache: false } }), next);
    expect(answers.size).toBe(0);
    await runChat(answers, chatRequest(), callContext({ overrides: { cache: { ttlMs: 10 } } }), next);
    clock.advance(10);
    expect(answers.size).toBe(0);
    await runChat(answers, chatRequest(), callContext(), next);
    answers.clear();
    expect(answers.size).toBe(0);
    await runChat(answers, chatRequest(), callContext(), next);
    expect(next.calls.chat).toBe(4);
  });

  it('rejects bad options with CONFIG_ERROR', () => {
    expect(() => cache({ maxEntries: 0 })).toThrow(/cache.maxEntries/);
  });
});

describe('cache (stream)', () => {
  it('records a finished stream and replays it as events on the next call', async () => {
    const answers = cache();
    const events = streamEventsFor(rich);
    const next = fakeNext({ stream: () => eventsOf(events) });
    const missCtx = callContext();
    expect(await collect(runStream(answers, chatRequest(), missCtx, next))).toEqual(events);
    const hitCtx = callContext();
    const replayed = await collect(runStream(answers, chatRequest(), hitCtx, next));
    expect(next.calls.stream).toBe(1);
    expect(replayed).toEqual([
      { type: 'start', provider: 'acme', model: 'm1-2025', id: 'r1' },
      { type: 'reasoning-delta', text: 'let me think', signature: 'sig' },
      { type: 'text-delta', text: 'Sunny.' },
      { type: 'tool-call', id: 'c1', name: 'weather', arguments: { city: 'Paris' } },
      { type: 'usage', usage: usageOf(10, 5) },
      { type: 'finish', finishReason: 'tool-calls', usage: usageOf(10, 5) },
    ]);
    // the call says it was served from the cache (no sniffing of the events)
    expect(hitCtx.call.cached).toBe(true);
    expect(missCtx.call.cached).toBe(false);
  });

  it('serves a streamed result to chat and a chat result to a stream', async () => {
    const answers = cache();
    const next = fakeNext({
      chat: () => structuredClone(rich),
      stream: () => eventsOf(streamEventsFor(rich)),
    });
    await collect(runStream(answers, chatRequest('a'), callContext(), next));
    const fromStreamCtx = callContext();
    const fromStream = await runChat(answers, chatRequest('a'), fromStreamCtx, next);
    expect(fromStream).toMatchObject({ content: rich.content, finishReason: 'tool-calls' });
    expect(fromStreamCtx.call.cached).toBe(true);
    await runChat(answers, chatRequest('b'), callContext(), next);
    const replay = await collect(runStream(answers, chatRequest('b'), callContext(), next));
    expect(replay.at(-1)).toEqual({ type: 'finish', finishReason: 'tool-calls', usage: usageOf(10, 5) });
    expect(next.calls).toMatchObject({ chat: 1, stream: 1 });
  });

  it('replays a result without usage as start, deltas and finish', async () => {
    const answers = cache();
    const next = fakeNext({
      chat: () => ({ id: 'x', model: 'm1', content: [{ type: 'text', text: 'hi' }], finishReason: 'stop' }),
    });
    await runChat(answers, chatRequest(), callContext(), next);
    expect(
      (await collect(runStream(answers, chatRequest(), callContext(), next))).map((e) => e.type),
    ).toEqual(['start', 'text-delta', 'finish']);
  });

  it('does not store a stream that failed or that the caller left before it finished', async () => {
    const answers = cache();
    const events = streamEventsFor(rich);
    const failing = fakeNext({
      stream: () => eventsOf(events, { failAfter: 2, error: palError('STREAM_ERROR') }),
    });
    await expect(collect(runStream(answers, chatRequest(), callContext(), failing))).rejects.toMatchObject({
      code: 'STREAM_ERROR',
    });
    const next = fakeNext({ stream: () => eventsOf(events) });
    for await (const event of runStream(answers, chatRequest(), callContext(), next))
      if (event.type === 'text-delta') break;
    expect(answers.size).toBe(0);
  });

  it('stores a stream whose caller stopped right at the finish event', async () => {
    const answers = cache();
    const next = fakeNext({ stream: () => eventsOf(streamEventsFor(rich)) });
    for await (const event of runStream(answers, chatRequest(), callContext(), next))
      if (event.type === 'finish') break;
    expect(answers.size).toBe(1);
  });

  it('passes streams through when switched off for the call', async () => {
    const answers = cache();
    const events: ProviderStreamEvent[] = streamEventsFor(rich);
    const next = fakeNext({ stream: () => eventsOf(events) });
    await collect(runStream(answers, chatRequest(), callContext({ overrides: { cache: false } }), next));
    expect(answers.size).toBe(0);
  });
});
