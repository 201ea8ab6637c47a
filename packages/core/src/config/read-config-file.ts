import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PalError } from '../errors/pal-error.js';

/** File names `loadConfig` looks for, in order. */
export const CONFIG_FILE_NAMES = [
  'provider-runtime.config.json',
  'provider-runtime.config.ts',
  'provider-runtime.config.mjs',
  'provider-runtime.config.js',
] as const;

/** The first config file present in `cwd`, or undefined. */
export function findConfigFile(cwd: string): string | undefined {
  return CONFIG_FILE_NAMES.map((name) => resolve(cwd, name)).find((path) => existsSync(path));
}

function fail(path: string, message: string, cause?: unknown): PalError {
  return new PalError({
    code: 'CONFIG_ERROR',
    message: `Cannot read the PAL configuration ${path}: ${message}`,
    details: { source: path },
    ...(cause !== undefined && { cause }),
  });
}

/** The config object a module exports: its default export (an object, or a function returning one) or `config`. */
async function exported(module: unknown): Promise<unknown> {
  const record = (module ?? {}) as { default?: unknown; config?: unknown };
  let value = record.default ?? record.config;
  if (value && typeof value === 'object' && 'default' in value && Object.keys(value).length === 1) {
    value = (value as { default: unknown }).default;
  }
  return typeof value === 'function' ? await (value as () => unknown)() : value;
}

/**
 * Reads a config file: `.json` parsed as JSON, `.ts`/`.mts`/`.cts` through jiti,
 * `.mjs`/`.js`/`.cjs` imported. Unreadable files and syntax errors become CONFIG_ERROR.
 */
export async function readConfigFile(path: string): Promise<unknown> {
  if (!existsSync(path)) throw fail(path, 'the file does not exist');
  const extension = extname(path).toLowerCase();
  try {
    if (extension === '.json') return JSON.parse(await readFile(path, 'utf8'));
    if (extension === '.ts' || extension === '.mts' || extension === '.cts') {
      const { createJiti } = await import('jiti');
      const jiti = createJiti(path, { moduleCache: false, fsCache: false });
      return await exported(await jiti.import(path));
    }
    return await exported(await import(`${pathToFileURL(path).href}?t=${Date.now()}`));
  } catch (error) {
    throw fail(path, error instanceof Error ? error.message : String(error), error);
  }
}
