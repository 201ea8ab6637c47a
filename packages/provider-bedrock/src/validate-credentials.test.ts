import { describe, expect, it } from 'vitest';
import { adapterFor, useBedrockEmulator } from './bedrock.test-support.js';
import { COUNT_TOKENS_MODEL, PROBE_MODEL } from './validate-credentials.js';

const emulator = useBedrockEmulator();

describe('validateCredentials', () => {
  it('passes with one free CountTokens call', async () => {
    await adapterFor(emulator.current).validateCredentials?.();
    expect(emulator.current.requests.map((r) => r.path)).toEqual([
      `/model/${COUNT_TOKENS_MODEL}/count-tokens`,
    ]);
  });

  it('fails with PROVIDER_AUTH_ERROR for an unknown access key', async () => {
    const adapter = adapterFor(emulator.current, {
      credentials: { accessKeyId: 'AKIDBADKEY', secretAccessKey: 'x' },
    });
    await expect(adapter.validateCredentials?.()).rejects.toMatchObject({ code: 'PROVIDER_AUTH_ERROR' });
    expect(emulator.current.requests).toHaveLength(1);
  });

  it('falls back to a 1-token Converse call when CountTokens is not allowed', async () => {
    emulator.current.script({ fault: { type: 'error', kind: 'permission' } });
    await adapterFor(emulator.current).validateCredentials?.();
    expect(emulator.current.requests.map((r) => r.path)).toEqual([
      `/model/${COUNT_TOKENS_MODEL}/count-tokens`,
      `/model/${PROBE_MODEL}/converse`,
    ]);
    expect(emulator.current.lastRequest()?.body).toMatchObject({ inferenceConfig: { maxTokens: 1 } });
  });

  it('passes when CountTokens rejects the request but accepted the signature', async () => {
    emulator.current.script({ fault: { type: 'error', kind: 'invalid' } });
    await adapterFor(emulator.current).validateCredentials?.();
    expect(emulator.current.requests).toHaveLength(1);
  });

  it('lists the catalog as its models', async () => {
    const models = await adapterFor(emulator.current).listModels?.();
    expect(models?.map((m) => m.id)).toContain('amazon.nova-canvas-v1:0');
    expect(emulator.current.requests).toHaveLength(0);
  });
});
