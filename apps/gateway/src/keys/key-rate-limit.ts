import type { StateStore } from '@pal/core';
import type { KeyGrant } from './key-grant.js';

/** Prefix of the state-store keys of the gateway keys' request buckets. */
export const KEY_BUCKET_PREFIX = 'pal:gateway:key:';

/**
 * Takes one request from the key's per-minute bucket (a token bucket of `requestsPerMinute`,
 * refilled continuously, in `state` so every gateway on the store shares it). Answers how long to
 * wait when the bucket is empty; keys without a rate take nothing.
 */
export async function takeKeyRequest(
  state: StateStore,
  grant: KeyGrant,
  now: number,
): Promise<{ ok: true } | { ok: false; waitMs: number }> {
  const perMinute = grant.requestsPerMinute;
  if (perMinute === undefined) return { ok: true };
  const result = await state.takeTokens(`${KEY_BUCKET_PREFIX}${grant.id}:rpm`, {
    capacity: perMinute,
    refillPerMs: perMinute / 60_000,
    cost: 1,
    now,
    maxWaitMs: 0,
  });
  return result.ok ? { ok: true } : { ok: false, waitMs: Math.max(1, Math.ceil(result.waitMs)) };
}
