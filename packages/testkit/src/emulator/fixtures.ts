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
 * The `vercel-ai` fixtures directory: `$PAL_FIXTURES_DIR` (either the `vercel-ai` dir itself or a dir
 * holding it) when set, else the first `shared/fixtures/vercel-ai` found walking up from this file.
 */
export function fixturesRoot(): string {
  const fromEnv = process.env.PAL_FIXTURES_DIR;
  if (fromEnv) return existsSync(join(fromEnv, 'vercel-ai')) ? join(fromEnv, 'vercel-ai') : fromEnv;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'shared', 'fixtures');
    if (existsSync(candidate)) return join(candidate, 'vercel-ai');
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new PalError({
    code: 'CONFIG_ERROR',
    message: 'No shared/fixtures directory found above @pal/testkit; set PAL_FIXTURES_DIR',
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
