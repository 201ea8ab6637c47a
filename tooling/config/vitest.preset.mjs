import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Aliases every workspace package (and its subpath exports) to its TypeScript sources,
 * so tests run against the code beside them without a build step in between.
 * `@pal/core` → packages/core/src/index.ts, `@pal/core/http` → packages/core/src/http.ts.
 */
function workspaceSourceAliases() {
  const aliases = [];
  for (const group of ['packages', 'apps']) {
    const dir = join(repoRoot, group);
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir)) {
      const pkgFile = join(dir, entry, 'package.json');
      if (!existsSync(pkgFile)) continue;
      const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
      for (const subpath of Object.keys(pkg.exports ?? {})) {
        if (subpath.endsWith('.json')) continue;
        const name = subpath === '.' ? 'index' : subpath.slice(2);
        const source = join(dir, entry, 'src', `${name}.ts`);
        if (!existsSync(source)) continue;
        const id = subpath === '.' ? pkg.name : `${pkg.name}/${name}`;
        aliases.push({ find: new RegExp(`^${id.replace(/[/.]/g, '\\$&')}$`), replacement: source });
      }
    }
  }
  return aliases;
}

/**
 * Shared vitest preset. Tests live beside the code (`src/**\/*.test.ts`).
 * @param {import('vitest/config').ViteUserConfig['test']} overrides
 */
export function palVitest(overrides = {}) {
  return {
    resolve: { alias: workspaceSourceAliases() },
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      environment: 'node',
      // turbo runs several packages' suites at once: on a 2-core CI machine a suite of real HTTP
      // round trips can take a few times its idle time, so the limits catch hangs, not slowness
      testTimeout: 60_000,
      hookTimeout: 60_000,
      pool: 'forks',
      ...overrides,
    },
  };
}
