import { isPalError, PalError } from '@pal/core';

/**
 * What went wrong with the store, in `error.details.problem` of every error it throws (all
 * `CONFIG_ERROR`s: something about the store's file, its directory, its disk or its key needs a
 * person's attention; nothing a retry of the call would fix).
 */
export type StoreProblem =
  /** The file is a SQLite database, but not PAL's (another application's tables). */
  | 'foreign-file'
  /** The file is not a SQLite database at all, or is damaged. */
  | 'corrupt'
  /** The file was written by a newer @pal/store-sqlite (its schema version is above this one's). */
  | 'newer-schema'
  /** The file or its directory cannot be written. */
  | 'read-only'
  /** The disk (or a quota) is full. */
  | 'disk-full'
  /** The file cannot be opened (a missing directory, a path that is a directory…). */
  | 'cannot-open'
  /** Another process held the database locked for longer than `busyTimeoutMs`. */
  | 'busy'
  /** The master key does not decrypt what the store holds. */
  | 'wrong-master-key'
  /** The store holds encrypted credentials and no master key was found. */
  | 'no-master-key'
  /** A master key (option, `PAL_MASTER_KEY` or key file) is not 32 bytes of base64. */
  | 'bad-master-key'
  /** The key file can be read by other users. */
  | 'key-file-permissions'
  /** A call came after `close()`. */
  | 'closed'
  /** A stored value cannot be read back (edited by hand?). */
  | 'bad-value'
  /** Something else SQLite refused (`details.sqliteCode` says what). */
  | 'sqlite';

/** What {@link storeError} builds an error from. */
export interface StoreErrorInput {
  problem: StoreProblem;
  /** The database file (or the key file) the problem is about. */
  file: string;
  /** For developers: what failed, where, and what to do. Never holds a secret. */
  message: string;
  /** For people. */
  userMessage?: string;
  sqliteCode?: string;
  cause?: unknown;
}

/** The `CONFIG_ERROR` the store throws, with `details: { problem, file, sqliteCode? }`. */
export function storeError(input: StoreErrorInput): PalError {
  return new PalError({
    code: 'CONFIG_ERROR',
    message: input.message,
    userMessage: input.userMessage ?? "PAL's database cannot be used. See the logs for the file and the fix.",
    retryable: false,
    details: {
      problem: input.problem,
      file: input.file,
      ...(input.sqliteCode && { sqliteCode: input.sqliteCode }),
    },
    ...(input.cause !== undefined && { cause: input.cause }),
  });
}

/** The `problem` of an error the store threw, or undefined for any other error. */
export function storeProblemOf(error: unknown): StoreProblem | undefined {
  if (!isPalError(error)) return undefined;
  const details = error.details as { problem?: StoreProblem } | undefined;
  return details?.problem;
}

const SQLITE_PROBLEMS: Array<[RegExp, StoreProblem, string]> = [
  [
    /^SQLITE_NOTADB/,
    'corrupt',
    'is not a SQLite database (or is encrypted by something else); point the store at another path',
  ],
  [/^SQLITE_CORRUPT/, 'corrupt', 'is damaged; restore it from a backup or point the store at another path'],
  [
    /^SQLITE_READONLY/,
    'read-only',
    'cannot be written; give this process write access to the file and its directory (SQLite writes -wal and -shm files beside it)',
  ],
  [/^SQLITE_FULL/, 'disk-full', 'cannot grow: the disk is full; free some space'],
  [
    /^SQLITE_CANTOPEN/,
    'cannot-open',
    'cannot be opened; check that its directory exists and this process may write there',
  ],
  [
    /^SQLITE_(BUSY|LOCKED)/,
    'busy',
    'stayed locked by another process for longer than busyTimeoutMs; try again, or raise busyTimeoutMs',
  ],
  [/^SQLITE_IOERR/, 'sqlite', 'could not be read or written (an I/O error); check the disk'],
];

/**
 * Any error SQLite threw while the store was `doing` something with `file`, as a {@link storeError}
 * naming the file and what to do; a PalError passes through.
 */
export function fromSqliteError(error: unknown, file: string, doing: string): PalError {
  if (isPalError(error)) return error;
  const sqliteCode =
    typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : undefined;
  const text = error instanceof Error ? error.message : String(error);
  const known = sqliteCode ? SQLITE_PROBLEMS.find(([pattern]) => pattern.test(sqliteCode)) : undefined;
  const fromText: StoreProblem | undefined = /readonly|read-only/i.test(text)
    ? 'read-only'
    : /not a database/i.test(text)
      ? 'corrupt'
      : undefined;
  const [, problem, advice] = known ?? [undefined, fromText ?? 'sqlite', `failed: ${text}`];
  return storeError({
    problem,
    file,
    message: `PAL store ${file} ${advice} (while ${doing}${sqliteCode ? `; ${sqliteCode}` : ''}: ${text})`,
    ...(sqliteCode && { sqliteCode }),
    cause: error,
  });
}
