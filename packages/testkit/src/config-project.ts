import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What {@link configProject} writes. */
export interface ConfigProjectOptions {
  /** The package the config's entries name (`"package": "@pal/provider-openai"`), installed in the project. */
  packageName: string;
  /**
   * The file the installed package's `import` entry points at, as a path or a `file:` URL:
   * usually the package's own source, `new URL('./index.ts', import.meta.url)` from a test beside it.
   */
  entry: string | URL;
  /** The configuration, written as `provider-runtime.config.json`. */
  config: object;
}

/** A project directory made by {@link configProject}. */
export interface ConfigProject {
  /** The project directory: `loadConfig`'s `cwd`. */
  dir: string;
  /** The absolute path of its `provider-runtime.config.json`. */
  file: string;
  /** Deletes the directory. */
  remove(): void;
}

/**
 * A temporary project directory holding `config` as `provider-runtime.config.json`, with
 * `packageName` installed in its `node_modules`, for testing a provider package from a config
 * file the way an application gets there (`loadConfig` imports `package` by name, as code in the
 * project would). The installed `package.json` points its `import` entry at `entry`, the source:
 * a package's own directory resolves its name only through its built `dist/` (a self-reference),
 * which tests must not need (turbo tests a package before building it).
 *
 * @example
 * ```ts
 * const project = configProject({
 *   packageName: '@pal/provider-openai',
 *   entry: new URL('./index.ts', import.meta.url),
 *   config: { providers: { openai: { package: '@pal/provider-openai', apiKey: { env: 'OPENAI_API_KEY' } } } },
 * });
 * try {
 *   const loaded = await loadConfig(project.file, { cwd: project.dir, env: { OPENAI_API_KEY: 'sk-test' } });
 * } finally {
 *   project.remove();
 * }
 * ```
 */
export function configProject({ packageName, entry, config }: ConfigProjectOptions): ConfigProject {
  const dir = mkdtempSync(join(tmpdir(), 'pal-config-'));
  const installed = join(dir, 'node_modules', ...packageName.split('/'));
  mkdirSync(installed, { recursive: true });
  const target = entry instanceof URL || entry.startsWith('file:') ? fileURLToPath(entry) : resolve(entry);
  const manifest = { name: packageName, type: 'module', exports: { '.': { import: target } } };
  writeFileSync(join(installed, 'package.json'), JSON.stringify(manifest));
  const file = join(dir, 'provider-runtime.config.json');
  writeFileSync(file, JSON.stringify(config));
  return { dir, file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
