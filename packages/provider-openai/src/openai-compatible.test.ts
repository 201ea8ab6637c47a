import { maskSecret, Secret } from '@pal/core';
import { embedRequestSchema } from '@pal/core/provider';
import { type Emulator, startEmulator } from '@pal/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { openai } from './openai.js';
import { openaiCompatible } from './openai-compatible.js';
import { callContext, chatRequest, drainEvents, failureOf, TEST_KEY } from './openai.test-support.js';
import { groq, openrouter, together, vllm } from './presets.js';

let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator('openai');
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

describe('OpenAI-compatible presets', () => {
  it('each preset needs its own key variable and names it in a CONFIG_ERROR', () => {
    const presets = [
      [groq, 'GROQ_API_KEY'],
      [together, 'TOGETHER_API_KEY'],
      [openrouter, 'OPENROUTER_API_KEY'],
    ] as const;
    for (const [preset, envVar] of presets) {
      vi.stubEnv(envVar, '');
      try {
        expect(() => preset()).toThrowError(
          expect.objectContaining({ code: 'CONFIG_ERROR', message: expect.stringContaining(envVar) }),
        );
      } finally {
        vi.unstubAllEnvs();
      }
    }
  });

  it('groq sends its key as Bearer and answers with the provider id "groq"', async () => {
    vi.stubEnv('GROQ_API_KEY', TEST_KEY);
    try {
      const adapter = groq({ baseURL: `${emu.url}/v1` });
      const events = await drainEvents(
        adapter.stream(chatRequest({ model: 'llama-3.3-70b-versatile' }), callContext()),
      );
      expect(events[0]).toMatchObject({ type: 'start', provider: 'groq', model: 'llama-3.3-70b-versatile' });
      expect(emu.lastRequest()?.headers.authorization).toBe(maskSecret(TEST_KEY));
      expect(adapter.defaultModel).toBe('llama-3.3-70b-versatile');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('a host that needs no key still sends the value of a Secret key it is given', async () => {
    const local = (apiKey: unknown) =>
      openaiCompatible({
        id: 'local',
        baseURL: `${emu.url}/v1`,
        requiresApiKey: false,
        apiKey: apiKey as never,
      });
    const refused = local(new Secret('bad-key')); // the emulator refuses "bad-key", not its masked form
    const error = await failureOf(refused, refused.chat(chatRequest(), callContext()));
    expect(error.code).toBe('PROVIDER_AUTH_ERROR');
    expect(() => local(42)).toThrow(
      expect.objectContaining({ code: 'CONFIG_ERROR', message: expect.stringContaining('apiKey must be') }),
    );
  });

  it('vllm needs no key, reads VLLM_BASE_URL, is local and embeds', async () => {
    vi.stubEnv('VLLM_BASE_URL', `${emu.url}/v1`);
    vi.stubEnv('VLLM_API_KEY', '');
    try {
      const adapter = vllm();
      expect(adapter.local).toBe(true);
      expect(adapter.capabilities.embeddings).toBe(true);
      const result = await adapter.chat(
        chatRequest({ model: 'meta-llama/Llama-3.1-8B-Instruct' }),
        callContext(),
      );
      expect(result.content[0]?.type).toBe('text');
      const request = embedRequestSchema.parse({ model: 'BAAI/bge-small-en', input: ['x', 'y'] });
      expect((await adapter.embed!(request, callContext())).embeddings).toHaveLength(2);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('catalogs price the preset models; live listing keeps catalog entries', async () => {
    const adapter = together({ apiKey: TEST_KEY, baseURL: `${emu.url}/v1` });
    expect(adapter.models.length).toBeGreaterThan(0);
    // Together's models the price data lists are priced; the rest are unpriced, none at $0
    const llama = adapter.models.find((m) => m.id === 'meta-llama/Llama-3.3-70B-Instruct-Turbo');
    expect(llama?.pricing).toMatchObject({ inputPerMTok: 0.88, outputPerMTok: 0.88 });
    expect(adapter.models.every((m) => m.pricing === undefined || m.pricing.inputPerMTok > 0)).toBe(true);
    const groqModels = groq({ apiKey: TEST_KEY, baseURL: `${emu.url}/v1` });
    expect(groqModels.models.every((m) => (m.pricing?.inputPerMTok ?? 0) > 0)).toBe(true);
    const listed = await groqModels.listModels!();
    const unknown = listed.find((m) => m.id === 'gpt-4o-mini');
    expect(unknown).toBeDefined();
    expect(unknown?.pricing).toBeUndefined();
  });
});

describe('openaiCompatible', () => {
  it('a new host in a few lines: key from <ID>_API_KEY, max_tokens, dialect switches', async () => {
    vi.stubEnv('LM_STUDIO_API_KEY', TEST_KEY);
    try {
      const lmStudio = openaiCompatible({
        id: 'lm-studio',
        baseURL: `${emu.url}/v1`,
        dialect: { streamUsage: false },
      });
      await drainEvents(
        lmStudio.stream(chatRequest({ model: 'qwen2.5-7b', maxOutputTokens: 9 }), callContext()),
      );
      const body = emu.lastRequest()?.body as Record<string, unknown>;
      expect(body).toMatchObject({ stream: true, max_tokens: 9 });
      expect(body).not.toHaveProperty('stream_options');
      expect(lmStudio.capabilities.embeddings).toBe(false);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("never forwards OpenAI's organization/project variables to another host", async () => {
    vi.stubEnv('OPENAI_ORG_ID', 'org-should-stay-home');
    vi.stubEnv('OPENAI_PROJECT_ID', 'proj-should-stay-home');
    try {
      await groq({ apiKey: TEST_KEY, baseURL: `${emu.url}/v1` }).chat(chatRequest(), callContext());
      expect(emu.lastRequest()?.headers).not.toHaveProperty('openai-organization');
      expect(emu.lastRequest()?.headers).not.toHaveProperty('openai-project');
      await openai({ apiKey: TEST_KEY, baseURL: `${emu.url}/v1` }).chat(chatRequest(), callContext());
      expect(emu.lastRequest()?.headers).toMatchObject({
        'openai-organization': 'org-should-stay-home',
        'openai-project': 'proj-should-stay-home',
      });
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('maps the host errors with its own provider id', async () => {
    const host = openaiCompatible({ id: 'acme', apiKey: 'bad-key', baseURL: `${emu.url}/v1` });
    const error = await failureOf(host, host.chat(chatRequest({ model: 'acme-1' }), callContext()));
    expect(error).toMatchObject({ code: 'PROVIDER_AUTH_ERROR', provider: 'acme' });
  });

  it('max_tokens on an o-series model is refused by the API → INVALID_REQUEST', async () => {
    const host = openaiCompatible({ id: 'proxy', apiKey: TEST_KEY, baseURL: `${emu.url}/v1` });
    const request = chatRequest({ model: 'o3-mini', maxOutputTokens: 10 });
    const error = await failureOf(host, host.chat(request, callContext()));
    expect(error.code).toBe('INVALID_REQUEST');
    expect(error.message).toContain('max_completion_tokens');
  });
});
