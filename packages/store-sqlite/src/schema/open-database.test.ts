import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore } from '../open-store.js';
import { storeProblemOf } from '../store-error.js';
import { palErrorOf } from '../test-support/pal-error-of.test-support.js';
import { useTempDir } from '../test-support/temp-dir.test-support.js';
import { databaseOf } from './database-of.js';
import { APPLICATION_ID, SCHEMA_VERSION } from './migrations.js';

const temp = useTempDir();

describe('openStore: the file', () => {
  it('creates the file in WAL mode with a busy timeout, at the current schema version, and reopens it', async () => {
    const store = temp.open({ busyTimeoutMs: 1234 });
    const db = databaseOf(store);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('busy_timeout', { simple: true })).toBe(1234);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    store.saveProvider({ id: 'ollama', package: '@pal/provider-ollama', baseURL: 'http://127.0.0.1:11434' });
    store.close();
    expect(
      temp
        .open()
        .listProviders()
        .map((p) => p.id),
    ).toEqual(['ollama']);
  });

  it('works in memory', async () => {
    const store = openStore({ path: ':memory:', env: {} });
    store.saveProvider({ id: 'openai', package: '@pal/provider-openai', apiKey: 'sk-memory-0123456789' });
    expect(store.listProviders()[0]?.credentials).toEqual({ apiKey: 'sk-...6789' });
    store.close();
  });

  it('lets two processes create the same new file at once', async () => {
    const script = `
      const { openStore } = await import(${JSON.stringify(new URL('../open-store.ts', import.meta.url).href)});
      openStore({ path: process.argv[1], env: {} }).close();`;
    const run = () =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', '--input-type=module', '-e', script, temp.path],
          {
            cwd: new URL('../..', import.meta.url),
          },
        );
        let stderr = '';
        child.stderr.on('data', (chunk) => {
          stderr += chunk;
        });
        child.on('exit', (code) => resolve({ code, stderr }));
      });
    expect(await Promise.all([run(), run()])).toEqual([
      { code: 0, stderr: '' },
      { code: 0, stderr: '' },
    ]);
    expect(temp.open().listProviders()).toEqual([]);
  });

  it('refuses a SQLite file of another application, and leaves it alone', async () => {
    const other = new Database(temp.path);
    other.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)');
    other.close();
    const error = await palErrorOf(() => temp.open());
    expect(error.code).toBe('CONFIG_ERROR');
    expect(storeProblemOf(error)).toBe('foreign-file');
    expect(error.message).toBe(
      `PAL store ${temp.path} is a SQLite database of another application (application_id 0, tables: invoices); PAL will not write to it: give the store a file of its own`,
    );
    const check = new Database(temp.path);
    expect(check.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()).toEqual([
      'invoices',
    ]);
    check.close();
  });

  it('refuses a file that is not a database', async () => {
    writeFileSync(temp.path, 'these are not the bytes of a SQLite database '.repeat(200));
    const error = await palErrorOf(() => temp.open());
    expect(storeProblemOf(error)).toBe('corrupt');
    expect(error.message).toContain(`PAL store ${temp.path} is not a SQLite database`);
    expect(error.message).toContain('SQLITE_NOTADB');
  });

  it('refuses a file written by a newer version of the store, leaving it as it is', async () => {
    temp.open().close();
    const newer = new Database(temp.path);
    newer.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    newer.close();
    const error = await palErrorOf(() => temp.open());
    expect(storeProblemOf(error)).toBe('newer-schema');
    expect(error.message).toBe(
      `PAL store ${temp.path} has schema version ${SCHEMA_VERSION + 1}, written by a newer @pal/store-sqlite; this one knows versions up to ${SCHEMA_VERSION}: upgrade @pal/store-sqlite (the file was left as it is)`,
    );
  });

  it('refuses a directory it cannot write, naming it', async (ctx) => {
    const dir = join(temp.dir, 'locked');
    mkdirSync(dir);
    // root may write anywhere a mode forbids, but not in an immutable directory
    const asRoot = process.getuid?.() === 0;
    if (asRoot) {
      if (spawnSync('chattr', ['+i', dir]).status !== 0) ctx.skip();
    } else chmodSync(dir, 0o555);
    try {
      const error = await palErrorOf(() => openStore({ path: join(dir, 'pal.db'), env: {} }));
      expect(storeProblemOf(error)).toBe('read-only');
      expect(error.message).toContain(`its directory ${dir} is read-only for this process`);
    } finally {
      if (asRoot) spawnSync('chattr', ['-i', dir]);
      else chmodSync(dir, 0o755);
    }
  });

  it('says when the directory does not exist, or the path is a directory', async () => {
    const missing = await palErrorOf(() => openStore({ path: join(temp.dir, 'nope', 'pal.db'), env: {} }));
    expect(storeProblemOf(missing)).toBe('cannot-open');
    expect(missing.message).toContain(`its directory ${join(temp.dir, 'nope')} does not exist`);
    const dir = await palErrorOf(() => openStore({ path: temp.dir, env: {} }));
    expect(dir.message).toContain('is a directory');
  });

  it('checks its options', async () => {
    const error = await palErrorOf(() => openStore({ path: temp.path, busyTimeoutMs: -1 } as never));
    expect(error.code).toBe('CONFIG_ERROR');
    expect(error.message).toContain('openStore.busyTimeoutMs');
  });

  it('refuses work after close', async () => {
    const store = temp.open();
    store.close();
    store.close();
    expect(storeProblemOf(await palErrorOf(() => store.listProviders()))).toBe('closed');
  });
});
