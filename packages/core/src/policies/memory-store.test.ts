import { describe, expect, it } from 'vitest';
import { fakeClock } from './fake-next.test-support.js';
import { createMemoryStore } from './memory-store.js';

describe('createMemoryStore', () => {
  it('gets, sets and deletes values', async () => {
    const store = createMemoryStore();
    expect(await store.get('a')).toBeUndefined();
    await store.set('a', { x: 1 });
    expect(await store.get<{ x: number }>('a')).toEqual({ x: 1 });
    await store.delete('a');
    expect(await store.get('a')).toBeUndefined();
  });

  it('expires values after their TTL', async () => {
    const clock = fakeClock(1000);
    const store = createMemoryStore({ now: clock.now });
    await store.set('a', 'v', 100);
    clock.advance(99);
    expect(await store.get('a')).toBe('v');
    clock.advance(1);
    expect(await store.get('a')).toBeUndefined();
  });

  it('increments from zero and keeps the expiry set when the key was created', async () => {
    const clock = fakeClock(0);
    const store = createMemoryStore({ now: clock.now });
    expect(await store.increment('n', 5, 100)).toBe(5);
    clock.advance(60);
    expect(await store.increment('n', -2, 1000)).toBe(3);
    clock.advance(40);
    expect(await store.get('n')).toBeUndefined();
    expect(await store.increment('n', 1)).toBe(1);
  });

  it('treats a non-numeric value as zero when incrementing', async () => {
    const store = createMemoryStore();
    await store.set('s', 'text');
    expect(await store.increment('s', 2)).toBe(2);
  });

  it('reserves only while the total stays within the limit', async () => {
    const store = createMemoryStore();
    expect(await store.reserve('b', 6, 10)).toEqual({ ok: true, value: 6 });
    expect(await store.reserve('b', 5, 10)).toEqual({ ok: false, value: 6 });
    expect(await store.reserve('b', 4, 10)).toEqual({ ok: true, value: 10 });
    expect(await store.get('b')).toBe(10);
  });

  it('applies the TTL of a reservation that creates the key', async () => {
    const clock = fakeClock(0);
    const store = createMemoryStore({ now: clock.now });
    await store.reserve('b', 3, 10, 50);
    clock.advance(50);
    expect(await store.reserve('b', 10, 10, 50)).toEqual({ ok: true, value: 10 });
  });

  it('never lets concurrent reservations exceed the limit', async () => {
    const store = createMemoryStore();
    const results = await Promise.all(Array.from({ length: 100 }, () => store.reserve('c', 3, 100)));
    expect(results.filter((r) => r.ok)).toHaveLength(33);
    expect(await store.get('c')).toBe(99);
  });

  it('sets a value only when none is live, as a lease that expires', async () => {
    const clock = fakeClock(0);
    const store = createMemoryStore({ now: clock.now });
    const results = await Promise.all([1, 2, 3].map((n) => store.setIfAbsent('lease', n, 100)));
    expect(results).toEqual([true, false, false]);
    expect(await store.get('lease')).toBe(1);
    clock.advance(100);
    expect(await store.setIfAbsent('lease', 4)).toBe(true);
    await store.delete('lease');
    expect(await store.setIfAbsent('lease', 5)).toBe(true);
  });

  it('takes tokens from a bucket that starts full and keeps it until full again plus a period', async () => {
    const clock = fakeClock(0);
    const store = createMemoryStore({ now: clock.now });
    const take = (cost: number, maxWaitMs?: number) =>
      store.takeTokens('b', { capacity: 2, refillPerMs: 0.001, cost, now: clock.now(), maxWaitMs });
    expect(await take(1)).toEqual({ ok: true, waitMs: 0, remaining: 1 });
    expect(await take(2, 500)).toEqual({ ok: false, waitMs: 1000, remaining: 1 });
    expect(await take(2)).toEqual({ ok: true, waitMs: 1000, remaining: -1 });
    expect(await store.get('b')).toEqual({ tokens: -1, updatedAt: 0 });
    clock.advance(4999);
    expect(await store.get('b')).toBeDefined();
    clock.advance(1);
    expect(await store.get('b')).toBeUndefined();
  });

  it('treats a key holding something else as a full bucket', async () => {
    const store = createMemoryStore();
    await store.set('b', 'text');
    expect(await store.takeTokens('b', { capacity: 5, refillPerMs: 1, cost: 1, now: 0 })).toMatchObject({
      remaining: 4,
    });
  });

  it('never lets concurrent takers share a token', async () => {
    const store = createMemoryStore();
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        store.takeTokens('b', { capacity: 4, refillPerMs: 0.001, cost: 1, now: 0, maxWaitMs: 0 }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(4);
  });

  it('sweeps expired keys that are never read again', async () => {
    const clock = fakeClock(0);
    const store = createMemoryStore({ now: clock.now });
    for (let i = 0; i < 1000; i++) await store.set(`old:${i}`, i, 10);
    await store.set('kept', 'k');
    clock.advance(10);
    for (let i = 0; i < 22; i++) await store.set(`new:${i}`, i);
    expect(store.size).toBe(1023);
    await store.set('new:22', 22);
    expect(store.size).toBe(24);
    expect(await store.get('kept')).toBe('k');
  });
});
