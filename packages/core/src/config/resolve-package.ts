import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const CONDITIONS = ['import', 'node', 'module', 'default'];

/** Picks the ESM entry from an `exports` target (string, condition object or array). */
function pickTarget(target: unknown): string | undefined {
  if (typeof target === 'string') return target;
  if (Array.isArray(target)) {
    for (const item of target) {
      const picked = pickTarget(item);
      if (picked) return picked;
    }
    return undefined;
  }
  if (target && typeof target === 'object') {
    const record = target as Record<string, unknown>;
    for (const condition of CONDITIONS) {
      if (condition in record) {
        const picked = pickTarget(record[condition]);
        if (picked) return picked;
      }
    }
  }
  return undefined;
}

/** The file a package's root ESM entry points at, from its package.json. */
function entryFromManifest(packageDir: string): string | undefined {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    exports?: unknown;
    module?: string;
    main?: string;
  };
  const exportsField = manifest.exports;
  let target: string | undefined;
  if (exportsField !== undefined) {
    const isSubpathMap =
      typeof exportsField === 'object' &&
      exportsField !== null &&
      !Array.isArray(exportsField) &&
      Object.keys(exportsField).some((key) => key.startsWith('.'));
    target = pickTarget(isSubpathMap ? (exportsField as Record<string, unknown>)['.'] : exportsField);
  }
  target ??= manifest.module ?? manifest.main ?? 'index.js';
  const file = resolve(packageDir, target);
  return existsSync(file) ? file : undefined;
}

/**
 * The directory of package `name` as Node's resolution from `cwd` finds it (self-references,
 * `NODE_PATH`…): through `<name>/package.json`, or, when its `exports` hide that file, through the
 * file its entry resolves to and the nearest `package.json` above it that carries the name.
 */
function packageDirFromNode(name: string, require: NodeJS.Require): string | undefined {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    // not installed, or its `exports` do not list ./package.json: look from its entry
  }
  let dir: string;
  try {
    dir = dirname(require.resolve(name));
  } catch {
    return undefined;
  }
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === name
    ) {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Resolves a package as code running in `cwd` would import it: finds it in
 * `node_modules/<name>` in `cwd` and its parents, else where Node's resolution finds it
 * (a self-reference, `NODE_PATH`), and takes the ESM entry of its `exports` (`import`
 * condition), `module` or `main`, not the CommonJS build `require` would pick (importing that
 * loads a second copy of `@pal/core`). A package with only a CommonJS build gets that build.
 * Returns undefined when the package is not installed.
 */
export function resolvePackageEntry(name: string, cwd: string): string | undefined {
  let dir = resolve(cwd);
  for (;;) {
    const packageDir = join(dir, 'node_modules', name);
    if (existsSync(join(packageDir, 'package.json'))) {
      const entry = entryFromManifest(packageDir);
      if (entry) return entry;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  const require = createRequire(join(resolve(cwd), 'package.json'));
  const packageDir = packageDirFromNode(name, require);
  const entry = packageDir === undefined ? undefined : entryFromManifest(packageDir);
  if (entry) return entry;
  try {
    return require.resolve(name);
  } catch {
    return undefined;
  }
}
