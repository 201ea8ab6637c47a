import { isSecret, maskSecret } from '@pal/core';
import { isSecretName, redactSecrets } from '@pal/core/provider';
import type { Db } from '../schema/open-database.js';
import { Conditions, pageOf, pageSize } from '../schema/page-query.js';

/**
 * Seed 003's audit events, and those PAL adds: a provider added or removed, a budget alert, the
 * master key rotated, a gateway key created, changed or revoked, an application setting changed.
 */
export const AUDIT_ACTIONS = [
  'provider_added',
  'provider_updated',
  'provider_removed',
  'credentials_added',
  'credentials_updated',
  'credentials_removed',
  'provider_enabled',
  'provider_disabled',
  'model_changed',
  'budget_changed',
  'budget_alert',
  'fallback_triggered',
  'master_key_rotated',
  'key_created',
  'key_updated',
  'key_revoked',
  'settings_changed',
] as const;

/** What an audit entry records. */
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One row of the audit log. */
export interface AuditEntry {
  /** Increasing; pass the last one seen as `after` to read on. */
  id: number;
  /** The provider it is about; absent for store-wide events (master key, global budget, gateway keys). */
  provider?: string;
  action: AuditAction;
  /** Who did it, when the caller said (`{ actor }` on the store's methods). */
  actor?: string;
  /** Details, secrets masked (`sk-...vX2Q`). */
  metadata?: Record<string, unknown>;
  /** Epoch ms. */
  timestamp: number;
}

/** Filters of {@link AuditLog.page}; every one optional. */
export interface AuditQuery {
  /** Entries at or after this time (epoch ms). */
  since?: number;
  /** Entries before this time (epoch ms). */
  until?: number;
  provider?: string;
  action?: AuditAction;
  /** Entries after this id (the previous page's `next`). */
  after?: number;
  /** Page size, 1 to 1000. Default 100. */
  limit?: number;
}

/** One page of the audit log, oldest first. */
export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `after` to read the next page; absent on the last page. */
  next?: number;
}

/** An entry to write; its time is the store's clock unless given. */
export type NewAuditEntry = Omit<AuditEntry, 'id' | 'timestamp'> & { timestamp?: number };

interface AuditRow {
  id: number;
  provider_id: string | null;
  action: AuditAction;
  actor: string | null;
  metadata: string | null;
  timestamp: number;
}

/** Writes and reads the `provider_audit_log` table. */
export class AuditLog {
  readonly #db: Db;
  readonly #now: () => number;
  readonly #insert;

  constructor(db: Db, now: () => number) {
    this.#db = db;
    this.#now = now;
    this.#insert = db.prepare(
      'INSERT INTO provider_audit_log (provider_id, action, actor, metadata, timestamp) VALUES (?, ?, ?, ?, ?)',
    );
  }

  /** Appends `entry` (inside the caller's transaction when there is one), its metadata masked. */
  record(entry: NewAuditEntry): void {
    this.#insert.run(
      entry.provider ?? null,
      entry.action,
      entry.actor ?? null,
      entry.metadata === undefined ? null : JSON.stringify(maskSecrets(entry.metadata)),
      entry.timestamp ?? this.#now(),
    );
  }

  /** One page of entries matching `query`, oldest first. */
  page(query: AuditQuery = {}): AuditPage {
    const where = new Conditions()
      .add('id > ?', query.after)
      .add('timestamp >= ?', query.since)
      .add('timestamp < ?', query.until)
      .add('provider_id = ?', query.provider)
      .add('action = ?', query.action);
    const size = pageSize(query.limit);
    const rows = this.#db
      .prepare(
        `SELECT id, provider_id, action, actor, metadata, timestamp FROM provider_audit_log
         ${where.sql} ORDER BY id LIMIT ?`,
      )
      .all(...where.params, size + 1) as AuditRow[];
    return pageOf(rows, size, toEntry);
  }
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    ...(row.provider_id !== null && { provider: row.provider_id }),
    action: row.action,
    ...(row.actor !== null && { actor: row.actor }),
    ...(row.metadata !== null && { metadata: JSON.parse(row.metadata) as Record<string, unknown> }),
    timestamp: row.timestamp,
  };
}

/**
 * A copy of `value` safe to keep: `Secret`s and values under secret-like names (`apiKey`,
 * `secretAccessKey`, `authorization`…) masked, and key-like text inside other strings redacted.
 */
export function maskSecrets(value: unknown, name = ''): unknown {
  if (isSecret(value)) return value.toString();
  if (typeof value === 'string') return isSecretName(name) ? maskSecret(value) : redactSecrets(value);
  if (Array.isArray(value)) return value.map((item) => maskSecrets(item, name));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = maskSecrets(item, key);
    return out;
  }
  return value;
}
