import { type ErrorCode, isPalError, type PalError, type ProviderAdapter } from '@pal/core';
import { type Emulator, type ErrorKind, startEmulator } from '@pal/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { anthropic, createProvider } from './anthropic.js';
import { callContext, chatRequest, drain, ofType } from './test-support.test-helper.js';

let emu: Emulator;
let adapter: ProviderAdapter;

beforeAll(async () => {
  emu = await startEmulator('anthropic');
  adapter = anthropic({ apiKey: 'sk-ant-unit-test-0001', baseURL: emu.url });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

/** The JSON body the emulator received last. */
const sentBody = () => emu.lastRequest()!.body as Record<string, any>;

async function failure(promise: Promise<unknown>): Promise<PalError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isPalError(error)) throw new Error(`expected a PalError, got ${String(error)}`);
  return error;
}

describe('anthropic provider: chat', () => {
  it('answers with text, totals usage with cache reads and writes, and reports rate-limit headers', async () => {
    emu.script({
      text: 'Hi there',
      usage: { inputTokens: 120, cachedInputTokens: 80, cacheWriteTokens: 10, outputTokens: 4 },
    });
    const ctx = callContext();
    const result = await adapter.chat(chatRequest(), ctx);
    expect(result.content).toEqual([{ type: 'text', text: 'Hi there' }]);
    expect(result.finishReason).toBe('stop');
    expect(result.id).toMatch(/^msg_01/);
    expect(result.model).toBe('claude-haiku-4-5');
    expect(result.usage).toEqual({
      inputTokens: 120,
      outputTokens: 4,
      totalTokens: 124,
      cachedInputTokens: 80,
      cacheWriteTokens: 10,
    });
    expect(ctx.rateLimits).toHaveLength(1);
    expect(ctx.rateLimits[0]).toMatchObject({
      limitRequests: 50,
      remainingRequests: 49,
      remainingTokens: 39_000,
    });
    expect(ctx.rateLimits[0]!.resetRequestsMs).toBeGreaterThan(0);
  });

  it('sends the SDK 1.x auth, ctx.headers and option headers, no retries, and the raw response on request', async () => {
    const withHeaders = anthropic({
      apiKey: 'sk-ant-unit-test-0002',
      baseURL: emu.url,
      headers: { 'anthropic-beta': 'x-1' },
    });
    const result = await withHeaders.chat(
      chatRequest(),
      callContext({ headers: { traceparent: '00-abc-01' }, includeRaw: true }),
    );
    const headers = emu.lastRequest()!.headers;
    expect(headers.authorization).toBeDefined();
    expect(headers.authorization).not.toContain('unit-test-0002');
    expect(headers['anthropic-version']).toBe('2026-10-21');
    expect(headers.traceparent).toBe('00-abc-01');
    expect(headers['anthropic-beta']).toBe('x-1');
    expect(headers['x-stainless-retry-count']).toBe('0');
    expect(result.raw).toMatchObject({ type: 'message', id: result.id });
  });

  it('translates system, images, stop, metadata and max_tokens, and drops the sampling knobs 2026-10-21 rejects', async () => {
    await adapter.chat(
      chatRequest({
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'system', content: 'Answer in French.' },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is this?' },
              { type: 'image', data: 'iVBORw0KGgo=', mediaType: 'image/png' },
              { type: 'image', url: 'https://example.com/cat.jpg' },
            ],
          },
        ],
        stop: 'END',
        temperature: 0.2,
        topP: 0.9,
        topK: 5,
        seed: 7,
        metadata: { user: 'user-42' },
      }),
      callContext(),
    );
    const body = sentBody();
    expect(body.system).toBe('Be brief.\n\nAnswer in French.');
    expect(body.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
          { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
        ],
      },
    ]);
    expect(body.stop_sequences).toEqual(['END']);
    expect(body.metadata).toEqual({ user_id: 'user-42' });
    expect(body.max_tokens).toBe(64_000);
    for (const field of ['temperature', 'top_p', 'top_k', 'seed']) expect(body).not.toHaveProperty(field);
  });

  it('sends an image given as a base64 data: URL as a base64 source', async () => {
    const image = { type: 'image' as const, url: 'data:image/png;base64,iVBORw0KGgo=' };
    await adapter.chat(chatRequest({ messages: [{ role: 'user', content: [image] }] }), callContext());
    expect(sentBody().messages[0].content).toEqual([
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
    ]);
  });

  it('uses maxOutputTokens, then defaultMaxOutputTokens, then 4096 for models outside the catalog', async () => {
    await adapter.chat(chatRequest({ maxOutputTokens: 300 }), callContext());
    expect(sentBody().max_tokens).toBe(300);
    const capped = anthropic({
      apiKey: 'sk-ant-unit-test-0003',
      baseURL: emu.url,
      defaultMaxOutputTokens: 1000,
    });
    await capped.chat(chatRequest(), callContext());
    expect(sentBody().max_tokens).toBe(1000);
    await adapter.chat(chatRequest({ model: 'claude-future-9' }), callContext());
    expect(sentBody().max_tokens).toBe(4096);
    await adapter.chat(chatRequest({ model: 'claude-mythos-preview' }), callContext());
    expect(sentBody().max_tokens).toBe(4096);
  });

  it('merges consecutive tool results into one user turn of tool_result blocks after the tool_use turn', async () => {
    emu.script({ text: 'Paris is sunny, London rainy.' });
    const result = await adapter.chat(
      chatRequest({
        messages: [
          { role: 'user', content: 'Weather in Paris and London?' },
          {
            role: 'assistant',
            content: [
              { type: 'reasoning', text: 'Two cities.', signature: 'sig-1' },
              { type: 'reasoning', text: 'unsigned, not replayable' },
              { type: 'text', text: 'Checking.' },
              { type: 'tool-call', id: 'toolu_1', name: 'weather', arguments: { city: 'Paris' } },
              { type: 'tool-call', id: 'toolu_2', name: 'weather', arguments: { city: 'London' } },
            ],
          },
          { role: 'tool', toolCallId: 'toolu_1', content: 'sunny' },
          { role: 'tool', toolCallId: 'toolu_2', content: [{ type: 'text', text: 'rain' }], isError: true },
          { role: 'user', content: 'Summarise.' },
        ],
        tools: [
          { name: 'weather', description: 'Weather by city', parameters: { type: 'object', properties: {} } },
        ],
      }),
      callContext(),
    );
    expect(result.content).toEqual([{ type: 'text', text: 'Paris is sunny, London rainy.' }]);
    const body = sentBody();
    expect(body.messages).toHaveLength(3);
    expect(body.messages[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 'Two cities.', signature: 'sig-1' },
        { type: 'text', text: 'Checking.' },
        { type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } },
        { type: 'tool_use', id: 'toolu_2', name: 'weather', input: { city: 'London' } },
      ],
    });
    expect(body.messages[2]).toEqual({
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'toolu_1', content: 'sunny' },
        {
          type: 'tool_result',
          tool_use_id: 'toolu_2',
          content: [{ type: 'text', text: 'rain' }],
          is_error: true,
        },
        { type: 'text', text: 'Summarise.' },
      ],
    });
    expect(body.tools).toEqual([
      { name: 'weather', description: 'Weather by city', input_schema: { type: 'object', properties: {} } },
    ]);
  });

  it('maps tool choices and returns tool calls with parsed arguments', async () => {
    const tools = [{ name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } }];
    const choices = [
      ['auto', { type: 'auto' }],
      ['none', { type: 'none' }],
      ['required', { type: 'any' }],
      [
        { type: 'tool', name: 'lookup' },
        { type: 'tool', name: 'lookup' },
      ],
    ] as const;
    for (const [toolChoice, wire] of choices) {
      emu.script({ toolCalls: [{ id: 'toolu_x', name: 'lookup', arguments: { q: 'pal' } }] });
      const result = await adapter.chat(chatRequest({ tools, toolChoice }), callContext());
      expect(sentBody().tool_choice).toEqual(wire);
      expect(result.finishReason).toBe('tool-calls');
      expect(result.content).toEqual([
        { type: 'tool-call', id: 'toolu_x', name: 'lookup', arguments: { q: 'pal' } },
      ]);
    }
  });

  it('forces JSON output through the json_output tool and returns it as text with finish "stop"', async () => {
    const schema = {
      type: 'object',
      properties: { city: { type: 'string' }, temp: { type: 'number' } },
      required: ['city'],
    };
    const result = await adapter.chat(
      chatRequest({ responseFormat: { type: 'json', schema } }),
      callContext(),
    );
    const body = sentBody();
    expect(body.tools).toEqual([
      { name: 'json_output', description: expect.any(String), input_schema: schema },
    ]);
    expect(body.tool_choice).toEqual({ type: 'tool', name: 'json_output' });
    expect(result.finishReason).toBe('stop');
    expect(result.content).toHaveLength(1);
    const part = result.content[0]!;
    expect(part.type === 'text' && JSON.parse(part.text)).toEqual({ city: 'Paris', temp: 21.5 });

    emu.script({ text: '{"free":"form"}' });
    const free = await adapter.chat(chatRequest({ responseFormat: { type: 'json' } }), callContext());
    expect(free.content).toEqual([{ type: 'text', text: '{"free":"form"}' }]);
  });

  it('maps reasoning to thinking with a budget below max_tokens, and returns signed reasoning parts', async () => {
    emu.script({ text: 'Done.', reasoning: 'Thinking hard.' });
    const result = await adapter.chat(
      chatRequest({ reasoning: { effort: 'low' }, maxOutputTokens: 500 }),
      callContext(),
    );
    expect(sentBody().thinking).toEqual({ type: 'enabled', budget_tokens: 1024 });
    expect(sentBody().max_tokens).toBe(2048);
    expect(result.content[0]).toEqual({
      type: 'reasoning',
      text: 'Thinking hard.',
      signature: expect.stringMatching(/^Eq/),
    });
    expect(result.content[1]).toEqual({ type: 'text', text: 'Done.' });

    const schema = { type: 'object', properties: { ok: { type: 'boolean' } } };
    await adapter.chat(
      chatRequest({ reasoning: { budgetTokens: 3000 }, responseFormat: { type: 'json', schema } }),
      callContext(),
    );
    expect(sentBody().output_config).toEqual({ format: { type: 'json_schema', schema } });
    expect(sentBody()).not.toHaveProperty('tool_choice');
  });

  it('maps stop reasons: max_tokens → length, refusal → content-filter, stop_sequence → stop', async () => {
    emu.script({ text: 'x'.repeat(200) }, { text: 'no', finishReason: 'refusal' }, { text: 'a STOP b' });
    expect((await adapter.chat(chatRequest({ maxOutputTokens: 3 }), callContext())).finishReason).toBe(
      'length',
    );
    expect((await adapter.chat(chatRequest(), callContext())).finishReason).toBe('content-filter');
    const stopped = await adapter.chat(chatRequest({ stop: ['STOP'] }), callContext());
    expect(stopped.finishReason).toBe('stop');
    expect(stopped.content).toEqual([{ type: 'text', text: 'a ' }]);
  });

  it('passes providerOptions.anthropic into the request body', async () => {
    await adapter.chat(
      chatRequest({ providerOptions: { anthropic: { service_tier: 'standard_only' } } }),
      callContext(),
    );
    expect(sentBody().service_tier).toBe('standard_only');
  });
});

describe('anthropic provider: stream', () => {
  it('streams text deltas, usage from message_start + message_delta, and finish', async () => {
    emu.script({
      text: 'Streaming from Claude',
      chunks: 4,
      usage: { inputTokens: 50, cachedInputTokens: 20, outputTokens: 6 },
    });
    const ctx = callContext();
    const events = await drain(adapter.stream(chatRequest(), ctx));
    expect(events[0]).toMatchObject({ type: 'start', provider: 'anthropic', model: 'claude-haiku-4-5' });
    const deltas = ofType(events, 'text-delta').map((e) => e.text);
    expect(deltas).toHaveLength(4);
    expect(deltas.join('')).toBe('Streaming from Claude');
    const usage = { inputTokens: 50, outputTokens: 6, totalTokens: 56, cachedInputTokens: 20 };
    expect(ofType(events, 'usage')).toEqual([{ type: 'usage', usage }]);
    expect(events.at(-1)).toEqual({ type: 'finish', finishReason: 'stop', usage });
    expect(ctx.rateLimits).toHaveLength(1);
    expect(sentBody().stream).toBe(true);
  });

  it('streams tool calls as deltas keyed by call order, then parsed tool-call events', async () => {
    emu.script({
      text: 'Let me check.',
      toolCalls: [
        { id: 'toolu_a', name: 'weather', arguments: { city: 'Paris', days: 2 } },
        { id: 'toolu_b', name: 'time', arguments: {} },
      ],
    });
    const tools = [
      { name: 'weather', parameters: { type: 'object', properties: {} } },
      { name: 'time', parameters: { type: 'object', properties: {} } },
    ];
    const events = await drain(adapter.stream(chatRequest({ tools }), callContext()));
    const deltas = ofType(events, 'tool-call-delta');
    expect(deltas[0]).toEqual({
      type: 'tool-call-delta',
      index: 0,
      id: 'toolu_a',
      name: 'weather',
      argumentsDelta: '',
    });
    const weatherJson = deltas
      .filter((d) => d.index === 0)
      .map((d) => d.argumentsDelta)
      .join('');
    expect(JSON.parse(weatherJson)).toEqual({ city: 'Paris', days: 2 });
    expect(deltas.filter((d) => d.index === 1)).toEqual([
      { type: 'tool-call-delta', index: 1, id: 'toolu_b', name: 'time', argumentsDelta: '' },
    ]);
    expect(ofType(events, 'tool-call')).toEqual([
      { type: 'tool-call', id: 'toolu_a', name: 'weather', arguments: { city: 'Paris', days: 2 } },
      { type: 'tool-call', id: 'toolu_b', name: 'time', arguments: {} },
    ]);
    expect(
      ofType(events, 'text-delta')
        .map((e) => e.text)
        .join(''),
    ).toBe('Let me check.');
    expect(events.at(-1)).toMatchObject({ type: 'finish', finishReason: 'tool-calls' });
  });

  it('streams thinking as reasoning deltas with the signature', async () => {
    emu.script({ text: 'Yes.', reasoning: 'Consider the question carefully.' });
    const events = await drain(
      adapter.stream(chatRequest({ reasoning: { effort: 'medium' } }), callContext()),
    );
    const reasoning = ofType(events, 'reasoning-delta');
    expect(reasoning.map((e) => e.text).join('')).toBe('Consider the question carefully.');
    expect(reasoning.filter((e) => e.signature)).toHaveLength(1);
    expect(reasoning.at(-1)!.signature).toMatch(/^Eq/);
    expect(sentBody().thinking).toEqual({ type: 'enabled', budget_tokens: 4096 });
  });

  it('streams the forced JSON tool input as text and finishes with "stop"', async () => {
    emu.script({ text: '{"answer":42}', chunks: 3 });
    const events = await drain(
      adapter.stream(
        chatRequest({ responseFormat: { type: 'json', schema: { type: 'object' } } }),
        callContext(),
      ),
    );
    expect(ofType(events, 'tool-call-delta')).toEqual([]);
    expect(ofType(events, 'tool-call')).toEqual([]);
    expect(
      JSON.parse(
        ofType(events, 'text-delta')
          .map((e) => e.text)
          .join(''),
      ),
    ).toEqual({ answer: 42 });
    expect(events.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop' });
  });

  it('throws OVERLOADED for an in-stream overloaded_error after the first deltas', async () => {
    emu.script({
      text: 'partial text here',
      chunks: 3,
      fault: { type: 'stream-error', kind: 'overloaded', afterChunks: 4 },
    });
    const seen: string[] = [];
    const error = await failure(
      (async () => {
        for await (const event of adapter.stream(chatRequest(), callContext())) seen.push(event.type);
      })(),
    );
    expect(seen).toEqual(['start', 'text-delta']);
    expect(error.code).toBe('OVERLOADED');
    expect(error.retryable).toBe(true);
    expect(error.provider).toBe('anthropic');
    expect(error.model).toBe('claude-haiku-4-5');
  });

  it('closes the upstream connection when the consumer stops early', async () => {
    emu.script({ text: 'one two three four five six', chunks: 6, chunkDelayMs: 30 });
    for await (const event of adapter.stream(chatRequest(), callContext())) {
      if (event.type === 'text-delta') break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(emu.lastRequest()!.clientClosedEarly).toBe(true);
  });

  it('maps a cut connection mid-stream to a retryable network or stream error', async () => {
    emu.script({ text: 'abcdef', chunks: 3, fault: { type: 'cut', afterChunks: 3 } });
    const error = await failure(drain(adapter.stream(chatRequest(), callContext())));
    expect(['NETWORK_ERROR', 'STREAM_ERROR']).toContain(error.code);
    expect(error.retryable).toBe(true);
  });
});

describe('anthropic provider: errors', () => {
  const expected: Record<ErrorKind, ErrorCode> = {
    auth: 'PROVIDER_AUTH_ERROR',
    permission: 'PROVIDER_AUTH_ERROR',
    not_found: 'MODEL_NOT_FOUND',
    invalid: 'INVALID_REQUEST',
    context_length: 'CONTEXT_LENGTH_EXCEEDED',
    rate_limit: 'PROVIDER_RATE_LIMIT_ERROR',
    quota: 'QUOTA_EXCEEDED',
    server: 'PROVIDER_API_ERROR',
    unavailable: 'PROVIDER_API_ERROR',
    overloaded: 'OVERLOADED',
    content_filter: 'CONTENT_FILTERED',
  };
  for (const [kind, code] of Object.entries(expected)) {
    it(`maps a ${kind} error to ${code}, in chat and stream, with one request each`, async () => {
      emu.script(
        { fault: { type: 'error', kind: kind as ErrorKind } },
        { fault: { type: 'error', kind: kind as ErrorKind } },
      );
      const chatError = await failure(adapter.chat(chatRequest(), callContext()));
      const streamError = await failure(drain(adapter.stream(chatRequest(), callContext())));
      for (const error of [chatError, streamError]) {
        expect(error.code).toBe(code);
        expect(error.provider).toBe('anthropic');
        expect(error.model).toBe('claude-haiku-4-5');
        expect(error.status).toBeGreaterThanOrEqual(400);
      }
      expect(emu.requests).toHaveLength(2);
    });
  }

  it('carries retry-after and the request id on a 429, and retryable false on quota', async () => {
    emu.script({ fault: { type: 'error', kind: 'rate_limit' } }, { fault: { type: 'error', kind: 'quota' } });
    const limited = await failure(adapter.chat(chatRequest(), callContext()));
    expect(limited.retryAfterMs).toBe(30_000);
    expect(limited.retryable).toBe(true);
    expect(limited.details).toMatchObject({
      type: 'rate_limit_error',
      requestId: expect.stringMatching(/^req_/),
    });
    const quota = await failure(adapter.chat(chatRequest(), callContext()));
    expect(quota.retryable).toBe(false);
    expect(quota.userMessage).toMatch(/Anthropic usage cap/);
  });

  it('maps an unknown model to MODEL_NOT_FOUND and a bad key to PROVIDER_AUTH_ERROR without leaking it', async () => {
    const unknown = await failure(adapter.chat(chatRequest({ model: 'gpt-4o' }), callContext()));
    expect(unknown.code).toBe('MODEL_NOT_FOUND');
    const bad = anthropic({ apiKey: 'bad-key', baseURL: emu.url });
    const auth = await failure(bad.chat(chatRequest(), callContext()));
    expect(auth.code).toBe('PROVIDER_AUTH_ERROR');
    expect(auth.userMessage).toBe('Your Anthropic API key is invalid. Please check and try again.');
  });

  it('maps a reset connection to NETWORK_ERROR and an aborted call to ABORTED', async () => {
    emu.script({ fault: { type: 'reset' } }, { fault: { type: 'stall', ms: 2000 } });
    expect((await failure(adapter.chat(chatRequest(), callContext()))).code).toBe('NETWORK_ERROR');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const aborted = await failure(adapter.chat(chatRequest(), callContext({ signal: controller.signal })));
    expect(aborted.code).toBe('ABORTED');
  });

  it('maps an undecodable stream chunk to SERIALIZATION_ERROR', async () => {
    emu.script({ fault: { type: 'malformed', afterChunks: 2 } });
    const error = await failure(drain(adapter.stream(chatRequest(), callContext())));
    expect(error.code).toBe('SERIALIZATION_ERROR');
  });
});

describe('anthropic provider: models and credentials', () => {
  it('lists live models with catalog data for known ones', async () => {
    const models = await adapter.listModels!();
    const haiku = models.find((m) => m.id === 'claude-haiku-4-5-20251001')!;
    expect(haiku.displayName).toBe('Claude Haiku 4.5');
    expect(haiku.pricing).toMatchObject({ inputPerMTok: 1, outputPerMTok: 5 });
    expect(models.find((m) => m.id === 'claude-opus-4-7')?.displayName).toBe('Claude Opus 4.7');
    expect(models.length).toBe(8);
    // a live model the catalog does not know (here a catalog of Haiku alone): unpriced, not $0
    const haikuOnly = adapter.models.filter((m) => m.id === 'claude-haiku-4-5');
    const narrow = anthropic({ apiKey: 'sk-ant-unit-test-0001', baseURL: emu.url, models: haikuOnly });
    const unknown = (await narrow.listModels!()).find((m) => m.id === 'claude-opus-4-7');
    expect(unknown).toBeDefined();
    expect(unknown?.pricing).toBeUndefined();
  });

  it('validates credentials with one models.list({ limit: 1 }) call', async () => {
    await expect(adapter.validateCredentials!()).resolves.toBeUndefined();
    expect(emu.requests).toHaveLength(1);
    expect(emu.lastRequest()).toMatchObject({ method: 'GET', path: '/v1/models', query: { limit: '1' } });
    const bad = anthropic({ apiKey: 'bad-key', baseURL: emu.url });
    expect((await failure(bad.validateCredentials!())).code).toBe('PROVIDER_AUTH_ERROR');
  });

  it('needs an API key: CONFIG_ERROR naming ANTHROPIC_API_KEY when none is given', () => {
    const saved = process.env.ANTHROPIC_API_KEY;
    delete process.env.ANTHROPIC_API_KEY;
    try {
      expect(() => anthropic({ baseURL: emu.url })).toThrow(/ANTHROPIC_API_KEY/);
    } finally {
      if (saved !== undefined) process.env.ANTHROPIC_API_KEY = saved;
    }
  });

  it('exposes the catalog with seed prices, and createProvider as an alias', () => {
    expect(createProvider).toBe(anthropic);
    const price = (id: string) => adapter.models.find((m) => m.id === id)?.pricing;
    expect(price('claude-sonnet-5')).toMatchObject({ inputPerMTok: 2, outputPerMTok: 10 });
    expect(price('claude-opus-5-5')).toMatchObject({ inputPerMTok: 4, outputPerMTok: 20 });
    expect(price('claude-haiku-4-5')).toMatchObject({ inputPerMTok: 1, outputPerMTok: 5 });
    // the seed's Sonnet 4.5 figures still hold (the model is deprecated)
    expect(price('claude-sonnet-4-5')).toMatchObject({ inputPerMTok: 3, outputPerMTok: 15 });
  });
});
