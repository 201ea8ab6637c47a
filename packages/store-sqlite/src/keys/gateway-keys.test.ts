import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { palErrorOf } from '../test-support/pal-error-of.test-support.js';
import { useTempDir } from '../test-support/temp-dir.test-support.js';
import { GATEWAY_KEY_PREFIX, hashGatewayKey } from './gateway-keys.js';

const temp = useTempDir();

describe('gateway keys', () => {
  it('keeps only a hash and a masked form; the key is shown once and verifies', () => {
    const store = temp.open();
    const { key, record } = store.createKey(
      { name: 'ci', allowedModels: ['openai/*'], requestsPerMinute: 60, dailyUsd: 1, monthlyUsd: 20 },
      { actor: 'admin' },
    );
    expect(key.startsWith(GATEWAY_KEY_PREFIX)).toBe(true);
    expect(key.length).toBeGreaterThan(40);
    expect(record).toMatchObject({
      name: 'ci',
      masked: `sk-...${key.slice(-4)}`,
      allowedModels: ['openai/*'],
      requestsPerMinute: 60,
      dailyUsd: 1,
      monthlyUsd: 20,
    });
    expect(record.id).toMatch(/^key_[0-9a-f]{12}$/);
    expect(JSON.stringify(store.listKeys())).not.toContain(key);
    expect(store.verifyKey(key)).toEqual(record);
    expect(store.verifyKey(`${key}x`)).toBeUndefined();
    expect(store.verifyKey('')).toBeUndefined();
    // the file and its WAL hold the hash, never the key
    const bytes = () =>
      [temp.path, `${temp.path}-wal`]
        .map((file) => (existsSync(file) ? readFileSync(file).toString('latin1') : ''))
        .join('');
    expect(bytes()).not.toContain(key);
    expect(bytes()).toContain(hashGatewayKey(key));
    store.close();
    expect(bytes()).not.toContain(key);
  });

  it('updates limits (null removes one) and audits each change with its old and new value', () => {
    let now = 1000;
    const store = temp.open({ clock: () => now });
    const { record } = store.createKey({ name: 'team', dailyUsd: 5 });
    now += 5;
    const updated = store.updateKey(record.id, {
      dailyUsd: null,
      monthlyUsd: 50,
      allowedModels: ['anthropic'],
    });
    expect(updated).toMatchObject({
      id: record.id,
      monthlyUsd: 50,
      allowedModels: ['anthropic'],
      updatedAt: 1005,
    });
    expect(updated?.dailyUsd).toBeUndefined();
    expect(store.updateKey(record.id, { monthlyUsd: 50 })).toEqual(updated); // nothing changed
    expect(store.updateKey('key_nope', { name: 'x' })).toBeUndefined();
    const entries = store.auditLog().entries;
    expect(entries.map((e) => e.action)).toEqual(['key_created', 'key_updated']);
    expect(entries[1]?.metadata).toEqual({
      keyId: record.id,
      name: 'team',
      changes: {
        dailyUsd: { from: 5, to: null },
        monthlyUsd: { from: null, to: 50 },
        allowedModels: { from: null, to: ['anthropic'] },
      },
    });
    expect(JSON.stringify(entries)).not.toContain(GATEWAY_KEY_PREFIX.slice(0, 6) + record.masked.slice(-4));
  });

  it('refuses a revoked key at once and keeps it listed only when asked', () => {
    const store = temp.open();
    const a = store.createKey({ name: 'a' });
    const b = store.createKey({ name: 'b' });
    expect(store.countKeys()).toBe(2);
    expect(store.revokeKey(a.record.id, { actor: 'ann' })).toBe(true);
    expect(store.revokeKey(a.record.id)).toBe(false);
    expect(store.verifyKey(a.key)).toBeUndefined();
    expect(store.verifyKey(b.key)?.id).toBe(b.record.id);
    expect(store.listKeys().map((k) => k.name)).toEqual(['b']);
    expect(store.listKeys({ includeRevoked: true }).map((k) => [k.name, k.revokedAt !== undefined])).toEqual([
      ['a', true],
      ['b', false],
    ]);
    expect(store.countKeys()).toBe(1);
    expect(store.auditLog({ action: 'key_revoked' }).entries[0]).toMatchObject({
      actor: 'ann',
      metadata: { keyId: a.record.id, name: 'a', masked: a.record.masked },
    });
  });

  it('notes the last use at most once a minute', () => {
    let now = 0;
    const store = temp.open({ clock: () => now });
    const { record } = store.createKey({ name: 'a' });
    store.touchKey(record.id);
    now = 30_000;
    store.touchKey(record.id);
    expect(store.getKey(record.id)?.lastUsedAt).toBe(0);
    now = 61_000;
    store.touchKey(record.id);
    expect(store.getKey(record.id)?.lastUsedAt).toBe(61_000);
  });

  it('survives a reopen of the file', () => {
    const first = temp.open();
    const { key, record } = first.createKey({ name: 'kept', requestsPerMinute: 10 });
    first.close();
    expect(temp.open().verifyKey(key)).toEqual(record);
  });

  it('refuses bad limits with a CONFIG_ERROR naming the field', async () => {
    const store = temp.open();
    const error = await palErrorOf(() => store.createKey({ name: 'x', dailyUsd: -1 }));
    expect(error.code).toBe('CONFIG_ERROR');
    expect(error.message).toContain('createKey.dailyUsd');
    expect((await palErrorOf(() => store.createKey({ name: '' }))).message).toContain('createKey.name');
    expect((await palErrorOf(() => store.createKey({ name: 'x', allowedModels: [] }))).message).toContain(
      'createKey.allowedModels',
    );
  });
});
