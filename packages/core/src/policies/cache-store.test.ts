import { describe, expect, it } from 'vitest';
import type { AdapterChatResult } from '../contracts/adapter.js';
import { responseCacheKey } from './cache-key.js';
import {
  callContext,
  chatRequest,
  collect,
  eventsOf,
  fakeClock,
  fakeNext,
  runChat,
  runStream,
  streamEventsFor,
  textResult,
  usageOf,
} from './fake-next.test-support.js';
import { createMemoryStore } from './memory-store.js';
import { cache } from './cache.js';

const answer: AdapterChatResult = { ...textResult('Sunny.', usageOf(10, 5)), raw: { vendor: 'payload' } };

describe('cache over a state store', () => {
  it('shares results between caches over one store, without the raw response', async () => {
    const store = createMemoryStore();
    const [a, b] = [cache({ store }), cache({ store })];
    const next = fakeNext({ chat: () => structuredClone(answer) });
    await runChat(a, chatRequest(), callContext(), next);
    const hitCtx = callContext();
    const hit = await runChat(b, chatRequest(), hitCtx, next);
    expect(next.calls.chat).toBe(1);
    expect(hit).toMatchObject({ content: answer.content });
    expect(hitCtx.call.cached).toBe(true);
    expect(hit.raw).toBeUndefined();
    const stored = await store.get<AdapterChatResult>(`pal:cache:${responseCacheKey('acme', chatRequest())}`);
    expect(stored?.content).toEqual(answer.content);
    expect(stored).not.toHaveProperty('raw');
  });

  it('keeps each result in the store for its TTL, the per-call one when given', async () => {
    const clock = fakeClock();
    const store = createMemoryStore({ now: clock.now });
    const answers = cache({ store, ttlMs: 1000, now: clock.now });
    const next = fakeNext({ chat: () => structuredClone(answer) });
    await runChat(answers, chatRequest('a'), callContext(), next);
    await runChat(answers, chatRequest('b'), callContext({ overrides: { cache: { ttlMs: 5000 } } }), next);
    clock.advance(1000);
    await runChat(answers, chatRequest('a'), callContext(), next);
    await runChat(answers, chatRequest('b'), callContext(), next);
    expect(next.calls.chat).toBe(3);
  });

  it('records a stream into the store and replays it from another cache', async () => {
    const store = createMemoryStore();
    const events = streamEventsFor(textResult('streamed', usageOf(3, 2)));
    const next = fakeNext({ stream: () => eventsOf(events) });
    await collect(runStream(cache({ store }), chatRequest(), callContext(), next));
    const replayed = await collect(runStream(cache({ store }), chatRequest(), callContext(), next));
    expect(next.calls.stream).toBe(1);
    expect(replayed.filter((e) => e.type === 'text-delta').map((e) => e.text)).toEqual(['streamed']);
  });

  it('cannot count or clear results it keeps in a store', () => {
    const answers = cache({ store: createMemoryStore() });
    expect(answers.size).toBeUndefined();
    expect(() => answers.clear()).toThrow(expect.objectContaining({ code: 'CONFIG_ERROR' }));
    expect(() => answers.clear()).toThrow(/pal:cache:/);
  });
});
