import { z } from '@pal/core/provider';
import { AUDIT_ACTIONS } from '@pal/store-sqlite';
import type { Hono } from 'hono';
import { readQuery } from '../http/read-query.js';
import type { ConsoleDeps } from './console-deps.js';
import { countParam, timeParam } from './query-params.js';

const auditQuery = z.strictObject({
  provider: z.string().min(1).optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  since: timeParam(),
  until: timeParam(),
  after: z.coerce.number().int().nonnegative().optional(),
  limit: countParam(1000),
});

/**
 * The audit log (seed 003's `provider_audit_log`): `GET /api/audit?provider&action&since&until&after&limit`,
 * a page oldest first (`next` reads on), each entry with its actor, metadata (secrets masked) and
 * time (`at`, epoch ms).
 */
export function registerAuditApi(app: Hono, deps: ConsoleDeps): void {
  app.get('/api/audit', (c) => {
    const query = readQuery(c, auditQuery);
    const page = deps.store.auditLog(
      Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)) as typeof query,
    );
    return c.json({
      entries: page.entries.map(({ timestamp, ...entry }) => ({ ...entry, at: timestamp })),
      ...(page.next !== undefined && { next: page.next }),
    });
  });
}
