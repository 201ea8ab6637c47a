import type { AuditLog } from './audit/audit-log.js';
import type { Keyring } from './crypto/keyring.js';
import type { Db } from './schema/open-database.js';
import { fromSqliteError, storeError } from './store-error.js';

/** What every part of an open store shares. */
export interface StoreContext {
  readonly db: Db;
  /** The database file (`:memory:` for an in-memory store). */
  readonly file: string;
  /** The store's clock (epoch ms). */
  readonly now: () => number;
  readonly keyring: Keyring;
  readonly audit: AuditLog;
  /** Where `loadInto` resolves provider packages from. */
  readonly cwd: string;
  /**
   * Runs `work` against the database, turning what SQLite throws into a store error that names
   * the file and `doing`; refuses once the store is closed.
   */
  run<T>(doing: string, work: () => T): T;
  /** Like {@link run}, inside one write transaction (all of `work` or nothing). */
  transaction<T>(doing: string, work: () => T): T;
}

/** Builds the {@link StoreContext} `run` and `transaction` over `db`, refusing work once `isClosed()`. */
export function contextRunners(db: Db, file: string, isClosed: () => boolean) {
  const run = <T>(doing: string, work: () => T): T => {
    if (isClosed()) {
      throw storeError({
        problem: 'closed',
        file,
        message: `PAL store ${file} is closed (while ${doing}); open it again with openStore()`,
      });
    }
    try {
      return work();
    } catch (error) {
      throw fromSqliteError(error, file, doing);
    }
  };
  return {
    run,
    transaction: <T>(doing: string, work: () => T): T => run(doing, () => db.transaction(work).immediate()),
  };
}
