import type { RateLimitInfo } from '../contracts/adapter.js';
import type { StateStore } from './state-store.js';

/** The per-minute limits of one provider. */
export interface RateLimits {
  requestsPerMinute?: number;
  tokensPerMinute?: number;
}

/** Room left in one provider's rate-limit buckets. */
export interface RateLimitHeadroom {
  requestsPerMinute?: number;
  /** Requests that may start now (negative while in debt). */
  requestsRemaining?: number;
  tokensPerMinute?: number;
  tokensRemaining?: number;
  /** Milliseconds the vendor's headers block the provider for (absent when not blocked). */
  blockedMs?: number;
}

/** What {@link ProviderRateLimits.take} answers. */
export interface RateLimitTake {
  /** Whether the call's request and tokens were taken. */
  ok: boolean;
  /** How long the call must wait before it is sent (or would have had to, when refused). */
  waitMs: number;
}

/** Prefix of every state-store key the rate limiter writes. */
export const RATE_LIMIT_KEY_PREFIX = 'pal:rate:';
const PERIOD_MS = 60_000;
/** Wait assumed when a provider says nothing is left but not when it resets. */
const DEFAULT_RESET_MS = 1000;

/**
 * One provider's rate-limit state in a {@link StateStore}: a request bucket, a token bucket
 * (each only when its limit is set) and a block until an epoch ms (set when the vendor says
 * nothing is left). Gateways sharing the store share the buckets, keyed by provider id.
 */
export class ProviderRateLimits {
  readonly #store: StateStore;
  readonly #limits: RateLimits;
  readonly #now: () => number;
  readonly #keys: { requests: string; tokens: string; blocked: string };

  constructor(store: StateStore, providerId: string, limits: RateLimits, now: () => number) {
    this.#store = store;
    this.#limits = limits;
    this.#now = now;
    const prefix = `${RATE_LIMIT_KEY_PREFIX}${providerId}:`;
    this.#keys = { requests: `${prefix}requests`, tokens: `${prefix}tokens`, blocked: `${prefix}blocked` };
  }

  /**
   * Takes one request and `tokens` from the buckets unless the call would have to wait longer
   * than `maxWaitMs` (for the buckets or a vendor block); a refused call takes nothing (a request
   * already taken is given back when the token bucket refuses).
   */
  async take(tokens: number, maxWaitMs: number): Promise<RateLimitTake> {
    const blockedUntil = (await this.#store.get<number>(this.#keys.blocked)) ?? 0;
    let waitMs = Math.max(0, blockedUntil - this.#now());
    if (waitMs > maxWaitMs) return { ok: false, waitMs };
    const requests = await this.#bucket('requests', 1, maxWaitMs);
    waitMs = Math.max(waitMs, requests?.waitMs ?? 0);
    if (requests && !requests.ok) return { ok: false, waitMs };
    const taken = await this.#bucket('tokens', tokens, maxWaitMs);
    waitMs = Math.max(waitMs, taken?.waitMs ?? 0);
    if (taken && !taken.ok) {
      await this.#bucket('requests', -1);
      return { ok: false, waitMs };
    }
    return { ok: true, waitMs };
  }

  /** What the buckets hold now (refilled to this moment; nothing is taken) and how long a vendor block lasts. */
  async headroom(): Promise<RateLimitHeadroom> {
    const [requests, tokens, blockedUntil] = await Promise.all([
      this.#bucket('requests', 0),
      this.#bucket('tokens', 0),
      this.#store.get<number>(this.#keys.blocked),
    ]);
    const blockedMs = Math.max(0, (blockedUntil ?? 0) - this.#now());
    return {
      ...(this.#limits.requestsPerMinute && { requestsPerMinute: this.#limits.requestsPerMinute }),
      ...(requests && { requestsRemaining: Math.floor(requests.remaining) }),
      ...(this.#limits.tokensPerMinute && { tokensPerMinute: this.#limits.tokensPerMinute }),
      ...(tokens && { tokensRemaining: Math.floor(tokens.remaining) }),
      ...(blockedMs > 0 && { blockedMs }),
    };
  }

  /** Gives back what {@link take} took for a call that was never sent. */
  async giveBack(tokens: number): Promise<void> {
    await Promise.all([this.#bucket('requests', -1), this.#bucket('tokens', -tokens)]);
  }

  /** Corrects the token bucket by `delta` tokens (actual minus estimated; negative gives back). */
  async settleTokens(delta: number): Promise<void> {
    if (delta !== 0) await this.#bucket('tokens', delta);
  }

  /**
   * Adapts to what the vendor's rate-limit headers said: fewer remaining than the bucket holds
   * lowers it; nothing remaining blocks the provider until the reset (1 s when not given).
   */
  async adapt(info: RateLimitInfo): Promise<void> {
    const steps: Array<Promise<unknown> | undefined> = [];
    const apply = (bucket: 'requests' | 'tokens', remaining?: number, resetMs?: number) => {
      if (remaining === undefined) return;
      steps.push(remaining <= 0 ? this.#block(resetMs) : this.#bucket(bucket, 0, undefined, remaining));
    };
    apply('requests', info.remainingRequests, info.resetRequestsMs);
    apply('tokens', info.remainingTokens, info.resetTokensMs);
    await Promise.all(steps);
  }

  /** Blocks the provider for `resetMs`, unless it is already blocked for longer. */
  async #block(resetMs = DEFAULT_RESET_MS): Promise<void> {
    const until = this.#now() + resetMs;
    // read then write: a concurrent, longer block may be shortened; the vendor still enforces its own
    const current = (await this.#store.get<number>(this.#keys.blocked)) ?? 0;
    if (until > current) await this.#store.set(this.#keys.blocked, until, resetMs);
  }

  #bucket(bucket: 'requests' | 'tokens', cost: number, maxWaitMs?: number, atMost?: number) {
    const perMinute = bucket === 'requests' ? this.#limits.requestsPerMinute : this.#limits.tokensPerMinute;
    if (!perMinute) return undefined;
    return this.#store.takeTokens(this.#keys[bucket], {
      capacity: perMinute,
      refillPerMs: perMinute / PERIOD_MS,
      cost,
      now: this.#now(),
      ...(maxWaitMs !== undefined && { maxWaitMs }),
      ...(atMost !== undefined && { atMost }),
    });
  }
}
