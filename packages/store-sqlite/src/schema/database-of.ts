import type { Db } from './open-database.js';

const databases = new WeakMap<object, Db>();

/** Remembers the connection behind a store, for {@link databaseOf}. */
export function rememberDatabase(store: object, db: Db): void {
  databases.set(store, db);
}

/**
 * The better-sqlite3 connection behind a store. Not exported from the package: for this
 * package's tests (to make a write fail as a full disk does) and its benchmark (to seed rows).
 */
export function databaseOf(store: object): Db {
  const db = databases.get(store);
  if (!db) throw new Error('not a store opened by openStore()');
  return db;
}
