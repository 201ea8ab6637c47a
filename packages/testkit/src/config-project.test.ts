import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '@pal/core';
import { afterAll, describe, expect, it } from 'vitest';
import { configProject } from './config-project.js';

const sources = mkdtempSync(join(tmpdir(), 'pal-config-project-'));
afterAll(() => rmSync(sources, { recursive: true, force: true }));

/** A provider package's source: a factory whose adapter says which entry made it. */
function writeEntry(name: string): string {
  const file = join(sources, name);
  writeFileSync(
    file,
    `export function createProvider(options) {
  return {
    id: options.id,
    displayName: ${JSON.stringify(name)},
    models: [],
    capabilities: { streaming: true, tools: false, vision: false, json: false, embeddings: false },
    chat: async () => { throw new Error('not used'); },
    stream: async function* () {},
    toPalError: (e) => e,
  };
}
`,
  );
  return file;
}

describe('configProject', () => {
  it.each([
    ['a path', 'by-path.mjs', (file: string) => file],
    ['a file: URL', 'by-url.mjs', (file: string) => pathToFileURL(file)],
  ])('installs the package with its import entry at the source, given as %s', async (_, name, as) => {
    const entry = writeEntry(name);
    const config = { providers: { acme: { package: '@acme/pal-provider' } } };
    const project = configProject({ packageName: '@acme/pal-provider', entry: as(entry), config });
    try {
      expect(project.file).toBe(join(project.dir, 'provider-runtime.config.json'));
      expect(JSON.parse(readFileSync(project.file, 'utf8'))).toEqual(config);
      const loaded = await loadConfig('provider-runtime.config.json', { cwd: project.dir, env: {} });
      expect(loaded.providers.map((p) => p.displayName)).toEqual([name]);
    } finally {
      project.remove();
    }
    expect(existsSync(project.dir)).toBe(false);
  });
});
