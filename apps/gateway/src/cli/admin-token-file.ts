import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The admin token a local `pal serve` wrote to its data directory (`PAL_DATA_DIR`, else `.pal`),
 * for admin commands run beside it with no `--admin-token` / `PAL_ADMIN_TOKEN`; undefined when
 * there is no such file (or it cannot be read).
 */
export function adminTokenFromDataDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  try {
    const token = readFileSync(join(resolve(env.PAL_DATA_DIR ?? '.pal'), 'admin-token'), 'utf8').trim();
    return token || undefined;
  } catch {
    return undefined;
  }
}
