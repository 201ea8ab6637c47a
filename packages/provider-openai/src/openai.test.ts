import { readFileSync } from 'node:fs';
import type { EmbedRequest, ProviderAdapter } from '@pal/core';
import { embedRequestSchema, imageRequestSchema } from '@pal/core/provider';
import { type Emulator, fixturePath, startEmulator } from '@pal/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { openai, openaiCatalog } from './openai.js';
import {
  callContext,
  chatRequest,
  deltaText,
  drainEvents,
  failureOf,
  TEST_KEY,
  writeFixture,
} from './openai.test-support.js';

let emu: Emulator;
let adapter: ProviderAdapter;
let responsesApi: ProviderAdapter;

beforeAll(async () => {
  emu = await startEmulator('openai');
  adapter = openai({ apiKey: TEST_KEY, baseURL: `${emu.url}/v1` });
  responsesApi = openai({ apiKey: TEST_KEY, baseURL: `${emu.url}/v1`, api: 'responses' });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const weatherTool = {
  name: 'get_weather',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

describe('chat results', () => {
  it('returns text, usage and finish reason from a completion', async () => {
    emu.script({ text: 'Paris.', usage: { inputTokens: 12, outputTokens: 2, cachedInputTokens: 4 } });
    const result = await adapter.chat(chatRequest(), callContext());
    expect(result.content).toEqual([{ type: 'text', text: 'Paris.' }]);
    expect(result.usage).toEqual({ inputTokens: 12, outputTokens: 2, totalTokens: 14, cachedInputTokens: 4 });
    expect(result.finishReason).toBe('stop');
    expect(result.model).toBe('gpt-4o-mini');
    expect(result).not.toHaveProperty('raw');
  });

  it('attaches the vendor response as raw only when the call asks for it', async () => {
    const result = await adapter.chat(chatRequest(), callContext({ includeRaw: true }));
    expect(result.raw).toMatchObject({ object: 'chat.completion', id: result.id });
  });

  it('streams text deltas, then usage, then finish', async () => {
    emu.script({ text: 'one two three four', chunks: 4, usage: { inputTokens: 5, outputTokens: 4 } });
    const events = await drainEvents(adapter.stream(chatRequest(), callContext()));
    expect(events[0]).toMatchObject({ type: 'start', provider: 'openai', model: 'gpt-4o-mini' });
    expect(events.filter((e) => e.type === 'text-delta')).toHaveLength(4);
    expect(deltaText(events)).toBe('one two three four');
    const usage = { inputTokens: 5, outputTokens: 4, totalTokens: 9 };
    expect(events.slice(-2)).toEqual([
      { type: 'usage', usage },
      { type: 'finish', finishReason: 'stop', usage },
    ]);
  });

  it('parses tool calls (non-stream) and streams their arguments as indexed deltas', async () => {
    const toolCalls = [
      { id: 'call_a', name: 'get_weather', arguments: { city: 'Paris' } },
      { id: 'call_b', name: 'get_weather', arguments: { city: 'Oslo' } },
    ];
    emu.script({ toolCalls }, { toolCalls, chunks: 3 });
    const result = await adapter.chat(chatRequest({ tools: [weatherTool] }), callContext());
    expect(result.finishReason).toBe('tool-calls');
    expect(result.content).toEqual(toolCalls.map((c) => ({ type: 'tool-call', ...c })));

    const events = await drainEvents(adapter.stream(chatRequest({ tools: [weatherTool] }), callContext()));
    for (const [index, call] of toolCalls.entries()) {
      const deltas = events.filter((e) => e.type === 'tool-call-delta' && e.index === index);
      expect(deltas[0]).toMatchObject({ id: call.id, name: call.name });
      const json = deltas.map((d) => (d.type === 'tool-call-delta' ? d.argumentsDelta : '')).join('');
      expect(JSON.parse(json)).toEqual(call.arguments);
    }
    expect(events.at(-1)).toMatchObject({ type: 'finish', finishReason: 'tool-calls' });
  });

  it('maps length and content_filter finish reasons', async () => {
    emu.script({ text: 'cut', finishReason: 'length' }, { text: '', finishReason: 'content_filter' });
    expect((await adapter.chat(chatRequest(), callContext())).finishReason).toBe('length');
    expect((await adapter.chat(chatRequest(), callContext())).finishReason).toBe('content-filter');
  });

  it('reports reasoning tokens of an o-series model, in chat and in stream', async () => {
    const usage = { inputTokens: 20, outputTokens: 90, reasoningTokens: 64 };
    emu.script({ text: '42', usage }, { text: '42', usage });
    const expected = { inputTokens: 20, outputTokens: 90, totalTokens: 110, reasoningTokens: 64 };
    const result = await adapter.chat(chatRequest({ model: 'o3-mini' }), callContext());
    expect(result.usage).toEqual(expected);
    const events = await drainEvents(adapter.stream(chatRequest({ model: 'o3-mini' }), callContext()));
    expect(events.at(-1)).toEqual({ type: 'finish', finishReason: 'stop', usage: expected });
  });

  it('exposes reasoning text that compatible hosts send as reasoning_content', async () => {
    emu.script({ text: 'Yes.', reasoning: 'Think first.' }, { text: 'Yes.', reasoning: 'Think first.' });
    const result = await adapter.chat(chatRequest(), callContext());
    expect(result.content).toEqual([
      { type: 'reasoning', text: 'Think first.' },
      { type: 'text', text: 'Yes.' },
    ]);
    const events = await drainEvents(adapter.stream(chatRequest(), callContext()));
    const reasoning = events.flatMap((e) => (e.type === 'reasoning-delta' ? [e.text] : [])).join('');
    expect(reasoning).toBe('Think first.');
  });
});

describe('Responses API results', () => {
  it('returns text, reasoning summary, function calls and usage with reasoning tokens', async () => {
    emu.script({
      reasoning: 'Look it up.',
      toolCalls: [{ id: 'call_r', name: 'get_weather', arguments: { city: 'Rome' } }],
      usage: { inputTokens: 30, outputTokens: 50, reasoningTokens: 40 },
    });
    const result = await responsesApi.chat(chatRequest({ tools: [weatherTool] }), callContext());
    expect(result.content).toEqual([
      { type: 'reasoning', text: 'Look it up.' },
      { type: 'tool-call', id: 'call_r', name: 'get_weather', arguments: { city: 'Rome' } },
    ]);
    expect(result.finishReason).toBe('tool-calls');
    expect(result.usage).toEqual({ inputTokens: 30, outputTokens: 50, totalTokens: 80, reasoningTokens: 40 });
  });

  it('streams text deltas and ends with usage', async () => {
    emu.script({ text: 'alpha beta gamma', chunks: 3, usage: { inputTokens: 3, outputTokens: 3 } });
    const events = await drainEvents(responsesApi.stream(chatRequest(), callContext()));
    expect(events[0]).toMatchObject({ type: 'start', provider: 'openai' });
    expect(deltaText(events)).toBe('alpha beta gamma');
    expect(events.at(-1)).toEqual({
      type: 'finish',
      finishReason: 'stop',
      usage: { inputTokens: 3, outputTokens: 3, totalTokens: 6 },
    });
  });
});

describe('embeddings', () => {
  const embedRequest = (input: string[], extra: Partial<EmbedRequest> = {}) =>
    embedRequestSchema.parse({ model: 'text-embedding-3-small', input, dimensions: 8, ...extra });

  it('splits inputs by maxEmbeddingsPerCall and joins the vectors in input order with summed usage', async () => {
    const small = openai({ apiKey: TEST_KEY, baseURL: `${emu.url}/v1`, maxEmbeddingsPerCall: 2 });
    const inputs = ['a one', 'b two', 'c three', 'd four', 'e five'];
    const result = await small.embed!(embedRequest(inputs), callContext());
    const bodies = emu.requests.map((r) => r.body as { input: string[]; dimensions: number });
    expect(bodies.map((b) => b.input).sort()).toEqual([
      ['a one', 'b two'],
      ['c three', 'd four'],
      ['e five'],
    ]);
    expect(bodies.every((b) => b.dimensions === 8)).toBe(true);
    expect(result.embeddings).toHaveLength(5);

    emu.reset();
    const one = await adapter.embed!(embedRequest(['c three']), callContext());
    expect(result.embeddings[2]).toEqual(one.embeddings[0]);
    const all = await adapter.embed!(embedRequest(inputs), callContext());
    expect(emu.requests).toHaveLength(2);
    expect(result.embeddings).toEqual(all.embeddings);
    expect(result.usage).toEqual(all.usage);
    expect(result.usage?.inputTokens).toBeGreaterThan(0);
  });

  it('sends the batches concurrently: all are in flight while the first one is still unanswered', async () => {
    const small = openai({
      apiKey: TEST_KEY,
      baseURL: `${emu.url}/v1`,
      maxEmbeddingsPerCall: 1,
      embeddingConcurrency: 3,
    });
    emu.scriptCall(1, { fault: { type: 'stall', ms: 10_000 } });
    const controller = new AbortController();
    const pending = small.embed!(embedRequest(['x', 'y', 'z']), callContext({ signal: controller.signal }));
    await vi.waitFor(() => expect(emu.requests).toHaveLength(3), { timeout: 5000 });
    controller.abort();
    expect((await failureOf(small, pending)).code).toBe('ABORTED');
  });
});

describe('image generation', () => {
  it('asks dall-e-3 for base64 and returns the images with the revised prompt', async () => {
    const request = imageRequestSchema.parse({
      model: 'dall-e-3',
      prompt: 'a red square',
      size: '1024x1024',
    });
    const ctx = callContext();
    const result = await adapter.generateImage!(request, ctx);
    expect(emu.lastRequest()?.body).toMatchObject({ response_format: 'b64_json', size: '1024x1024', n: 1 });
    expect(result.images).toHaveLength(1);
    const image = result.images[0]!;
    expect(image.mediaType).toBe('image/png');
    expect(
      Buffer.from(image.data ?? '', 'base64')
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    expect(image.revisedPrompt).toBe('A picture of a red square');
    expect(ctx.rateLimits).toHaveLength(1);
  });

  it('returns n images from gpt-image-1 without asking for a response format', async () => {
    const request = imageRequestSchema.parse({ model: 'gpt-image-1', prompt: 'two dots', n: 2 });
    const result = await adapter.generateImage!(request, callContext());
    expect(emu.lastRequest()?.body).not.toHaveProperty('response_format');
    expect(result.images).toHaveLength(2);
    expect(result.images.every((i) => (i.data ?? '').length > 0)).toBe(true);
  });
});

describe('models and credentials', () => {
  it('lists live models: catalog entries for known ids, unpriced entries for the rest', async () => {
    const known = openaiCatalog.models.filter((m) => m.id === 'gpt-4o');
    const models = await openai({ apiKey: TEST_KEY, baseURL: `${emu.url}/v1`, models: known }).listModels!();
    expect(emu.lastRequest()).toMatchObject({ method: 'GET', path: '/v1/models' });
    expect(models.find((m) => m.id === 'gpt-4o')).toEqual(known[0]);
    const nano = models.find((m) => m.id === 'gpt-4.1-nano');
    // listed but not in the catalog given: unpriced (no pricing at all), not $0
    expect(nano).toBeDefined();
    expect(nano?.pricing).toBeUndefined();
    expect(models.find((m) => m.id === 'text-embedding-ada-002')?.kind).toBe('embedding');
    expect(models).toHaveLength(11);
  });

  it('validateCredentials makes one free GET /v1/models and passes with a good key', async () => {
    await expect(adapter.validateCredentials!()).resolves.toBeUndefined();
    expect(emu.requests).toHaveLength(1);
    expect(emu.lastRequest()).toMatchObject({ method: 'GET', path: '/v1/models' });
  });

  it('validateCredentials with a bad key → PROVIDER_AUTH_ERROR with the seed message', async () => {
    const bad = openai({ apiKey: 'bad-key', baseURL: `${emu.url}/v1` });
    const error = await failureOf(bad, bad.validateCredentials!());
    expect(error.code).toBe('PROVIDER_AUTH_ERROR');
    expect(error.status).toBe(401);
    expect(error.provider).toBe('openai');
    expect(error.userMessage).toBe('Your OpenAI API key is invalid. Please check and try again.');
  });

  it('a missing API key is a CONFIG_ERROR naming OPENAI_API_KEY, before any request', () => {
    vi.stubEnv('OPENAI_API_KEY', '');
    try {
      expect(() => openai({ baseURL: `${emu.url}/v1` })).toThrowError(
        expect.objectContaining({ code: 'CONFIG_ERROR', message: expect.stringContaining('OPENAI_API_KEY') }),
      );
    } finally {
      vi.unstubAllEnvs();
    }
    expect(emu.requests).toHaveLength(0);
  });

  it('reads OPENAI_API_KEY and OPENAI_BASE_URL from the environment', async () => {
    vi.stubEnv('OPENAI_API_KEY', 'bad-key');
    vi.stubEnv('OPENAI_BASE_URL', `${emu.url}/v1`);
    try {
      const fromEnv = openai();
      expect((await failureOf(fromEnv, fromEnv.validateCredentials!())).code).toBe('PROVIDER_AUTH_ERROR');
      expect(emu.requests).toHaveLength(1);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('rate-limit headers', () => {
  const advertised = {
    limitRequests: 10_000,
    remainingRequests: 9_999,
    resetRequestsMs: 6,
    limitTokens: 30_000_000,
    resetTokensMs: 0,
  };

  it('reach ctx.reportRateLimit from chat, stream (both APIs) and embeddings', async () => {
    const ctx = callContext();
    emu.script({ text: 'hi', usage: { inputTokens: 6, outputTokens: 4 } });
    await adapter.chat(chatRequest(), ctx);
    expect(ctx.rateLimits).toEqual([{ ...advertised, remainingTokens: 30_000_000 - 10 }]);
    await drainEvents(adapter.stream(chatRequest(), ctx));
    await drainEvents(responsesApi.stream(chatRequest(), ctx));
    await adapter.embed!(embedRequestSchema.parse({ model: 'text-embedding-3-small', input: 'x' }), ctx);
    expect(ctx.rateLimits).toHaveLength(4);
    for (const info of ctx.rateLimits) expect(info).toMatchObject(advertised);
  });
});

describe('errors', () => {
  it('maps vendor error replies through toPalError', async () => {
    const cases = [
      ['quota', 'QUOTA_EXCEEDED'],
      ['rate_limit', 'PROVIDER_RATE_LIMIT_ERROR'],
      ['context_length', 'CONTEXT_LENGTH_EXCEEDED'],
      ['not_found', 'MODEL_NOT_FOUND'],
      ['content_filter', 'CONTENT_FILTERED'],
    ] as const;
    for (const [kind, code] of cases) {
      emu.script({ fault: { type: 'error', kind } });
      expect((await failureOf(adapter, adapter.chat(chatRequest(), callContext()))).code).toBe(code);
    }
  });

  it('an in-stream error event (Chat Completions) becomes the mapped error after the text so far', async () => {
    emu.script({
      text: 'a b c d',
      chunks: 4,
      fault: { type: 'stream-error', kind: 'quota', afterChunks: 2 },
    });
    const events: string[] = [];
    const error = await failureOf(
      adapter,
      (async () => {
        for await (const event of adapter.stream(chatRequest(), callContext())) events.push(event.type);
      })(),
    );
    expect(events).toContain('text-delta');
    expect(events).not.toContain('finish');
    expect(error.code).toBe('QUOTA_EXCEEDED');
  });

  it('a connection cut mid-stream → NETWORK_ERROR (Chat Completions)', async () => {
    emu.script({ text: 'a b c d e f', chunks: 6, fault: { type: 'cut', afterChunks: 2 } });
    const error = await failureOf(adapter, drainEvents(adapter.stream(chatRequest(), callContext())));
    expect(error.code).toBe('NETWORK_ERROR');
  });

  it('a connection cut mid-stream → NETWORK_ERROR (Responses API)', async () => {
    emu.script({ text: 'a b c d e f', chunks: 6, fault: { type: 'cut', afterChunks: 3 } });
    const error = await failureOf(
      responsesApi,
      drainEvents(responsesApi.stream(chatRequest(), callContext())),
    );
    expect(error.code).toBe('NETWORK_ERROR');
  });

  it('a stream that ends cleanly but before its finish → STREAM_ERROR (both APIs)', async () => {
    const chatLines = readFileSync(fixturePath('openai', 'openai-text.chunks.txt'), 'utf8').split('\n');
    emu.replayFixture(writeFixture('chat-truncated.chunks.txt', chatLines.slice(0, 10)));
    const chatError = await failureOf(adapter, drainEvents(adapter.stream(chatRequest(), callContext())));
    expect(chatError.code).toBe('STREAM_ERROR');
    const phaseLines = readFileSync(fixturePath('openai', 'openai-phase.1.chunks.txt'), 'utf8').split('\n');
    emu.replayFixture(writeFixture('responses-truncated.chunks.txt', phaseLines.slice(0, 8)));
    const stream = responsesApi.stream(chatRequest(), callContext());
    expect((await failureOf(responsesApi, drainEvents(stream))).code).toBe('STREAM_ERROR');
  });

  it('an aborted signal → ABORTED, and the upstream connection is closed', async () => {
    emu.script({ fault: { type: 'stall', ms: 10_000 } });
    const controller = new AbortController();
    const pending = adapter.chat(chatRequest(), callContext({ signal: controller.signal }));
    await vi.waitFor(() => expect(emu.requests).toHaveLength(1));
    controller.abort();
    expect((await failureOf(adapter, pending)).code).toBe('ABORTED');
    await vi.waitFor(() => expect(emu.requests[0]?.clientClosedEarly).toBe(true));
  });

  it('a refused connection → NETWORK_ERROR', async () => {
    const nowhere = openai({ apiKey: TEST_KEY, baseURL: 'http://127.0.0.1:9/v1' });
    expect((await failureOf(nowhere, nowhere.chat(chatRequest(), callContext()))).code).toBe('NETWORK_ERROR');
  });
});
