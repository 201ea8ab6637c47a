import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRuntime, isPalError, loadConfig, maskSecret } from '@pal/core';
import { type Emulator, startEmulator } from '@pal/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** From provider-runtime.config.json to an answer, the way an application gets there. */

const PACKAGE = '@pal/provider-gemini';
const KEY = 'AIza-from-config-0123456789';
let emu: Emulator;
let cwd: string;

/**
 * A project directory holding `config` as provider-runtime.config.json, with this package installed.
 * loadConfig imports `package` by name as code in the project would, from its node_modules. The
 * package's own directory resolves itself only through its built dist/ (a self-reference), which
 * tests must not need (turbo tests a package before building it): the installed package.json
 * points at the source beside this test instead.
 */
function project(config: object): string {
  const dir = mkdtempSync(join(tmpdir(), 'pal-config-'));
  const installed = join(dir, 'node_modules', PACKAGE);
  mkdirSync(installed, { recursive: true });
  const entry = fileURLToPath(new URL('./index.ts', import.meta.url));
  const manifest = { name: PACKAGE, type: 'module', exports: { '.': { import: entry } } };
  writeFileSync(join(installed, 'package.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, 'provider-runtime.config.json'), JSON.stringify(config));
  return dir;
}

beforeAll(async () => {
  emu = await startEmulator('gemini');
  cwd = project({
    providers: {
      gemini: { package: PACKAGE, apiKey: { env: 'GEMINI_API_KEY' }, baseURL: emu.url },
    },
    policies: { retry: false },
  });
});
afterAll(async () => {
  await emu.close();
  rmSync(cwd, { recursive: true, force: true });
});

async function ask(key: string) {
  const env = { GEMINI_API_KEY: key };
  const runtime = createRuntime({ config: await loadConfig('provider-runtime.config.json', { env, cwd }) });
  try {
    return await runtime.chat({
      model: 'gemini/gemini-2.5-flash',
      messages: [{ role: 'user', content: 'Hi' }],
    });
  } finally {
    await runtime.close();
  }
}

describe('gemini/gemini-2.5-flash from a config file', () => {
  it('answers, with the key from the environment variable the file names', async () => {
    emu.script({ text: 'configured' });
    expect((await ask(KEY)).text).toBe('configured');
    expect(emu.lastRequest()?.headers['x-goog-api-key']).toBe(maskSecret(KEY));
  });

  it('hands the SDK the value of the key, not the masked Secret', async () => {
    // the emulator refuses the key "bad-key"; its masked form ("****") would have been let through
    const error = await ask('bad-key').catch((e: unknown) => e);
    expect(isPalError(error) && error.code).toBe('PROVIDER_AUTH_ERROR');
  });
});
