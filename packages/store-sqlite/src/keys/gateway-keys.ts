import { createHash, randomBytes } from 'node:crypto';
import { maskSecret } from '@pal/core';
import { parseOptions } from '@pal/core/provider';
import type { ChangeOptions } from '../registry/saved-provider.js';
import type { StoreContext } from '../store-context.js';
import {
  type CreatedKey,
  type CreateKeyInput,
  createKeySchema,
  type GatewayKeyRecord,
  type UpdateKeyInput,
  updateKeySchema,
} from './gateway-key-input.js';

/** Gateway keys start so: PAL's (and most scanners') secret patterns recognise `sk-…`. */
export const GATEWAY_KEY_PREFIX = 'sk-pal-';

/** How often `touch` writes a key's last use (a write per request would cost more than the request). */
const TOUCH_EVERY_MS = 60_000;

interface KeyRow {
  id: string;
  name: string;
  key_hash: string;
  masked: string;
  allowed_models: string | null;
  requests_per_minute: number | null;
  daily_limit: number | null;
  monthly_limit: number | null;
  created_at: number;
  updated_at: number;
  revoked_at: number | null;
  last_used_at: number | null;
}

const LIMIT_COLUMNS = [
  ['allowedModels', 'allowed_models'],
  ['requestsPerMinute', 'requests_per_minute'],
  ['dailyUsd', 'daily_limit'],
  ['monthlyUsd', 'monthly_limit'],
] as const;

/** The SHA-256 of a key, hex: what the store keeps (the keys are 256 random bits, so no slow hash is needed). */
export function hashGatewayKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/**
 * The `gateway_keys` table: the keys callers of a gateway present, each with its own allowed
 * models, request rate and USD budget. Only a key's SHA-256 and masked form are kept: the key is
 * shown once, when created. Every change is audited (`key_created`, `key_updated`, `key_revoked`).
 */
export class GatewayKeys {
  readonly #ctx: StoreContext;
  readonly #touched = new Map<string, number>();
  // prepared once: verify runs on every request a gateway serves
  readonly #verify;
  readonly #touch;
  readonly #count;

  constructor(ctx: StoreContext) {
    this.#ctx = ctx;
    this.#verify = ctx.db.prepare('SELECT * FROM gateway_keys WHERE key_hash = ? AND revoked_at IS NULL');
    this.#touch = ctx.db.prepare('UPDATE gateway_keys SET last_used_at = ? WHERE id = ?');
    this.#count = ctx.db.prepare('SELECT COUNT(*) FROM gateway_keys WHERE revoked_at IS NULL').pluck();
  }

  /** A new key with its limits; the key itself is in the result only. */
  create(input: CreateKeyInput, change: ChangeOptions = {}): CreatedKey {
    const parsed = parseOptions('createKey', createKeySchema, input);
    const key = `${GATEWAY_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const now = this.#ctx.now();
    const row: KeyRow = {
      id: `key_${randomBytes(6).toString('hex')}`,
      name: parsed.name,
      key_hash: hashGatewayKey(key),
      masked: maskSecret(key),
      allowed_models: parsed.allowedModels ? JSON.stringify(parsed.allowedModels) : null,
      requests_per_minute: parsed.requestsPerMinute ?? null,
      daily_limit: parsed.dailyUsd ?? null,
      monthly_limit: parsed.monthlyUsd ?? null,
      created_at: now,
      updated_at: now,
      revoked_at: null,
      last_used_at: null,
    };
    const record = toRecord(row);
    this.#ctx.transaction('creating a gateway key', () => {
      this.#ctx.db
        .prepare(
          `INSERT INTO gateway_keys (id, name, key_hash, masked, allowed_models, requests_per_minute, daily_limit,
             monthly_limit, created_at, updated_at, revoked_at, last_used_at)
           VALUES (@id, @name, @key_hash, @masked, @allowed_models, @requests_per_minute, @daily_limit,
             @monthly_limit, @created_at, @updated_at, @revoked_at, @last_used_at)`,
        )
        .run(row);
      this.#audit('key_created', change, {
        keyId: row.id,
        name: row.name,
        masked: row.masked,
        ...limitsOf(record),
      });
    });
    return { key, record };
  }

  /** Changes a key's name or limits (audited with each old and new value); undefined when there is no such key. */
  update(id: string, input: UpdateKeyInput, change: ChangeOptions = {}): GatewayKeyRecord | undefined {
    const parsed = parseOptions('updateKey', updateKeySchema, input);
    return this.#ctx.transaction('updating a gateway key', () => {
      const before = this.#row(id);
      if (!before) return undefined;
      const row: KeyRow = { ...before, updated_at: this.#ctx.now() };
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      if (parsed.name !== undefined && parsed.name !== before.name) {
        changes.name = { from: before.name, to: parsed.name };
        row.name = parsed.name;
      }
      const was = toRecord(before);
      for (const [field, column] of LIMIT_COLUMNS) {
        const given = parsed[field];
        if (given === undefined) continue;
        const stored = column === 'allowed_models' ? given && JSON.stringify(given) : given;
        if (stored === before[column]) continue;
        changes[field] = { from: was[field] ?? null, to: given };
        (row as unknown as Record<string, unknown>)[column] = stored;
      }
      if (Object.keys(changes).length === 0) return was;
      this.#ctx.db
        .prepare(
          `UPDATE gateway_keys SET name = @name, allowed_models = @allowed_models,
             requests_per_minute = @requests_per_minute, daily_limit = @daily_limit,
             monthly_limit = @monthly_limit, updated_at = @updated_at WHERE id = @id`,
        )
        .run(row);
      this.#audit('key_updated', change, { keyId: id, name: row.name, changes });
      return toRecord(row);
    });
  }

  /** Revokes a key at once (kept, marked revoked); false when there is no such key or it was revoked already. */
  revoke(id: string, change: ChangeOptions = {}): boolean {
    return this.#ctx.transaction('revoking a gateway key', () => {
      const before = this.#row(id);
      if (!before || before.revoked_at !== null) return false;
      this.#ctx.db
        .prepare('UPDATE gateway_keys SET revoked_at = ?, updated_at = ? WHERE id = ?')
        .run(this.#ctx.now(), this.#ctx.now(), id);
      this.#audit('key_revoked', change, { keyId: id, name: before.name, masked: before.masked });
      return true;
    });
  }

  /** The live (not revoked) key `key` is, or undefined: a wrong, unknown or revoked key. */
  verify(key: string): GatewayKeyRecord | undefined {
    const row = this.#ctx.run(
      'checking a gateway key',
      () => this.#verify.get(hashGatewayKey(key)) as KeyRow | undefined,
    );
    return row && toRecord(row);
  }

  /** Notes that key `id` was used at `at` (written at most once a minute per key). */
  touch(id: string, at = this.#ctx.now()): void {
    const last = this.#touched.get(id);
    if (last !== undefined && at - last < TOUCH_EVERY_MS) return;
    this.#touched.set(id, at);
    this.#ctx.run('noting a gateway key’s use', () => this.#touch.run(at, id));
  }

  /** Every key, oldest first; revoked ones only when asked. */
  list(options: { includeRevoked?: boolean } = {}): GatewayKeyRecord[] {
    const rows = this.#ctx.run(
      'listing gateway keys',
      () =>
        this.#ctx.db
          .prepare(
            `SELECT * FROM gateway_keys ${options.includeRevoked ? '' : 'WHERE revoked_at IS NULL'} ORDER BY created_at, rowid`,
          )
          .all() as KeyRow[],
    );
    return rows.map(toRecord);
  }

  /** One key by id (revoked ones too). */
  get(id: string): GatewayKeyRecord | undefined {
    const row = this.#ctx.run('reading a gateway key', () => this.#row(id));
    return row && toRecord(row);
  }

  /** How many live keys there are. */
  count(): number {
    return this.#ctx.run('counting gateway keys', () => this.#count.get() as number);
  }

  #row(id: string): KeyRow | undefined {
    return this.#ctx.db.prepare('SELECT * FROM gateway_keys WHERE id = ?').get(id) as KeyRow | undefined;
  }

  #audit(
    action: 'key_created' | 'key_updated' | 'key_revoked',
    change: ChangeOptions,
    metadata: object,
  ): void {
    this.#ctx.audit.record({
      action,
      ...(change.actor !== undefined && { actor: change.actor }),
      metadata: metadata as Record<string, unknown>,
    });
  }
}

function limitsOf(record: GatewayKeyRecord): Partial<GatewayKeyRecord> {
  const { allowedModels, requestsPerMinute, dailyUsd, monthlyUsd } = record;
  return {
    ...(allowedModels && { allowedModels }),
    ...(requestsPerMinute !== undefined && { requestsPerMinute }),
    ...(dailyUsd !== undefined && { dailyUsd }),
    ...(monthlyUsd !== undefined && { monthlyUsd }),
  };
}

function toRecord(row: KeyRow): GatewayKeyRecord {
  return {
    id: row.id,
    name: row.name,
    masked: row.masked,
    ...(row.allowed_models !== null && { allowedModels: JSON.parse(row.allowed_models) as string[] }),
    ...(row.requests_per_minute !== null && { requestsPerMinute: row.requests_per_minute }),
    ...(row.daily_limit !== null && { dailyUsd: row.daily_limit }),
    ...(row.monthly_limit !== null && { monthlyUsd: row.monthly_limit }),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(row.revoked_at !== null && { revokedAt: row.revoked_at }),
    ...(row.last_used_at !== null && { lastUsedAt: row.last_used_at }),
  };
}
