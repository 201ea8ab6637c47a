import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import {
  type CallContext,
  type ChatRequest,
  type EmbedRequest,
  isPalError,
  type PalError,
  type ProviderAdapter,
  type ProviderStreamEvent,
  createCall,
  Secret,
} from '@pal/core';
import { type Emulator, fixturePath, startEmulator } from '@pal/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { gemini } from './gemini.js';

const KEY = 'AIza-test-SECRET-key-0123456789';
let emu: Emulator;
let adapter: ProviderAdapter;

beforeAll(async () => {
  emu = await startEmulator('gemini');
  adapter = gemini({ apiKey: KEY, baseURL: emu.url });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

function ctx(signal = new AbortController().signal): CallContext {
  return { signal, attempt: 1, headers: {}, requestId: 'test', call: createCall('chat', 'test') };
}

function request(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return {
    model: 'gemini-2.5-flash',
    messages: [{ role: 'user', content: 'Hello there' }],
    ...overrides,
  } as ChatRequest;
}

async function collect(events: AsyncIterable<ProviderStreamEvent>): Promise<ProviderStreamEvent[]> {
  const out: ProviderStreamEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

/** The error a call failed with, as the kernel sees it: through the adapter's `toPalError`. */
async function failure(promise: Promise<unknown>, on: ProviderAdapter = adapter): Promise<PalError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'the call was expected to fail').toBeDefined();
  const mapped = on.toPalError(error, { model: 'gemini-2.5-flash' });
  expect(isPalError(mapped)).toBe(true);
  return mapped;
}

function text(events: ProviderStreamEvent[]): string {
  return events.map((e) => (e.type === 'text-delta' ? e.text : '')).join('');
}

const weatherTool = {
  name: 'get_weather',
  description: 'Current weather',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

describe('gemini provider: chat and stream over the SDK', () => {
  it('chats: text, usage, model, and the body the SDK sent', async () => {
    const result = await adapter.chat(
      request({
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hello there' },
        ],
      }),
      ctx(),
    );
    expect(result.content).toEqual([{ type: 'text', text: 'Echo: Hello there' }]);
    expect(result.finishReason).toBe('stop');
    expect(result.model).toBe('gemini-2.5-flash');
    expect(result.usage!.inputTokens).toBeGreaterThan(0);
    expect(result.usage!.totalTokens).toBe(result.usage!.inputTokens + result.usage!.outputTokens);
    const sent = emu.lastRequest()!;
    expect(sent.path).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect((sent.body as any).systemInstruction.parts).toEqual([{ text: 'Be brief.' }]);
  });

  it('streams text deltas, then usage, then finish', async () => {
    emu.script({
      text: 'The weather is sunny today.',
      chunks: 4,
      usage: { inputTokens: 5, outputTokens: 7 },
    });
    const events = await collect(adapter.stream(request(), ctx()));
    expect(events[0]).toMatchObject({ type: 'start', provider: 'gemini', model: 'gemini-2.5-flash' });
    expect(text(events)).toBe('The weather is sunny today.');
    expect(events.filter((e) => e.type === 'text-delta')).toHaveLength(4);
    expect(events.at(-2)).toEqual({
      type: 'usage',
      usage: { inputTokens: 5, outputTokens: 7, totalTokens: 12 },
    });
    expect(events.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop' });
  });

  it('round-trips a tool call: call_0 id, then a nameless tool result resolved to the call name', async () => {
    const first = await adapter.chat(
      request({ messages: [{ role: 'user', content: 'use get_weather for Paris' }], tools: [weatherTool] }),
      ctx(),
    );
    expect(first.finishReason).toBe('tool-calls');
    const call = first.content.find((p) => p.type === 'tool-call')!;
    expect(call).toMatchObject({ type: 'tool-call', id: 'call_0', name: 'get_weather' });
    const second = await adapter.chat(
      request({
        tools: [weatherTool],
        messages: [
          { role: 'user', content: 'use get_weather for Paris' },
          { role: 'assistant', content: [call] },
          { role: 'tool', toolCallId: 'call_0', content: '{"temp":21}' },
        ],
      }),
      ctx(),
    );
    expect(second.finishReason).toBe('stop');
    expect(second.content[0]).toMatchObject({ type: 'text', text: expect.stringContaining('21') });
    const contents = (emu.lastRequest()!.body as any).contents;
    expect(contents[2].parts[0].functionResponse).toEqual({ name: 'get_weather', response: { temp: 21 } });
  });

  it('forces the named tool with toolChoice and streams the call whole', async () => {
    const events = await collect(
      adapter.stream(
        request({ tools: [weatherTool], toolChoice: { type: 'tool', name: 'get_weather' } }),
        ctx(),
      ),
    );
    const calls = events.filter((e) => e.type === 'tool-call');
    expect(calls).toEqual([
      { type: 'tool-call', id: 'call_0', name: 'get_weather', arguments: { city: 'Paris' } },
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'finish', finishReason: 'tool-calls' });
  });

  it('asks for JSON with a cleaned responseSchema and gets JSON valid against it', async () => {
    const result = await adapter.chat(
      request({
        responseFormat: {
          type: 'json',
          schema: {
            $schema: 'http://json-schema.org/draft-07/schema#',
            type: 'object',
            properties: { city: { type: 'string' }, temp: { type: 'integer' } },
            required: ['city', 'temp'],
            additionalProperties: false,
          },
        },
      }),
      ctx(),
    );
    const value = JSON.parse((result.content[0] as { text: string }).text);
    expect(typeof value.city).toBe('string');
    expect(Number.isInteger(value.temp)).toBe(true);
    const config = (emu.lastRequest()!.body as any).generationConfig;
    expect(config.responseMimeType).toBe('application/json');
    expect(config.responseSchema.additionalProperties).toBeUndefined();
  });

  it('maps MAX_TOKENS to length and sends the sampling settings', async () => {
    emu.script({ text: 'one two three four five six seven eight nine ten' });
    const result = await adapter.chat(
      request({ maxOutputTokens: 2, temperature: 0.3, stop: ['END'] }),
      ctx(),
    );
    expect(result.finishReason).toBe('length');
    expect((emu.lastRequest()!.body as any).generationConfig).toMatchObject({
      maxOutputTokens: 2,
      temperature: 0.3,
      stopSequences: ['END'],
    });
  });

  it('refuses an http image URL with UNSUPPORTED_CAPABILITY before sending anything', async () => {
    const error = await failure(
      adapter.chat(
        request({ messages: [{ role: 'user', content: [{ type: 'image', url: 'https://x.test/a.png' }] }] }),
        ctx(),
      ),
    );
    expect(error.code).toBe('UNSUPPORTED_CAPABILITY');
    expect(emu.requests).toHaveLength(0);
  });

  it('breaking out of the stream closes the upstream connection', async () => {
    emu.script({ text: 'word '.repeat(40), chunks: 20, chunkDelayMs: 30 });
    for await (const event of adapter.stream(request(), ctx())) {
      if (event.type === 'text-delta') break;
    }
    await expect.poll(() => emu.requests[0]?.clientClosedEarly, { timeout: 3000 }).toBe(true);
  });
});

describe('gemini provider: recorded fixtures become canonical results', () => {
  it('google-text.chunks.txt: text is the concatenated deltas, usage the recorded final usage', async () => {
    emu.replayFixture(fixturePath('gemini', 'google-text.chunks.txt'));
    const events = await collect(adapter.stream(request({ model: 'gemini-3-pro-preview' }), ctx()));
    expect(text(events)).toBe('There are **3** "r"s in strawberry.\n\nst**r**awbe**rr**y');
    const usage = { inputTokens: 9, outputTokens: 208, totalTokens: 217, reasoningTokens: 185 };
    expect(events.at(-2)).toEqual({ type: 'usage', usage });
    expect(events.at(-1)).toEqual({ type: 'finish', finishReason: 'stop', usage });
  });

  it('google-text.json: one text part and the recorded usage', async () => {
    emu.replayFixture(fixturePath('gemini', 'google-text.json'));
    const result = await adapter.chat(request(), ctx());
    expect(result.content).toEqual([
      {
        type: 'text',
        text: "There are **3** r's in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.",
      },
    ]);
    expect(result.usage).toEqual({
      inputTokens: 9,
      outputTokens: 272,
      totalTokens: 281,
      reasoningTokens: 244,
    });
    expect(result.id).toBe('Un6LacrVMcjUxs0PmJfWoQc');
    expect(result.model).toBe('gemini-3-pro-preview');
  });

  it('google-tool-call.chunks.txt: one whole tool call whose args are the recorded object, with its thoughtSignature', async () => {
    emu.replayFixture(fixturePath('gemini', 'google-tool-call.chunks.txt'));
    const events = await collect(adapter.stream(request(), ctx()));
    const recorded = readFileSync(fixturePath('gemini', 'google-tool-call.chunks.txt'), 'utf8').split(
      '\n',
    )[0]!;
    const signature = JSON.parse(recorded).candidates[0].content.parts[0].thoughtSignature;
    expect(signature).toMatch(/^EqUCCqICAb4/);
    expect(events.filter((e) => e.type === 'tool-call')).toEqual([
      {
        type: 'tool-call',
        id: 'call_0',
        name: 'weather',
        arguments: { location: 'San Francisco' },
        signature,
      },
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'finish', finishReason: 'tool-calls' });
  });

  it('google-tool-call.json: a tool-call part and finish tool-calls', async () => {
    emu.replayFixture(fixturePath('gemini', 'google-tool-call.json'));
    const result = await adapter.chat(request(), ctx());
    expect(result.content).toEqual([
      {
        type: 'tool-call',
        id: 'call_0',
        name: 'weather',
        arguments: { location: 'San Francisco' },
        signature:
          'EskgCsYgAb4+9vtF7/499YQS2bjZs3xcQI+iAl+ILn29nK1j0Kg6su7QsUUUk3nrAAfnS2w5WiVvlcCqu9fAebJ2cvfaEyBahEt5',
      },
    ]);
    expect(result.finishReason).toBe('tool-calls');
    expect(result.usage).toMatchObject({ inputTokens: 29, outputTokens: 908, totalTokens: 937 });
  });

  it('google-429-retry-info.json: PROVIDER_RATE_LIMIT_ERROR with retryAfterMs from RetryInfo (34.4 s)', async () => {
    emu.replayFixture(fixturePath('gemini', 'google-429-retry-info.json'));
    const error = await failure(adapter.chat(request(), ctx()));
    expect(error.code).toBe('PROVIDER_RATE_LIMIT_ERROR');
    expect(error.retryAfterMs).toBe(34_400);
    expect(error.retryable).toBe(true);
    expect(error.status).toBe(429);
  });
});

describe('gemini provider: errors', () => {
  it('a bad key (400 API_KEY_INVALID) → PROVIDER_AUTH_ERROR, and the key never shows', async () => {
    const bad = gemini({ apiKey: 'bad-key', baseURL: emu.url });
    const error = await failure(bad.chat(request(), ctx()), bad);
    expect(error.code).toBe('PROVIDER_AUTH_ERROR');
    expect(error.status).toBe(400);
    expect(error.message).toContain('API key not valid');
    const good = await failure(
      (() => {
        emu.script({ fault: { type: 'error', kind: 'server' } });
        return adapter.chat(request(), ctx());
      })(),
    );
    for (const text of [JSON.stringify(good), inspect(good, { depth: 8 }), String(good.stack)]) {
      expect(text).not.toContain('SECRET-key');
    }
  });

  it('429 with RetryInfo → retryAfterMs; a scripted retry-after of 5 s arrives as 5000 ms', async () => {
    emu.script({ fault: { type: 'error', kind: 'rate_limit', headers: { 'retry-after': '5' } } });
    const error = await failure(adapter.chat(request(), ctx()));
    expect(error.code).toBe('PROVIDER_RATE_LIMIT_ERROR');
    expect(error.retryAfterMs).toBe(5000);
    expect(emu.requests).toHaveLength(1);
  });

  it('RESOURCE_EXHAUSTED per-day quota → QUOTA_EXCEEDED, not retryable', async () => {
    emu.script({ fault: { type: 'error', kind: 'quota' } });
    const error = await failure(adapter.chat(request(), ctx()));
    expect(error.code).toBe('QUOTA_EXCEEDED');
    expect(error.retryable).toBe(false);
  });

  it.each([
    ['not_found', 'MODEL_NOT_FOUND'],
    ['context_length', 'CONTEXT_LENGTH_EXCEEDED'],
    ['invalid', 'INVALID_REQUEST'],
    ['permission', 'PROVIDER_AUTH_ERROR'],
    ['server', 'PROVIDER_API_ERROR'],
    ['overloaded', 'OVERLOADED'],
  ] as const)('%s → %s', async (kind, code) => {
    emu.script({ fault: { type: 'error', kind } });
    expect((await failure(adapter.chat(request(), ctx()))).code).toBe(code);
  });

  it('a blocked prompt (promptFeedback.blockReason SAFETY) → CONTENT_FILTERED, chat and stream', async () => {
    emu.script(
      { fault: { type: 'error', kind: 'content_filter' } },
      { fault: { type: 'error', kind: 'content_filter' } },
    );
    const chat = await failure(adapter.chat(request(), ctx()));
    expect(chat.code).toBe('CONTENT_FILTERED');
    expect(chat.message).toContain('SAFETY');
    const stream = await failure(collect(adapter.stream(request(), ctx())));
    expect(stream.code).toBe('CONTENT_FILTERED');
  });

  it('a SAFETY finish mid-stream ends with finish content-filter after the text so far', async () => {
    emu.script({
      text: 'one two three',
      chunks: 3,
      fault: { type: 'stream-error', kind: 'content_filter', afterChunks: 2 },
    });
    const events = await collect(adapter.stream(request(), ctx()));
    expect(text(events).length).toBeGreaterThan(0);
    expect(events.at(-1)).toMatchObject({ type: 'finish', finishReason: 'content-filter' });
  });

  it('an error object inside the stream (which the SDK yields as a chunk) is thrown as a PalError', async () => {
    emu.script({
      text: 'one two three',
      chunks: 3,
      fault: { type: 'stream-error', kind: 'overloaded', afterChunks: 1 },
    });
    const seen: ProviderStreamEvent[] = [];
    const error = await failure(
      (async () => {
        for await (const event of adapter.stream(request(), ctx())) seen.push(event);
      })(),
    );
    expect(error.code).toBe('OVERLOADED');
    expect(text(seen)).not.toBe('');
  });

  it('a cut stream and a malformed chunk → STREAM_ERROR; a reset connection → NETWORK_ERROR', async () => {
    emu.script({ text: 'one two three four', chunks: 4, fault: { type: 'cut', afterChunks: 2 } });
    expect((await failure(collect(adapter.stream(request(), ctx())))).code).toBe('STREAM_ERROR');
    emu.script({ text: 'one two three four', chunks: 4, fault: { type: 'malformed', afterChunks: 1 } });
    expect((await failure(collect(adapter.stream(request(), ctx())))).code).toBe('STREAM_ERROR');
    emu.script({ fault: { type: 'reset' } });
    expect((await failure(adapter.chat(request(), ctx()))).code).toBe('NETWORK_ERROR');
  });

  it('an aborted signal → ABORTED', async () => {
    const controller = new AbortController();
    controller.abort();
    expect((await failure(adapter.chat(request(), ctx(controller.signal)))).code).toBe('ABORTED');
  });
});

describe('gemini provider: embeddings, models, credentials', () => {
  const embed = (input: string | string[], dimensions?: number) =>
    adapter.embed!(
      { model: 'gemini-embedding-001', input, ...(dimensions && { dimensions }) } as EmbedRequest,
      ctx(),
    );

  it('embeds one text with embedContent and reports estimated usage', async () => {
    const result = await embed('hello world!');
    expect(result.embeddings).toHaveLength(1);
    expect(result.embeddings[0]).toHaveLength(3072);
    expect(result.usage).toEqual({ inputTokens: 3, outputTokens: 0, totalTokens: 3, estimated: true });
    expect(emu.lastRequest()!.path).toBe('/v1beta/models/gemini-embedding-001:embedContent');
  });

  it('splits 250 inputs into batchEmbedContents calls of 100, 100 and 50, keeping input order', async () => {
    const inputs = Array.from({ length: 250 }, (_, i) => `text number ${i}`);
    const result = await embed(inputs, 16);
    expect(result.embeddings).toHaveLength(250);
    const sizes = emu.requests
      .map((r) => (r.body as { requests: unknown[] }).requests.length)
      .sort((a, b) => b - a);
    expect(sizes).toEqual([100, 100, 50]);
    expect(emu.requests.every((r) => r.path.endsWith(':batchEmbedContents'))).toBe(true);
    const [single] = (await embed('text number 249', 16)).embeddings;
    expect(result.embeddings[249]).toEqual(single);
    expect(result.usage?.estimated).toBe(true);
  });

  it('lists live models: catalog entries for known ids, unknown ids unpriced (not $0)', async () => {
    const models = await adapter.listModels!();
    const flash = models.find((m) => m.id === 'gemini-3.6-flash')!;
    expect(flash.pricing?.inputPerMTok).toBeGreaterThan(0);
    expect(models.find((m) => m.id === 'gemini-embedding-001')?.kind).toBe('embedding');
    const unknown = models.find((m) => m.id === 'gemini-9-flash-preview')!;
    expect(unknown).toMatchObject({ kind: 'chat', displayName: 'Gemini 9 Flash Preview' });
    expect(unknown.capabilities.reasoning).toBe(true);
    expect(unknown.pricing).toBeUndefined();
    expect(emu.lastRequest()!.path).toBe('/v1beta/models');
  });

  it('validateCredentials passes with a good key and throws PROVIDER_AUTH_ERROR with a bad one, each a string or a Secret', async () => {
    await expect(adapter.validateCredentials!()).resolves.toBeUndefined();
    const fromSecret = gemini({ apiKey: new Secret(KEY), baseURL: emu.url });
    await expect(fromSecret.validateCredentials!()).resolves.toBeUndefined();
    // the emulator refuses "bad-key": a Secret is refused only if its value, not its masked form, is sent
    for (const apiKey of ['bad-key', new Secret('bad-key')]) {
      const bad = gemini({ apiKey, baseURL: emu.url });
      const error = await failure(bad.validateCredentials!(), bad);
      expect(error.code).toBe('PROVIDER_AUTH_ERROR');
    }
  });

  it('without any key, gemini() fails with CONFIG_ERROR naming both env vars', () => {
    const saved = [process.env.GEMINI_API_KEY, process.env.GOOGLE_API_KEY];
    delete process.env.GEMINI_API_KEY;
    delete process.env.GOOGLE_API_KEY;
    try {
      expect(() => gemini()).toThrow(/GEMINI_API_KEY.*GOOGLE_API_KEY/);
      expect(() => gemini({ apiKey: 42 as never })).toThrow(
        'gemini: apiKey must be a string or a Secret (e.g. { "env": "VAR" } in a config file), got a number.',
      );
      process.env.GOOGLE_API_KEY = 'from-env';
      expect(gemini().id).toBe('gemini');
    } finally {
      for (const [i, name] of ['GEMINI_API_KEY', 'GOOGLE_API_KEY'].entries()) {
        if (saved[i] === undefined) delete process.env[name];
        else process.env[name] = saved[i];
      }
    }
  });
});

describe('gemini baseURL (for telemetry)', () => {
  it('is the one given, else the Gemini API', () => {
    expect(adapter.baseURL).toBe(emu.url);
    expect(gemini({ apiKey: KEY }).baseURL).toBe('https://generativelanguage.googleapis.com');
  });
});
