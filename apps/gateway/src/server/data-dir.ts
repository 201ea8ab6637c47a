import { mkdirSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { configError } from '@pal/core/provider';

/** The files the gateway keeps in its data directory. */
export interface DataDir {
  /** The directory, absolute. */
  dir: string;
  /** The SQLite store. */
  database: string;
  /** The generated admin token (when `PAL_ADMIN_TOKEN` is not set). */
  adminTokenFile: string;
}

/**
 * The gateway's data directory (`dataDir`, else `PAL_DATA_DIR`, else `.pal` under `cwd`), created
 * with mode 0700 when missing. A path that cannot be made a directory is a CONFIG_ERROR naming it.
 */
export function openDataDir(
  given: string | undefined,
  env: Record<string, string | undefined>,
  cwd: string,
): DataDir {
  const raw = given ?? env.PAL_DATA_DIR ?? '.pal';
  const dir = isAbsolute(raw) ? raw : resolve(cwd, raw);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw configError(
      'dataDir',
      `cannot create the data directory ${dir} (${(error as Error).message}); set PAL_DATA_DIR (or --data-dir) to a directory this process may write`,
    );
  }
  return { dir, database: join(dir, 'pal.db'), adminTokenFile: join(dir, 'admin-token') };
}
