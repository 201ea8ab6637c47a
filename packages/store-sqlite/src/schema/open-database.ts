import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { fromSqliteError, storeError } from '../store-error.js';
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION } from './migrations.js';

/** A better-sqlite3 connection. */
export type Db = Database.Database;

/** True for SQLite's in-memory database names. */
export function isMemoryPath(file: string): boolean {
  return file === ':memory:' || file === '';
}

/**
 * Opens (or creates) a PAL store file: WAL journal, `synchronous = NORMAL` (a committed
 * transaction survives a crash of the process; a power cut may lose the last ones, never the
 * file), foreign keys on, and `busyTimeoutMs` of waiting when another process holds the write lock.
 * Then checks the file is PAL's and not newer than this code, and applies the missing migrations.
 * Every failure is a `CONFIG_ERROR` naming the file, the problem and the fix.
 */
export function openDatabase(file: string, busyTimeoutMs: number): Db {
  if (!isMemoryPath(file)) assertWritablePlace(file);
  let db: Db;
  try {
    db = new Database(file, { timeout: busyTimeoutMs });
  } catch (error) {
    throw fromSqliteError(error, file, 'opening it');
  }
  try {
    if (!isMemoryPath(file)) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, file);
    return db;
  } catch (error) {
    db.close();
    throw fromSqliteError(error, file, 'opening it');
  }
}

/** Refuses early, naming the directory, when the file or its directory cannot be written. */
function assertWritablePlace(file: string): void {
  const dir = dirname(file);
  if (!existsSync(dir)) {
    throw storeError({
      problem: 'cannot-open',
      file,
      message: `PAL store ${file} cannot be created: its directory ${dir} does not exist; create it first`,
    });
  }
  if (existsSync(file) && statSync(file).isDirectory()) {
    throw storeError({
      problem: 'cannot-open',
      file,
      message: `PAL store ${file} is a directory; give the path of a file inside it (e.g. ${file}/pal.db)`,
    });
  }
  const target = existsSync(file) ? file : dir;
  try {
    // SQLite also writes <file>-wal and <file>-shm beside the file, so the directory must be writable
    accessSync(dir, constants.W_OK);
    accessSync(target, constants.W_OK);
  } catch (error) {
    throw storeError({
      problem: 'read-only',
      file,
      message: `PAL store ${file} cannot be written: ${target === dir ? 'its directory' : 'the file'} ${target} is read-only for this process; give it write access (SQLite writes ${file}-wal and -shm beside it) or choose another path`,
      cause: error,
    });
  }
}

function migrate(db: Db, file: string): void {
  const check = () => {
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    const tables = (
      db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .all() as Array<{ name: string }>
    ).map((row) => row.name);
    const fresh = applicationId === 0 && version === 0 && tables.length === 0;
    if (!fresh && applicationId !== APPLICATION_ID) {
      const shown = tables.slice(0, 5).join(', ') + (tables.length > 5 ? ', …' : '');
      throw storeError({
        problem: 'foreign-file',
        file,
        message: `PAL store ${file} is a SQLite database of another application (application_id ${applicationId}, tables: ${shown || 'none'}); PAL will not write to it: give the store a file of its own`,
      });
    }
    if (version > SCHEMA_VERSION) {
      throw storeError({
        problem: 'newer-schema',
        file,
        message: `PAL store ${file} has schema version ${version}, written by a newer @pal/store-sqlite; this one knows versions up to ${SCHEMA_VERSION}: upgrade @pal/store-sqlite (the file was left as it is)`,
      });
    }
    return version;
  };
  if (check() === SCHEMA_VERSION) return;
  // another process may be migrating the same file: take the write lock, then look again
  db.transaction(() => {
    const version = check();
    for (let next = version; next < SCHEMA_VERSION; next++) db.exec(MIGRATIONS[next]!);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
