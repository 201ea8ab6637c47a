import { createRuntime, isPalError, loadConfig, maskSecret } from '@pal/core';
import { type ConfigProject, configProject, type Emulator, startEmulator } from '@pal/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** From provider-runtime.config.json to an answer, the way an application gets there. */

const PACKAGE = '@pal/provider-anthropic';
const KEY = 'sk-ant-from-config-0123456789';
let emu: Emulator;
let project: ConfigProject;

beforeAll(async () => {
  emu = await startEmulator('anthropic');
  project = configProject({
    packageName: PACKAGE,
    entry: new URL('./index.ts', import.meta.url),
    config: {
      providers: {
        anthropic: { package: PACKAGE, apiKey: { env: 'ANTHROPIC_API_KEY' }, baseURL: emu.url },
      },
      policies: { retry: false },
    },
  });
});
afterAll(async () => {
  await emu.close();
  project.remove();
});

async function ask(key: string) {
  const env = { ANTHROPIC_API_KEY: key };
  const runtime = createRuntime({ config: await loadConfig(project.file, { env, cwd: project.dir }) });
  try {
    return await runtime.chat({
      model: 'anthropic/claude-haiku-4-5',
      messages: [{ role: 'user', content: 'Hi' }],
    });
  } finally {
    await runtime.close();
  }
}

describe('anthropic/claude-haiku-4-5 from a config file', () => {
  it('answers, with the key from the environment variable the file names', async () => {
    emu.script({ text: 'configured' });
    expect((await ask(KEY)).text).toBe('configured');
    expect(emu.lastRequest()?.headers.authorization).toBe(maskSecret(KEY));
  });

  it('hands the SDK the value of the key, not the masked Secret', async () => {
    // the emulator refuses the key "bad-key"; its masked form ("****") would have been let through
    const error = await ask('bad-key').catch((e: unknown) => e);
    expect(isPalError(error) && error.code).toBe('PROVIDER_AUTH_ERROR');
  });
});
