import { describe, expect, it } from 'vitest';
import { fakeClock } from './fake-next.test-support.js';
import { LruTtlMap } from './lru-ttl-map.js';

describe('LruTtlMap', () => {
  it('evicts the least recently used entry beyond its bound', () => {
    const map = new LruTtlMap<number>(2, fakeClock().now);
    map.set('a', 1, 1000);
    map.set('b', 2, 1000);
    expect(map.get('a')).toBe(1);
    map.set('c', 3, 1000);
    expect(map.get('b')).toBeUndefined();
    expect(map.get('a')).toBe(1);
    expect(map.get('c')).toBe(3);
    map.set('c', 4, 1000);
    expect(map.size).toBe(2);
    expect(map.get('c')).toBe(4);
  });

  it('expires entries after their TTL and leaves them out of size', () => {
    const clock = fakeClock();
    const map = new LruTtlMap<number>(10, clock.now);
    map.set('a', 1, 100);
    map.set('b', 2, 200);
    clock.advance(100);
    expect(map.get('a')).toBeUndefined();
    clock.advance(100);
    expect(map.size).toBe(0);
    map.set('c', 3, 100);
    map.clear();
    expect(map.size).toBe(0);
  });
});
