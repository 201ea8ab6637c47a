import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openStore, type SqliteStore } from '../open-store.js';
import type { StoreOptions } from '../store-options.js';

/** A master key for tests (base64 of 32 random bytes). */
export const newKey = () => randomBytes(32).toString('base64');

/**
 * A fresh temp directory per test, removed after it with every store opened through `open` closed
 * first. `path` is a database file inside it.
 */
export function useTempDir() {
  let dir: string | undefined;
  const opened: SqliteStore[] = [];
  afterEach(() => {
    for (const store of opened.splice(0)) store.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  const get = () => {
    dir ??= mkdtempSync(join(tmpdir(), 'pal-store-'));
    return dir;
  };
  return {
    get dir() {
      return get();
    },
    get path() {
      return join(get(), 'pal.db');
    },
    /** Opens a store on `path` (by default), closed after the test. */
    open(options: Partial<StoreOptions> = {}): SqliteStore {
      const store = openStore({ path: join(get(), 'pal.db'), env: {}, ...options });
      opened.push(store);
      return store;
    },
  };
}
