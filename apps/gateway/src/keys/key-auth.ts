import type { StateStore } from '@pal/core';
import type { MiddlewareHandler } from 'hono';
import { failureResponse } from '../http/dialect.js';
import { gatewayFailure } from '../http/gateway-error.js';
import { dialectFor } from '../http/route-dialect.js';
import type { KeyGrant } from './key-grant.js';
import { takeKeyRequest } from './key-rate-limit.js';
import { presentedKey } from './presented-key.js';

/** The key the sandbox always accepts (its banner says so). */
export const SANDBOX_KEY = 'pal-sandbox';

/** Where the key check looks keys up: the store's gateway keys. */
export interface KeyDirectory {
  /** The live key `key` is, or undefined (wrong, unknown or revoked). */
  verifyKey(key: string): KeyGrant | undefined;
  /** How many live keys there are (none yet: the sandbox lets any key in). */
  countKeys(): number;
  /** Notes a key's use (cheap: written at most once a minute). */
  touchKey(id: string): void;
}

/** Options of {@link keyAuth}. */
export interface KeyAuthOptions {
  keys: KeyDirectory;
  /** Where the keys' per-minute buckets are kept (the store's StateStore: shared by every gateway on it). */
  state: StateStore;
  /** The sandbox accepts {@link SANDBOX_KEY}, and any key while no key exists. */
  sandbox: boolean;
  /** True for the admin token (the console's playground calls `/v1` with it). */
  isAdminToken(token: string): boolean;
  /** Said in the 401 when no key exists yet, outside the sandbox: how to create one. */
  noKeysHint: string;
  now?: () => number;
}

const ADMIN: KeyGrant = { id: 'admin', name: 'admin token' };
const SANDBOX: KeyGrant = { id: 'sandbox', name: SANDBOX_KEY };
const OPEN: KeyGrant = { id: 'open', name: 'any key (sandbox without keys)' };

/**
 * The key check of `/v1/*`: the caller's `Authorization: Bearer` key (or `x-api-key` on
 * `/v1/messages*`) must be a live gateway key, the admin token, or in the sandbox `pal-sandbox`
 * (any key at all while no key exists). A missing or wrong key is a 401 in the caller's dialect
 * that never repeats the key; a key past its requests per minute is a 429 with `retry-after`. The
 * grant (the key's id and limits, never the key) is set as `c.var.gatewayKey` for the routes.
 */
export function keyAuth(options: KeyAuthOptions): MiddlewareHandler {
  const now = options.now ?? Date.now;
  return async (c, next) => {
    const token = presentedKey(c);
    const grant = grantFor(token, options);
    if ('refusal' in grant) {
      c.header('www-authenticate', 'Bearer realm="pal"');
      return failureResponse(
        c,
        dialectFor(c.req.path),
        gatewayFailure(401, 'PROVIDER_AUTH_ERROR', grant.refusal, { action: 'none' }),
      );
    }
    const taken = await takeKeyRequest(options.state, grant, now());
    if (!taken.ok) {
      return failureResponse(
        c,
        dialectFor(c.req.path),
        gatewayFailure(
          429,
          'PROVIDER_RATE_LIMIT_ERROR',
          `Gateway key ${grant.id} may send ${grant.requestsPerMinute} requests a minute; try again in ${Math.ceil(taken.waitMs / 1000)} s`,
          {
            retryAfterMs: taken.waitMs,
            action: 'auto-retry',
            userMessage: 'This gateway key has sent too many requests this minute. Try again shortly.',
          },
        ),
      );
    }
    if (grant.id.startsWith('key_')) options.keys.touchKey(grant.id);
    c.set('gatewayKey', grant);
    await next();
  };
}

function grantFor(token: string | undefined, options: KeyAuthOptions): KeyGrant | { refusal: string } {
  if (token !== undefined) {
    const found = options.keys.verifyKey(token);
    if (found) return found;
    if (options.isAdminToken(token)) return ADMIN;
    if (options.sandbox && token === SANDBOX_KEY) return SANDBOX;
  }
  const none = options.keys.countKeys() === 0;
  if (none && options.sandbox) return OPEN;
  if (none) return { refusal: `This gateway has no keys yet. ${options.noKeysHint}` };
  return {
    refusal:
      token === undefined
        ? 'No gateway key was sent: send it as "Authorization: Bearer <key>" (or x-api-key on /v1/messages)'
        : 'The gateway key is not valid (wrong, unknown or revoked)',
  };
}
