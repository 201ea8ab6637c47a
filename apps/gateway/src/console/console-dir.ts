import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the web console's built assets are (`apps/console/dist`, what `pnpm build` makes): the
 * `dir` given, else `PAL_CONSOLE_DIR`, else the console package beside this gateway package in
 * the workspace (found from this module's own path, so it works from `src` and from `dist`).
 * Answers the directory even when it holds no build yet; {@link hasConsoleBuild} says whether it does.
 */
export function consoleDir(given?: string, env: Record<string, string | undefined> = process.env): string {
  if (given) return resolve(given);
  if (env.PAL_CONSOLE_DIR) return resolve(env.PAL_CONSOLE_DIR);
  return join(gatewayRoot(dirname(fileURLToPath(import.meta.url))), '..', 'console', 'dist');
}

/** True when `dir` holds a built console (its `index.html`). */
export function hasConsoleBuild(dir: string): boolean {
  return existsSync(join(dir, 'index.html'));
}

/** The nearest directory up from `from` whose package.json is `@pal/gateway`'s. */
function gatewayRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && readName(manifest) === '@pal/gateway') return dir;
    if (dirname(dir) === dir) return resolve(from, '..', '..');
  }
}

function readName(manifest: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name;
  } catch {
    return undefined;
  }
}
