import { createMemoryStore, type StateStore } from '@pal/core';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../test-support/temp-dir.test-support.js';

/**
 * The StateStore contract (packages/core/src/policies/state-store.ts), run alike against core's
 * in-memory reference and the SQLite store on a real file: each operation's result, TTLs on the
 * store's clock, and the atomicity each one promises.
 */

const temp = useTempDir();

interface Subject {
  store: StateStore;
  advance(ms: number): void;
}

const subjects: Array<[string, () => Subject]> = [
  [
    'createMemoryStore',
    () => {
      let time = 10_000;
      return {
        store: createMemoryStore({ now: () => time }),
        advance: (ms) => {
          time += ms;
        },
      };
    },
  ],
  [
    'the SQLite store',
    () => {
      let time = 10_000;
      return {
        store: temp.open({ clock: () => time }).state,
        advance: (ms) => {
          time += ms;
        },
      };
    },
  ],
];

describe.each(subjects)('StateStore contract: %s', (_name, make) => {
  it('get / set / delete round-trip JSON values, absent reads undefined', async () => {
    const { store } = make();
    expect(await store.get('k')).toBeUndefined();
    await store.set('k', { nested: [1, 'two', true], n: 1.5 });
    expect(await store.get('k')).toEqual({ nested: [1, 'two', true], n: 1.5 });
    await store.set('k', 'replaced');
    expect(await store.get('k')).toBe('replaced');
    await store.delete('k');
    expect(await store.get('k')).toBeUndefined();
  });

  it('expires a value once its TTL has passed on the store clock', async () => {
    const { store, advance } = make();
    await store.set('t', 1, 50);
    advance(49);
    expect(await store.get('t')).toBe(1);
    advance(1);
    expect(await store.get('t')).toBeUndefined();
  });

  it('increment starts from 0, keeps the expiry of an existing key and restarts an expired one', async () => {
    const { store, advance } = make();
    expect(await store.increment('c', 3, 100)).toBe(3);
    advance(70);
    expect(await store.increment('c', -1, 10_000)).toBe(2); // the 10 s TTL is ignored: the key exists
    advance(30);
    expect(await store.get('c')).toBeUndefined();
    expect(await store.increment('c', 5)).toBe(5);
    await store.set('text', 'x');
    expect(await store.increment('text', 2)).toBe(2); // a non-number counts as 0
  });

  it('increment never loses an update and hands each caller a distinct value', async () => {
    const { store } = make();
    const results = await Promise.all(Array.from({ length: 50 }, () => store.increment('n', 1)));
    expect(new Set(results).size).toBe(50);
    expect(Math.max(...results)).toBe(50);
    expect(await store.get('n')).toBe(50);
  });

  it('reserve adds only while the total stays within the limit, reporting the value after', async () => {
    const { store } = make();
    expect(await store.reserve('r', 7, 10)).toEqual({ ok: true, value: 7 });
    expect(await store.reserve('r', 4, 10)).toEqual({ ok: false, value: 7 });
    expect(await store.reserve('r', 3, 10)).toEqual({ ok: true, value: 10 });
    const results = await Promise.all(Array.from({ length: 40 }, () => store.reserve('s', 4, 100)));
    expect(results.filter((r) => r.ok)).toHaveLength(25);
    expect(await store.get('s')).toBe(100);
  });

  it('reserve applies its TTL only to a key it creates', async () => {
    const { store, advance } = make();
    await store.reserve('w', 2, 10, 20);
    await store.reserve('w', 2, 10, 100_000);
    advance(20);
    expect(await store.get('w')).toBeUndefined();
  });

  it('setIfAbsent elects exactly one caller, until the lease expires or is deleted', async () => {
    const { store, advance } = make();
    const won = await Promise.all(['a', 'b', 'c', 'd'].map((who) => store.setIfAbsent('lease', who, 30)));
    expect(won.filter(Boolean)).toHaveLength(1);
    expect(await store.get('lease')).toBe('a');
    advance(30);
    expect(await store.setIfAbsent('lease', 'e')).toBe(true);
    expect(await store.setIfAbsent('lease', 'f')).toBe(false);
    await store.delete('lease');
    expect(await store.setIfAbsent('lease', 'g')).toBe(true);
  });

  it('takeTokens runs one token-bucket step: full at first, refilled by time, in debt when waiting', async () => {
    const { store } = make();
    const take = (cost: number, now: number, maxWaitMs?: number) =>
      store.takeTokens('bucket', {
        capacity: 10,
        refillPerMs: 0.01,
        cost,
        now,
        ...(maxWaitMs !== undefined && { maxWaitMs }),
      });
    expect(await take(6, 0)).toEqual({ ok: true, waitMs: 0, remaining: 4 });
    expect(await take(6, 0, 100)).toEqual({ ok: false, waitMs: 200, remaining: 4 });
    expect(await take(6, 0)).toEqual({ ok: true, waitMs: 200, remaining: -2 });
    expect(await take(0, 500)).toEqual({ ok: true, waitMs: 0, remaining: 3 });
    expect(await store.get('bucket')).toEqual({ tokens: 3, updatedAt: 500 });
  });
});
