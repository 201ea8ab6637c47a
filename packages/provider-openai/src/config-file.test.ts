import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRuntime, isPalError, loadConfig, maskSecret } from '@pal/core';
import { type Emulator, startEmulator } from '@pal/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** From provider-runtime.config.json to an answer, the way an application gets there. */

const PACKAGE = '@pal/provider-openai';
const KEY = 'sk-from-config-0123456789';
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
  emu = await startEmulator('openai');
  cwd = project({
    providers: {
      openai: { package: PACKAGE, apiKey: { env: 'OPENAI_API_KEY' }, baseURL: `${emu.url}/v1` },
      azure: {
        package: PACKAGE,
        factory: 'azureOpenAI',
        apiKey: { env: 'AZURE_OPENAI_API_KEY' },
        baseURL: emu.url,
        options: { apiVersion: '2024-10-21', deployments: { 'prod-4o': 'gpt-4o' } },
      },
    },
    policies: { retry: false },
  });
});
afterAll(async () => {
  await emu.close();
  rmSync(cwd, { recursive: true, force: true });
});

async function ask(key: string, model: string) {
  const env = { OPENAI_API_KEY: key, AZURE_OPENAI_API_KEY: key };
  const runtime = createRuntime({ config: await loadConfig('provider-runtime.config.json', { env, cwd }) });
  try {
    return await runtime.chat({ model, messages: [{ role: 'user', content: 'Hi' }] });
  } finally {
    await runtime.close();
  }
}

describe.each([
  { model: 'openai/gpt-4o-mini', header: 'authorization' },
  { model: 'azure/prod-4o', header: 'api-key' },
])('$model from a config file', ({ model, header }) => {
  it('answers, with the key from the environment variable the file names', async () => {
    emu.script({ text: 'configured' });
    expect((await ask(KEY, model)).text).toBe('configured');
    expect(emu.lastRequest()?.headers[header]).toBe(maskSecret(KEY));
  });

  it('hands the SDK the value of the key, not the masked Secret', async () => {
    // the emulator refuses the key "bad-key"; its masked form ("****") would have been let through
    const error = await ask('bad-key', model).catch((e: unknown) => e);
    expect(isPalError(error) && error.code).toBe('PROVIDER_AUTH_ERROR');
  });
});
