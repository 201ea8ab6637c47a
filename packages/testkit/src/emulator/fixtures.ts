import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PalError } from '@pal/core';
import type { QueuedFixture } from './script-queue.js';
import type { Vendor } from './types.js';

/** The directory name each vendor's recordings use under `fixtures/vercel-ai/`. */
const FIXTURE_DIRS: Readonly<Record<Vendor, string>> = {
  openai: 'openai',
  anthropic: 'anthropic',
  gemini: 'google',
  bedrock: 'bedrock',
  ollama: 'ollama',
};

/**
 * The root of the package a module belongs to: the first directory at or above the module's own
 * that holds a `package.json` (`packages/testkit` from `src/emulator/` in vitest, and from `dist/`
 * once built or installed).
 */
function packageRootOf(moduleUrl: string): string | undefined {
  let dir = dirname(fileURLToPath(moduleUrl));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Where the recordings shipped with the package whose module is at `moduleUrl` live
 * (`<package>/fixtures/vercel-ai`), or undefined when that module is not inside a package.
 * @internal exported for tests
 */
export function bundledFixturesRoot(moduleUrl: string): string | undefined {
  const root = packageRootOf(moduleUrl);
  return root === undefined ? undefined : join(root, 'fixtures', 'vercel-ai');
}

/**
 * The `vercel-ai` fixtures directory: `$PAL_FIXTURES_DIR` (either the `vercel-ai` dir itself or a dir
 * holding it) when set, else the recordings shipped inside `@pal/testkit` (`fixtures/vercel-ai`).
 */
export function fixturesRoot(): string {
  const fromEnv = process.env.PAL_FIXTURES_DIR;
  if (fromEnv) return existsSync(join(fromEnv, 'vercel-ai')) ? join(fromEnv, 'vercel-ai') : fromEnv;
  const bundled = bundledFixturesRoot(import.meta.url);
  if (bundled !== undefined && existsSync(bundled)) return bundled;
  throw new PalError({
    code: 'CONFIG_ERROR',
    message: `No recorded fixtures found${bundled ? ` at ${bundled}` : ''}; @pal/testkit ships them in fixtures/vercel-ai, or set PAL_FIXTURES_DIR`,
    path: ['PAL_FIXTURES_DIR'],
  });
}

/** The absolute path of fixture `name` (e.g. `openai-text.chunks.txt`) recorded for `vendor`. */
export function fixturePath(vendor: Vendor, name: string): string {
  return join(fixturesRoot(), FIXTURE_DIRS[vendor], name);
}

/** The names of every fixture recorded for `vendor`, sorted (empty when there are none). */
export function listFixtures(vendor: Vendor): string[] {
  const dir = join(fixturesRoot(), FIXTURE_DIRS[vendor]);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json') || name.endsWith('.chunks.txt'))
    .sort();
}

/** Reads a fixture file; `.chunks.txt` is a chunk list, `.json` a whole response body. */
export function readFixture(path: string): QueuedFixture {
  const format = path.endsWith('.chunks.txt') ? 'chunks' : path.endsWith('.json') ? 'json' : undefined;
  if (!format) {
    throw new PalError({
      code: 'CONFIG_ERROR',
      message: `Fixture "${path}" must end with .json or .chunks.txt`,
      path: ['fixture'],
    });
  }
  try {
    return { format, text: readFileSync(path, 'utf8'), source: path };
  } catch (cause) {
    throw new PalError({
      code: 'CONFIG_ERROR',
      message: `Cannot read fixture "${path}"`,
      path: ['fixture'],
      cause,
    });
  }
}
