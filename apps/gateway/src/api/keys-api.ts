import { readBudgetUsage } from '@pal/core';
import { z } from '@pal/core/provider';
import { createKeySchema, type GatewayKeyRecord, updateKeySchema } from '@pal/store-sqlite';
import type { Hono } from 'hono';
import { gatewayError } from '../http/gateway-error.js';
import { readBody } from '../http/read-body.js';
import { readQuery } from '../http/read-query.js';
import { budgetScopeOf } from '../keys/key-grant.js';
import type { ConsoleDeps } from './console-deps.js';

/** A gateway key as the console shows it: masked, with what its budget has spent. */
export type KeyView = GatewayKeyRecord & {
  /** The key itself: in the answer to `POST /api/keys` only. */
  key?: string;
  /** Its budget counters (when it has a daily or monthly USD limit). */
  usage?: Array<{
    scope: string;
    periodKey: string;
    limitUsd: number;
    spentUsd: number;
    remainingUsd: number;
  }>;
};

const listQuery = z.strictObject({ revoked: z.enum(['0', '1', 'true', 'false']).optional() });

/**
 * Gateway keys (virtual keys): `GET /api/keys` (masked; `?revoked=1` lists revoked ones too),
 * `GET /api/keys/:id` (with its budget's spend), `POST /api/keys` (name, allowed models,
 * requests per minute, daily / monthly USD: the key is in this answer only), `PATCH
 * /api/keys/:id` (a limit `null` removes it), `DELETE /api/keys/:id` (revoked at once). Audited.
 */
export function registerKeysApi(app: Hono, deps: ConsoleDeps): void {
  const { store } = deps;
  const withUsage = async (record: GatewayKeyRecord): Promise<KeyView> => {
    const scope = budgetScopeOf(record);
    if (!scope) return record;
    const usage = await readBudgetUsage(store.state, { scope }, Date.now());
    return { ...record, usage: usage.map(({ period: _period, ...counter }) => counter) };
  };
  const found = (id: string) => {
    const record = store.getKey(id);
    if (!record) throw gatewayError(404, 'INVALID_REQUEST', `No gateway key "${id}"`, { path: ['id'] });
    return record;
  };

  app.get('/api/keys', (c) => {
    const { revoked } = readQuery(c, listQuery);
    return c.json(store.listKeys({ includeRevoked: revoked === '1' || revoked === 'true' }));
  });
  app.get('/api/keys/:id', async (c) => c.json(await withUsage(found(c.req.param('id')))));
  app.post('/api/keys', async (c) => {
    const input = await readBody(c, createKeySchema);
    const { key, record } = store.createKey(input, { actor: c.get('actor') });
    return c.json({ ...record, key } satisfies KeyView, 201);
  });
  app.patch('/api/keys/:id', async (c) => {
    const input = await readBody(c, updateKeySchema);
    const id = c.req.param('id');
    found(id);
    const updated = store.updateKey(id, input, { actor: c.get('actor') });
    return c.json(await withUsage(updated ?? found(id)));
  });
  app.delete('/api/keys/:id', (c) => {
    const id = c.req.param('id');
    const record = found(id);
    if (record.revokedAt !== undefined)
      throw gatewayError(409, 'INVALID_REQUEST', `Gateway key "${id}" was revoked already`, { path: ['id'] });
    store.revokeKey(id, { actor: c.get('actor') });
    return c.body(null, 204);
  });
}
