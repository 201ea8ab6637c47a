/** A token bucket as a {@link StateStore} keeps it (absent = full). */
export interface TokenBucketState {
  /** Tokens held at `updatedAt` (negative while in debt). */
  tokens: number;
  /** Epoch ms of the last refill. */
  updatedAt: number;
}

/**
 * The bucket state a store holds under a key, read back from whatever is there: undefined (a full
 * bucket) when the value is absent or not a bucket. For {@link StateStore} implementations.
 */
export function bucketStateOf(value: unknown): TokenBucketState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { tokens, updatedAt } = value as Partial<TokenBucketState>;
  return typeof tokens === 'number' && typeof updatedAt === 'number' ? { tokens, updatedAt } : undefined;
}

/** One operation on a token bucket: take (or give back) tokens, optionally lowering it first. */
export interface TakeTokensRequest {
  /** Tokens the bucket holds when full (a new bucket starts full). */
  capacity: number;
  /** Tokens added back per millisecond (capacity / period). */
  refillPerMs: number;
  /**
   * Tokens to take (at most the capacity), going into debt when the bucket holds fewer; a
   * negative cost gives tokens back (never above the capacity); 0 only refills (and lowers).
   */
  cost: number;
  /** The caller's clock (epoch ms); every gateway sharing a bucket must use synchronised clocks. */
  now: number;
  /** Take nothing (and answer `ok: false`) when the wait for `cost` tokens would exceed this. */
  maxWaitMs?: number;
  /** Lower the balance to at most this (after refilling, before taking): a vendor said so. */
  atMost?: number;
}

/** What a {@link TakeTokensRequest} did. */
export interface TakeTokensResult {
  /** Whether the tokens were taken (always true without `maxWaitMs`). */
  ok: boolean;
  /** How long the taker must wait for its tokens (0 when the bucket had them). */
  waitMs: number;
  /** Tokens left after the operation (negative while in debt). */
  remaining: number;
}

/** The outcome of {@link takeFromBucket}: the new state, the answer, and how long to keep the state. */
export interface TokenBucketStep {
  state: TokenBucketState;
  result: TakeTokensResult;
  /**
   * How long the state is worth keeping: until the bucket is full again plus one more period
   * (a missing bucket reads full, so dropping it later changes nothing).
   */
  ttlMs: number;
}

/**
 * Applies one {@link TakeTokensRequest} to a bucket's state (undefined = a full bucket). A bucket
 * may go into debt: a take that must wait still takes, so takers queue up fairly (first come,
 * first served) without a waiting list; each is told how long to wait. Pure, so a shared store
 * can run the same steps atomically (a Redis Lua script).
 */
export function takeFromBucket(
  state: TokenBucketState | undefined,
  request: TakeTokensRequest,
): TokenBucketStep {
  const { capacity, refillPerMs, cost, now } = request;
  let tokens = capacity;
  if (state) {
    const elapsed = Math.max(0, now - state.updatedAt);
    tokens = Math.min(capacity, state.tokens + elapsed * refillPerMs);
  }
  if (request.atMost !== undefined) tokens = Math.min(tokens, request.atMost);

  let ok = true;
  let waitMs = 0;
  if (cost < 0) tokens = Math.min(capacity, tokens - cost);
  else {
    const amount = Math.min(cost, capacity);
    const missing = amount - tokens;
    waitMs = missing > 0 ? Math.ceil(missing / refillPerMs) : 0;
    ok = request.maxWaitMs === undefined || waitMs <= request.maxWaitMs;
    if (ok) tokens -= amount;
  }
  return {
    state: { tokens, updatedAt: now },
    result: { ok, waitMs, remaining: tokens },
    ttlMs: Math.ceil((2 * capacity - tokens) / refillPerMs),
  };
}
