import { maskSecret } from '@pal/core';
import { embedRequestSchema } from '@pal/core/provider';
import { type Emulator, startEmulator } from '@pal/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { azureOpenAI } from './azure-openai.js';
import { openaiCatalog } from './openai.js';
import {
  callContext,
  chatRequest,
  deltaText,
  drainEvents,
  failureOf,
  TEST_KEY,
} from './openai.test-support.js';

let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator('openai');
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

describe('azureOpenAI', () => {
  it('calls the deployment path with api-version and the api-key header', async () => {
    const azure = azureOpenAI({ endpoint: emu.url, apiKey: TEST_KEY, apiVersion: '2024-10-21' });
    emu.script({ text: 'Bonjour', usage: { inputTokens: 3, outputTokens: 1 } });
    const result = await azure.chat(chatRequest({ model: 'prod-4o', maxOutputTokens: 20 }), callContext());
    const sent = emu.lastRequest();
    expect(sent?.path).toBe('/openai/deployments/prod-4o/chat/completions');
    expect(sent?.query['api-version']).toBe('2024-10-21');
    expect(sent?.headers['api-key']).toBe(maskSecret(TEST_KEY));
    expect(sent?.headers).not.toHaveProperty('authorization');
    expect(sent?.body).toMatchObject({ max_completion_tokens: 20 });
    expect(result.content).toEqual([{ type: 'text', text: 'Bonjour' }]);
    expect(result.usage).toMatchObject({ inputTokens: 3, outputTokens: 1 });
  });

  it('streams through Azure (prompt-filter chunks first) with usage at the end', async () => {
    const azure = azureOpenAI({ endpoint: emu.url, apiKey: TEST_KEY });
    emu.script({ text: 'a b c', chunks: 3, usage: { inputTokens: 4, outputTokens: 3 } });
    const events = await drainEvents(azure.stream(chatRequest({ model: 'prod-4o' }), callContext()));
    expect(events[0]).toMatchObject({ type: 'start', provider: 'azure' });
    expect(events[0]?.type === 'start' && events[0].model).not.toBe('');
    expect(deltaText(events)).toBe('a b c');
    expect(events.at(-1)).toMatchObject({ type: 'finish', usage: { inputTokens: 4, outputTokens: 3 } });
  });

  it('with azureADTokenProvider sends the Entra token as Bearer (no api-key)', async () => {
    const token = 'entra-token-abcdef123456';
    const tokenProvider = vi.fn(async () => token);
    const azure = azureOpenAI({ endpoint: emu.url, azureADTokenProvider: tokenProvider });
    await azure.chat(chatRequest({ model: 'prod-4o' }), callContext());
    const sent = emu.lastRequest();
    // the emulator accepts only `Authorization: Bearer <token>` or `api-key`, and records the token masked
    expect(sent?.headers.authorization).toBe(maskSecret(token));
    expect(sent?.headers).not.toHaveProperty('api-key');
    expect(tokenProvider).toHaveBeenCalled();

    const refused = azureOpenAI({ endpoint: emu.url, azureADTokenProvider: async () => 'bad-key' });
    const error = await failureOf(refused, refused.chat(chatRequest({ model: 'prod-4o' }), callContext()));
    expect(error.code).toBe('PROVIDER_AUTH_ERROR');
    expect(error.userMessage).toBe('Your Azure OpenAI API key is invalid. Please check and try again.');
  });

  it('an Entra token provider wins over AZURE_OPENAI_API_KEY; OPENAI_BASE_URL (for openai()) is ignored', async () => {
    vi.stubEnv('AZURE_OPENAI_API_KEY', TEST_KEY);
    vi.stubEnv('OPENAI_BASE_URL', 'http://127.0.0.1:9/v1');
    try {
      const token = 'entra-token-from-provider-99';
      const azure = azureOpenAI({ endpoint: emu.url, azureADTokenProvider: async () => token });
      await azure.chat(chatRequest({ model: 'prod-4o' }), callContext());
      expect(emu.lastRequest()?.headers.authorization).toBe(maskSecret(token));
      expect(emu.lastRequest()?.headers).not.toHaveProperty('api-key');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('the deployments map gives each deployment the pricing and limits of its model', () => {
    const azure = azureOpenAI({
      endpoint: emu.url,
      apiKey: TEST_KEY,
      deployments: { 'prod-4o': 'gpt-4o', cheap: 'gpt-4o-mini', unknown: 'not-a-model' },
    });
    const gpt4o = openaiCatalog.models.find((m) => m.id === 'gpt-4o');
    const prod = azure.models.find((m) => m.id === 'prod-4o');
    expect(prod?.pricing).toEqual(gpt4o?.pricing);
    expect(prod?.contextWindow).toBe(gpt4o?.contextWindow);
    expect(azure.models.find((m) => m.id === 'cheap')?.pricing?.inputPerMTok).toBe(0.15);
    expect(azure.models.map((m) => m.id)).toEqual(['prod-4o', 'cheap']);
    expect(azure.defaultModel).toBe('prod-4o');
  });

  it('embeds through the embeddings deployment', async () => {
    const azure = azureOpenAI({ endpoint: emu.url, apiKey: TEST_KEY });
    const request = embedRequestSchema.parse({ model: 'embed-small', input: ['one', 'two'] });
    const result = await azure.embed!(request, callContext());
    expect(emu.lastRequest()?.path).toBe('/openai/deployments/embed-small/embeddings');
    expect(result.embeddings).toHaveLength(2);
  });

  it('validateCredentials lists models; a bad key → PROVIDER_AUTH_ERROR', async () => {
    await azureOpenAI({ endpoint: emu.url, apiKey: TEST_KEY }).validateCredentials!();
    expect(emu.lastRequest()).toMatchObject({ method: 'GET', path: '/openai/models' });
    const bad = azureOpenAI({ endpoint: emu.url, apiKey: 'bad-key' });
    expect((await failureOf(bad, bad.validateCredentials!())).code).toBe('PROVIDER_AUTH_ERROR');
  });

  it('a missing endpoint or key is a CONFIG_ERROR naming the environment variable', () => {
    vi.stubEnv('AZURE_OPENAI_ENDPOINT', '');
    vi.stubEnv('AZURE_OPENAI_API_KEY', '');
    try {
      expect(() => azureOpenAI({ apiKey: TEST_KEY })).toThrowError(
        expect.objectContaining({
          code: 'CONFIG_ERROR',
          message: expect.stringContaining('AZURE_OPENAI_ENDPOINT'),
        }),
      );
      expect(() => azureOpenAI({ endpoint: emu.url })).toThrowError(
        expect.objectContaining({
          code: 'CONFIG_ERROR',
          message: expect.stringContaining('AZURE_OPENAI_API_KEY'),
        }),
      );
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
