import { createRuntime, loadConfig, maskSecret } from '@pal/core';
import { type ConfigProject, configProject, type Emulator, startEmulator } from '@pal/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** From provider-runtime.config.json to an answer, the way an application gets there. */

const PACKAGE = '@pal/provider-ollama';
// The emulator records the key masked, to "...6789". A key without a vendor prefix tells the value
// from a Secret sent masked ("...6789"): that would be masked again, to "****". (A local Ollama
// checks no key, so neither does its emulator: there is no refused key to try.)
const KEY = 'ollamakeyfromconfig0123456789';
let emu: Emulator;
let project: ConfigProject;

beforeAll(async () => {
  emu = await startEmulator('ollama');
  project = configProject({
    packageName: PACKAGE,
    entry: new URL('./index.ts', import.meta.url),
    config: {
      providers: { ollama: { package: PACKAGE, apiKey: { env: 'OLLAMA_API_KEY' }, baseURL: emu.url } },
      policies: { retry: false },
    },
  });
});
afterAll(async () => {
  await emu.close();
  project.remove();
});

describe('ollama/llama3.2 from a config file', () => {
  it('answers, sending the value of the key from the environment variable the file names', async () => {
    const env = { OLLAMA_API_KEY: KEY };
    const runtime = createRuntime({ config: await loadConfig(project.file, { env, cwd: project.dir }) });
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
