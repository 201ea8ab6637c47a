import { describe, expect, it } from 'vitest';
import { fakeClock } from './fake-next.test-support.js';
import { createMemoryStore } from './state-store.js';

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
});
