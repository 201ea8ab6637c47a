import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRuntime, loadConfig, maskSecret } from '@pal/core';
import { type Emulator, startEmulator } from '@pal/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** From provider-runtime.config.json to an answer, the way an application gets there. */

const PACKAGE = '@pal/provider-ollama';
// The emulator records the key masked, to "...6789". A key without a vendor prefix tells the value
// from a Secret sent masked ("...6789"): that would be masked again, to "****". (A local Ollama
// checks no key, so neither does its emulator: there is no refused key to try.)
const KEY = 'ollamakeyfromconfig0123456789';
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
  emu = await startEmulator('ollama');
  cwd = project({
    providers: { ollama: { package: PACKAGE, apiKey: { env: 'OLLAMA_API_KEY' }, baseURL: emu.url } },
    policies: { retry: false },
  });
});
afterAll(async () => {
  await emu.close();
  rmSync(cwd, { recursive: true, force: true });
});

describe('ollama/llama3.2 from a config file', () => {
  it('answers, sending the value of the key from the environment variable the file names', async () => {
    const env = { OLLAMA_API_KEY: KEY };
    const runtime = createRuntime({ config: await loadConfig('provider-runtime.config.json', { env, cwd }) });
    try {
      emu.script({ text: 'configured' });
      const result = await runtime.chat({
        model: 'ollama/llama3.2',
        messages: [{ role: 'user', content: 'Hi' }],
      });
      expect(result.text).toBe('configured');
      expect(emu.lastRequest()?.headers.authorization).toBe(maskSecret(KEY));
    } finally {
      await runtime.close();
    }
  });
});
