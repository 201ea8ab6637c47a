import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { configError } from '@pal/core/provider';

/** Where the admin token came from. */
export type AdminTokenSource = 'option' | 'env' | 'file' | 'generated';

/** The admin token `/api/*` (and the console) need, and how to check a presented one. */
export interface AdminToken {
  readonly source: AdminTokenSource;
  /** The token file, when the token lives in one. */
  readonly file?: string;
  /** The token (for the sandbox banner and the process that made it; never logged). */
  reveal(): string;
  /** True when `presented` is the token (constant-time). */
  matches(presented: string): boolean;
}

/**
 * The admin token: the option, else `PAL_ADMIN_TOKEN`, else the data directory's `admin-token`
 * file, which the first start creates (32 random bytes, `pal-admin-` + base64url, mode 0600). A
 * token file others may read is refused (CONFIG_ERROR: `chmod 600` it), as the store refuses such
 * a key file.
 */
export function adminTokenFor(
  given: string | undefined,
  env: Record<string, string | undefined>,
  file: string,
): AdminToken {
  if (given !== undefined) return tokenOf(given, 'option');
  const fromEnv = env.PAL_ADMIN_TOKEN?.trim();
  if (fromEnv) {
    if (fromEnv.length < 16)
      throw configError('env.PAL_ADMIN_TOKEN', 'an admin token needs at least 16 characters');
    return tokenOf(fromEnv, 'env');
  }
  const generated = `pal-admin-${randomBytes(32).toString('base64url')}`;
  try {
    writeFileSync(file, `${generated}\n`, { mode: 0o600, flag: 'wx' });
    return tokenOf(generated, 'generated', file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
      throw configError(
        'adminToken',
        `cannot write the admin token file ${file} (${(error as Error).message})`,
      );
  }
  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0)
    throw configError(
      'adminToken',
      `the admin token file ${file} may be read by other users (mode ${mode.toString(8)}); run chmod 600 ${file}`,
    );
  const saved = readFileSync(file, 'utf8').trim();
  if (saved.length < 16)
    throw configError(
      'adminToken',
      `the admin token file ${file} holds no token; delete it to make a new one`,
    );
  return tokenOf(saved, 'file', file);
}

function tokenOf(token: string, source: AdminTokenSource, file?: string): AdminToken {
  const digest = sha256(token);
  return {
    source,
    ...(file && { file }),
    reveal: () => token,
    matches: (presented) => timingSafeEqual(sha256(presented), digest),
  };
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
