import type { StateStore } from '@pal/core';
import { bucketStateOf, type TakeTokensRequest, takeFromBucket } from '@pal/core/provider';
import type { StoreContext } from '../store-context.js';

/** Writes between two sweeps of expired keys. */
const SWEEP_EVERY = 1000;

interface StateRow {
  value: string;
}

/**
 * A {@link StateStore} in the store's `state` table, for the budget guard (and any other policy:
 * rate limits, circuits, cached answers), so daily and monthly spend and alert marks survive a
 * restart and are shared by every process that opens the same file.
 *
 * Atomicity: each operation is one SQLite transaction begun `IMMEDIATE`, which takes the
 * database's single write lock before it reads. So a read-modify-write (`increment`, `reserve`,
 * `setIfAbsent`, `takeTokens`) can never interleave with another one, in this process or another
 * (a second process waits up to `busyTimeoutMs` for the lock): concurrent increments never lose an
 * update, concurrent reservations never pass the limit, exactly one `setIfAbsent` wins. `get`,
 * `set` and `delete` are single statements. Values are JSON; TTLs count on the store's clock and
 * expired keys read as absent (and are swept every {@link SWEEP_EVERY} writes).
 */
export function createSqliteStateStore(ctx: StoreContext): StateStore {
  const { db, now } = ctx;
  const select = db.prepare<[string, number], StateRow>(
    'SELECT value FROM state WHERE key = ? AND (expires_at IS NULL OR expires_at > ?)',
  );
  const upsert = db.prepare<[string, string, number | null]>(
    'INSERT INTO state (key, value, expires_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at',
  );
  const updateValue = db.prepare<[string, string]>('UPDATE state SET value = ? WHERE key = ?');
  const remove = db.prepare<[string]>('DELETE FROM state WHERE key = ?');
  const sweep = db.prepare<[number]>('DELETE FROM state WHERE expires_at IS NOT NULL AND expires_at <= ?');
  let writes = 0;

  const read = (key: string): unknown => {
    const row = select.get(key, now());
    return row === undefined ? undefined : JSON.parse(row.value);
  };
  const expiry = (ttlMs: number | undefined) => (ttlMs === undefined ? null : now() + Math.max(0, ttlMs));
  const wrote = () => {
    if (++writes % SWEEP_EVERY === 0) sweep.run(now());
  };
  /** Writes a number: a new key (or one whose value expired) gets `ttlMs`, a live one keeps its expiry. */
  const writeNumber = (key: string, value: number, existed: boolean, ttlMs: number | undefined) => {
    if (existed) updateValue.run(JSON.stringify(value), key);
    else upsert.run(key, JSON.stringify(value), expiry(ttlMs));
    wrote();
  };

  const setIfAbsent = db.transaction((key: string, json: string, ttlMs: number | undefined) => {
    if (select.get(key, now()) !== undefined) return false;
    upsert.run(key, json, expiry(ttlMs));
    wrote();
    return true;
  });
  const increment = db.transaction((key: string, by: number, ttlMs: number | undefined) => {
    const current = read(key);
    const value = (typeof current === 'number' ? current : 0) + by;
    writeNumber(key, value, current !== undefined, ttlMs);
    return value;
  });
  const reserve = db.transaction((key: string, amount: number, limit: number, ttlMs: number | undefined) => {
    const current = read(key);
    const value = typeof current === 'number' ? current : 0;
    if (value + amount > limit) return { ok: false, value };
    writeNumber(key, value + amount, current !== undefined, ttlMs);
    return { ok: true, value: value + amount };
  });
  const takeTokens = db.transaction((key: string, request: TakeTokensRequest) => {
    const step = takeFromBucket(bucketStateOf(read(key)), request);
    upsert.run(key, JSON.stringify(step.state), expiry(step.ttlMs));
    wrote();
    return step.result;
  });

  const { run } = ctx;
  return {
    async get<T>(key: string) {
      return run('reading policy state', () => read(key)) as T | undefined;
    },
    async set<T>(key: string, value: T, ttlMs?: number) {
      run('writing policy state', () => {
        upsert.run(key, JSON.stringify(value), expiry(ttlMs));
        wrote();
      });
    },
    async setIfAbsent<T>(key: string, value: T, ttlMs?: number) {
      return run('writing policy state', () => setIfAbsent.immediate(key, JSON.stringify(value), ttlMs));
    },
    async delete(key: string) {
      run('writing policy state', () => remove.run(key));
    },
    async increment(key: string, by: number, ttlMs?: number) {
      return run('writing policy state', () => increment.immediate(key, by, ttlMs));
    },
    async reserve(key: string, amount: number, limit: number, ttlMs?: number) {
      return run('writing policy state', () => reserve.immediate(key, amount, limit, ttlMs));
    },
    async takeTokens(key: string, request: TakeTokensRequest) {
      return run('writing policy state', () => takeTokens.immediate(key, request));
    },
  };
}
