import { describe, expect, it } from 'vitest';
import { fakeClock } from './fake-next.test-support.js';
import { TokenBucket } from './token-bucket.js';

describe('TokenBucket', () => {
  it('starts full and refills at capacity per period, never above capacity', () => {
    const clock = fakeClock(0);
    const bucket = new TokenBucket(60, 60_000, clock.now);
    expect(bucket.available).toBe(60);
    bucket.take(60);
    expect(bucket.available).toBe(0);
    clock.advance(30_000);
    expect(bucket.available).toBe(30);
    clock.advance(120_000);
    expect(bucket.available).toBe(60);
  });

  it('goes into debt and tells how long until a take would fit', () => {
    const clock = fakeClock(0);
    const bucket = new TokenBucket(10, 10_000, clock.now);
    expect(bucket.waitFor(5)).toBe(0);
    bucket.take(10);
    bucket.take(5);
    expect(bucket.available).toBe(-5);
    expect(bucket.waitFor(1)).toBe(6000);
    expect(bucket.waitFor(50)).toBe(15_000);
  });

  it('takes and waits for at most the capacity', () => {
    const bucket = new TokenBucket(10, 1000, fakeClock(0).now);
    bucket.take(100);
    expect(bucket.available).toBe(0);
  });

  it('gives tokens back up to the capacity and lowers to a reported remainder', () => {
    const bucket = new TokenBucket(10, 1000, fakeClock(0).now);
    bucket.take(4);
    bucket.give(100);
    expect(bucket.available).toBe(10);
    bucket.lowerTo(3);
    expect(bucket.available).toBe(3);
    bucket.lowerTo(8);
    expect(bucket.available).toBe(3);
  });
});
