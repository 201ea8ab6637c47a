import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PalError } from '../errors/pal-error.js';
import { loadProviderPackage } from './load-providers.js';
import { isSecret, revealSecret, Secret } from './secret.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pal-package-'));
  // an ESM-only provider package whose adapter keeps what its factory was given
  const root = join(dir, 'node_modules', 'pal-provider-echo');
  await mkdir(root, { recursive: true });
  await writeFile(
    join(root, 'package.json'),
    JSON.stringify({ name: 'pal-provider-echo', type: 'module', exports: './echo.js' }),
  );
  await writeFile(
    join(root, 'echo.js'),
    `export function makeEcho(given) {
  return { id: given.id, displayName: 'Echo', models: [], capabilities: {}, given,
    chat: async () => ({}), stream: async function* () {}, toPalError: (e) => e };
}
`,
  );
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('loadProviderPackage', () => {
  it('builds an adapter from a package name as loadConfig does: options, id, apiKey (a Secret) and baseURL', async () => {
    const adapter = (await loadProviderPackage(
      {
        id: 'echo',
        package: 'pal-provider-echo',
        factory: 'makeEcho',
        options: { region: 'eu', baseURL: 'http://replaced.invalid' },
        apiKey: new Secret('sk-echo-123456'),
        baseURL: 'http://127.0.0.1:1/v1',
      },
      { cwd: dir },
    )) as unknown as { id: string; given: Record<string, unknown> };
    expect(adapter.id).toBe('echo');
    expect(adapter.given).toMatchObject({ id: 'echo', region: 'eu', baseURL: 'http://127.0.0.1:1/v1' });
    expect(isSecret(adapter.given.apiKey)).toBe(true);
    expect(revealSecret(adapter.given.apiKey as Secret)).toBe('sk-echo-123456');
  });

  it('fails with a CONFIG_ERROR naming the entry and where it came from when the package is missing', async () => {
    const error = (await loadProviderPackage(
      { id: 'gone', package: 'pal-provider-gone' },
      { cwd: dir, source: '/data/pal.db' },
    ).catch((e: unknown) => e)) as PalError;
    expect(error.code).toBe('CONFIG_ERROR');
    expect(error.message).toBe(
      'providers.gone.package: package "pal-provider-gone" is not installed: install pal-provider-gone (in /data/pal.db)',
    );
  });
});
