import { createRuntime, isPalError, loadConfig, maskSecret } from '@pal/core';
import { type ConfigProject, configProject, type Emulator, startEmulator } from '@pal/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** From provider-runtime.config.json to an answer, the way an application gets there. */

const PACKAGE = '@pal/provider-bedrock';
let emu: Emulator;
let project: ConfigProject;

beforeAll(async () => {
  emu = await startEmulator('bedrock');
  project = configProject({
    packageName: PACKAGE,
    entry: new URL('./index.ts', import.meta.url),
    config: {
      providers: {
        bedrock: {
          package: PACKAGE,
          baseURL: emu.url,
          // the config has no AWS fields: static credentials go in the factory's options, where
          // loadConfig resolves { "env": ... } (values under key-like names become Secrets)
          options: {
            region: { env: 'AWS_REGION' },
            credentials: {
              accessKeyId: { env: 'AWS_ACCESS_KEY_ID' },
              secretAccessKey: { env: 'AWS_SECRET_ACCESS_KEY' },
              sessionToken: { env: 'AWS_SESSION_TOKEN' },
            },
          },
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

const SESSION_TOKEN = 'session-token-from-config-0123456789';

async function ask(accessKeyId: string) {
  const env = {
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: accessKeyId,
    AWS_SECRET_ACCESS_KEY: 'secret-access-key-from-config',
    AWS_SESSION_TOKEN: SESSION_TOKEN,
  };
  const runtime = createRuntime({ config: await loadConfig(project.file, { env, cwd: project.dir }) });
  try {
    const model = 'bedrock/us.anthropic.claude-haiku-4-5-20251001-v1:0';
    return await runtime.chat({ model, messages: [{ role: 'user', content: 'Hi' }] });
  } finally {
    await runtime.close();
  }
}

describe('bedrock from a config file', () => {
  it('answers, signing with the credentials from the environment variables the file names', async () => {
    emu.script({ text: 'configured' });
    expect((await ask('AKIDFROMCONFIG')).text).toBe('configured');
    expect(emu.lastRequest()?.headers['x-amz-security-token']).toBe(maskSecret(SESSION_TOKEN));
    expect(emu.lastRequest()?.headers['x-amz-date']).toBeDefined(); // signed with SigV4
  });

  it('hands the SDK the value of the access key id, not the masked Secret', async () => {
    // the emulator refuses the key id "AKIDBADKEY" (a masked one would have been let through)
    const error = await ask('AKIDBADKEY').catch((e: unknown) => e);
    expect(isPalError(error) && error.code).toBe('PROVIDER_AUTH_ERROR');
  });
});
