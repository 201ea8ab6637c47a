import { describe, expect, it } from 'vitest';
import {
  bucketStateOf,
  type TakeTokensRequest,
  type TokenBucketState,
  takeFromBucket,
} from './token-bucket.js';

/** Runs requests in turn on one bucket of 10 tokens refilling 1 per second, from a full bucket. */
function bucket() {
  let state: TokenBucketState | undefined;
  return (request: Partial<TakeTokensRequest> & { now: number }) => {
    const step = takeFromBucket(state, { capacity: 10, refillPerMs: 0.001, cost: 0, ...request });
    state = step.state;
    return step;
  };
}

describe('takeFromBucket', () => {
  it('starts full and refills at its rate, never above capacity', () => {
    const take = bucket();
    expect(take({ cost: 10, now: 0 }).result).toEqual({ ok: true, waitMs: 0, remaining: 0 });
    expect(take({ now: 5000 }).result.remaining).toBe(5);
    expect(take({ now: 60_000 }).result.remaining).toBe(10);
  });

  it('goes into debt and tells each taker how long to wait', () => {
    const take = bucket();
    take({ cost: 10, now: 0 });
    expect(take({ cost: 5, now: 0 }).result).toEqual({ ok: true, waitMs: 5000, remaining: -5 });
    expect(take({ cost: 1, now: 0 }).result).toEqual({ ok: true, waitMs: 6000, remaining: -6 });
  });

  it('takes and waits for at most the capacity', () => {
    const take = bucket();
    expect(take({ cost: 100, now: 0 }).result).toEqual({ ok: true, waitMs: 0, remaining: 0 });
    expect(take({ cost: 100, now: 0 }).result).toEqual({ ok: true, waitMs: 10_000, remaining: -10 });
  });

  it('takes nothing when the wait would exceed maxWaitMs', () => {
    const take = bucket();
    take({ cost: 8, now: 0 });
    expect(take({ cost: 5, now: 0, maxWaitMs: 2000 }).result).toEqual({
      ok: false,
      waitMs: 3000,
      remaining: 2,
    });
    expect(take({ cost: 2, now: 0, maxWaitMs: 0 }).result).toEqual({ ok: true, waitMs: 0, remaining: 0 });
  });

  it('gives tokens back up to the capacity and lowers to a reported remainder', () => {
    const take = bucket();
    take({ cost: 4, now: 0 });
    expect(take({ cost: -100, now: 0 }).result.remaining).toBe(10);
    expect(take({ atMost: 3, now: 0 }).result.remaining).toBe(3);
    expect(take({ atMost: 8, now: 0 }).result.remaining).toBe(3);
    expect(take({ atMost: 0, cost: 1, now: 0 }).result).toEqual({ ok: true, waitMs: 1000, remaining: -1 });
  });

  it('keeps the state until it is full again plus one period', () => {
    const take = bucket();
    expect(take({ now: 0 }).ttlMs).toBe(10_000);
    expect(take({ cost: 10, now: 0 }).ttlMs).toBe(20_000);
    expect(take({ cost: 5, now: 0 }).ttlMs).toBe(25_000);
  });
});

describe('bucketStateOf', () => {
  it('reads a stored bucket back, and anything else as a full bucket (undefined)', () => {
    expect(bucketStateOf({ tokens: -2, updatedAt: 5 })).toEqual({ tokens: -2, updatedAt: 5 });
    expect(bucketStateOf({ tokens: '1', updatedAt: 5 })).toBeUndefined();
    expect(bucketStateOf(7)).toBeUndefined();
    expect(bucketStateOf(null)).toBeUndefined();
  });
});
