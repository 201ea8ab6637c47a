import { createRuntime, isPalError, loadConfig, maskSecret } from '@pal/core';
import { type ConfigProject, configProject, type Emulator, startEmulator } from '@pal/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** From provider-runtime.config.json to an answer, the way an application gets there. */

const PACKAGE = '@pal/provider-openai';
const KEY = 'sk-from-config-0123456789';
let emu: Emulator;
let project: ConfigProject;

beforeAll(async () => {
  emu = await startEmulator('openai');
  project = configProject({
    packageName: PACKAGE,
    entry: new URL('./index.ts', import.meta.url),
    config: {
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
    },
  });
});
afterAll(async () => {
  await emu.close();
  project.remove();
});

async function ask(key: string, model: string) {
  const env = { OPENAI_API_KEY: key, AZURE_OPENAI_API_KEY: key };
  const runtime = createRuntime({ config: await loadConfig(project.file, { env, cwd: project.dir }) });
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
