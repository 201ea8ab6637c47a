import {
  type CallContext,
  type ChatRequestInput,
  isPalError,
  maskSecret,
  type ProviderStreamEvent,
  createCall,
  Secret,
} from '@pal/core';
import { chatRequestSchema } from '@pal/core/provider';
import { type Emulator, startEmulator } from '@pal/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ollama } from './ollama-provider.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator('ollama');
});
beforeEach(() => emulator.reset());
afterAll(() => emulator.close());

const ctx = (): CallContext => ({
  signal: new AbortController().signal,
  attempt: 1,
  headers: {},
  requestId: 'req-1',
  call: createCall('chat', 'req-1'),
});
const request = (input: Partial<ChatRequestInput> = {}) =>
  chatRequestSchema.parse({ model: 'llama3.2', messages: [{ role: 'user', content: 'Hello' }], ...input });
const adapter = () => ollama({ baseURL: emulator.url });
const sent = (n = 0) => emulator.requests[n]?.body as Record<string, any>;

async function collect(events: AsyncIterable<ProviderStreamEvent>) {
  const out: ProviderStreamEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

async function failure(run: () => Promise<unknown>) {
  try {
    await run();
  } catch (error) {
    return adapter().toPalError(error);
  }
  throw new Error('expected a failure');
}

describe('ollama adapter: chat', () => {
  it('sends Ollama’s body (stream: false, options) and maps the answer, usage and finish', async () => {
    emulator.script({ text: 'Hi there', usage: { inputTokens: 9, outputTokens: 2 } });
    const result = await adapter().chat(
      request({
        messages: [
          { role: 'system', content: 'Be brief' },
          { role: 'user', content: 'Hello' },
        ],
        temperature: 0.2,
        maxOutputTokens: 50,
        stop: 'END',
        seed: 7,
        providerOptions: { ollama: { keep_alive: '10m', options: { num_ctx: 8192 } } },
      }),
      ctx(),
    );
    expect(sent()).toEqual({
      model: 'llama3.2',
      messages: [
        { role: 'system', content: 'Be brief' },
        { role: 'user', content: 'Hello' },
      ],
      stream: false,
      options: { temperature: 0.2, num_predict: 50, stop: ['END'], seed: 7, num_ctx: 8192 },
      keep_alive: '10m',
    });
    expect(result).toMatchObject({
      model: 'llama3.2',
      content: [{ type: 'text', text: 'Hi there' }],
      finishReason: 'stop',
      usage: { inputTokens: 9, outputTokens: 2, totalTokens: 11 },
    });
  });

  it('maps done_reason "length" and the num_predict cut', async () => {
    const result = await adapter().chat(
      request({ messages: [{ role: 'user', content: 'x'.repeat(400) }], maxOutputTokens: 3 }),
      ctx(),
    );
    expect(result.finishReason).toBe('length');
    expect(result.usage?.outputTokens).toBe(3);
  });

  it('asks for JSON with `format`: "json" or the JSON schema', async () => {
    const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
    const strict = await adapter().chat(request({ responseFormat: { type: 'json', schema } }), ctx());
    expect(sent().format).toEqual(schema);
    expect(JSON.parse((strict.content[0] as { text: string }).text)).toEqual({ city: 'Paris' });
    await adapter().chat(request({ responseFormat: { type: 'json' } }), ctx());
    expect(sent(1).format).toBe('json');
  });

  it('offers tools, returns whole tool calls and sends the result back with tool_name', async () => {
    const tools = [
      { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
    ];
    emulator.script({ toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }] });
    const first = await adapter().chat(request({ tools }), ctx());
    expect(sent().tools).toEqual([
      { type: 'function', function: { name: 'get_weather', parameters: tools[0]!.parameters } },
    ]);
    expect(first.finishReason).toBe('tool-calls');
    const call = first.content.find((p) => p.type === 'tool-call');
    expect(call).toMatchObject({ name: 'get_weather', arguments: { city: 'Oslo' }, id: expect.any(String) });
    await adapter().chat(
      request({
        tools,
        messages: [
          { role: 'user', content: 'Weather?' },
          { role: 'assistant', content: first.content },
          { role: 'tool', toolCallId: (call as { id: string }).id, content: 'cold' },
        ],
      }),
      ctx(),
    );
    expect(sent(1).messages.slice(1)).toEqual([
      {
        role: 'assistant',
        content: '',
        tool_calls: [
          { id: expect.any(String), function: { name: 'get_weather', arguments: { city: 'Oslo' } } },
        ],
      },
      { role: 'tool', content: 'cold', tool_name: 'get_weather' },
    ]);
  });

  it('honours toolChoice: "none" offers no tools, a named tool offers only that one', async () => {
    const tools = [{ name: 'a' }, { name: 'b' }];
    await adapter().chat(request({ tools, toolChoice: 'none' }), ctx());
    expect(sent().tools).toBeUndefined();
    await adapter().chat(request({ tools, toolChoice: { type: 'tool', name: 'b' } }), ctx());
    expect(sent(1).tools.map((t: any) => t.function.name)).toEqual(['b']);
  });

  it('sends an image given as a base64 data: URL in `images`', async () => {
    const content = [{ type: 'image' as const, url: 'data:image/png;base64,aGVsbG8=' }];
    await adapter().chat(request({ model: 'llava', messages: [{ role: 'user', content }] }), ctx());
    expect(sent().messages[0]).toEqual({ role: 'user', content: '', images: ['aGVsbG8='] });
  });

  it('sends base64 images in `images` and refuses image URLs before any request', async () => {
    const content = [
      { type: 'text' as const, text: 'What is this?' },
      { type: 'image' as const, data: 'aGVsbG8=', mediaType: 'image/png' },
    ];
    await adapter().chat(request({ model: 'llava', messages: [{ role: 'user', content }] }), ctx());
    expect(sent().messages[0]).toEqual({ role: 'user', content: 'What is this?', images: ['aGVsbG8='] });
    const error = await failure(() =>
      adapter().chat(
        request({ messages: [{ role: 'user', content: [{ type: 'image', url: 'https://x.test/a.png' }] }] }),
        ctx(),
      ),
    );
    expect(error).toMatchObject({
      code: 'UNSUPPORTED_CAPABILITY',
      path: ['messages', 0, 'content', 0, 'url'],
    });
    expect(emulator.requests).toHaveLength(1);
  });

  it('returns reasoning from `thinking` when asked to reason', async () => {
    emulator.script({ reasoning: 'Let me think.', text: 'Done.' });
    const result = await adapter().chat(request({ model: 'qwen3', reasoning: { effort: 'low' } }), ctx());
    expect(sent().think).toBe(true);
    expect(result.content[0]).toEqual({ type: 'reasoning', text: 'Let me think.' });
  });
});

describe('ollama adapter: stream', () => {
  it('yields text deltas, then usage and the finish from the done line', async () => {
    emulator.script({ text: 'Streaming works', chunks: 3, usage: { inputTokens: 4, outputTokens: 3 } });
    const events = await collect(adapter().stream(request(), ctx()));
    expect(sent().stream).toBe(true);
    expect(events.map((e) => e.type)).toEqual(['text-delta', 'text-delta', 'text-delta', 'usage', 'finish']);
    expect(events.map((e) => (e.type === 'text-delta' ? e.text : '')).join('')).toBe('Streaming works');
    expect(events.slice(-2)).toEqual([
      { type: 'usage', usage: { inputTokens: 4, outputTokens: 3, totalTokens: 7 } },
      { type: 'finish', finishReason: 'stop', usage: { inputTokens: 4, outputTokens: 3, totalTokens: 7 } },
    ]);
  });

  it('yields a whole tool-call event and a tool-calls finish', async () => {
    emulator.script({ toolCalls: [{ id: 'call_1', name: 'lookup', arguments: { q: 'pal' } }] });
    const events = await collect(adapter().stream(request({ tools: [{ name: 'lookup' }] }), ctx()));
    expect(events).toContainEqual({
      type: 'tool-call',
      id: 'call_1',
      name: 'lookup',
      arguments: { q: 'pal' },
    });
    expect(events.at(-1)).toMatchObject({ type: 'finish', finishReason: 'tool-calls' });
  });

  it('throws the mapped error of an in-stream {"error"} line', async () => {
    emulator.script({
      text: 'a b c d',
      chunks: 4,
      fault: { type: 'stream-error', kind: 'server', afterChunks: 2 },
    });
    const error = await failure(() => collect(adapter().stream(request(), ctx())));
    expect(error).toMatchObject({ code: 'PROVIDER_API_ERROR', provider: 'ollama' });
    expect(error.message).toContain('llama runner process has terminated');
  });

  it('fails on a malformed line and on a stream that ends without its done line', async () => {
    emulator.script(
      { text: 'a b c d', chunks: 4, fault: { type: 'malformed', afterChunks: 1 } },
      { text: 'a b c d', chunks: 4, fault: { type: 'cut', afterChunks: 2 } },
    );
    const malformed = await failure(() => collect(adapter().stream(request(), ctx())));
    expect(['SERIALIZATION_ERROR', 'STREAM_ERROR']).toContain(malformed.code);
    const cut = await failure(() => collect(adapter().stream(request(), ctx())));
    expect(['NETWORK_ERROR', 'STREAM_ERROR']).toContain(cut.code);
  });

  it('closes the connection when the consumer stops early', async () => {
    emulator.script({ text: 'one two three four five six', chunks: 6, chunkDelayMs: 30 });
    for await (const event of adapter().stream(request(), ctx())) if (event.type === 'text-delta') break;
    const until = Date.now() + 2000;
    while (!emulator.requests[0]?.clientClosedEarly && Date.now() < until)
      await new Promise((r) => setTimeout(r, 10));
    expect(emulator.requests[0]?.clientClosedEarly).toBe(true);
  });
});

describe('ollama adapter: errors', () => {
  it('maps an unknown model (Ollama’s own 404) to MODEL_NOT_FOUND', async () => {
    const error = await failure(() => adapter().chat(request({ model: 'not-pulled' }), ctx()));
    expect(error).toMatchObject({ code: 'MODEL_NOT_FOUND', status: 404, provider: 'ollama' });
    expect(error.message).toContain('not found, try pulling it first');
  });

  it('maps usage-cap 429s to QUOTA_EXCEEDED and plain 429s to rate limits', async () => {
    emulator.script(
      { fault: { type: 'error', kind: 'quota' } },
      { fault: { type: 'error', kind: 'rate_limit', headers: { 'retry-after': '3' } } },
    );
    expect((await failure(() => adapter().chat(request(), ctx()))).code).toBe('QUOTA_EXCEEDED');
    expect(await failure(() => adapter().chat(request(), ctx()))).toMatchObject({
      code: 'PROVIDER_RATE_LIMIT_ERROR',
      retryAfterMs: 3000,
    });
  });

  it('maps "server busy" to OVERLOADED and an unreachable server to NETWORK_ERROR', async () => {
    emulator.script({ fault: { type: 'error', kind: 'overloaded' } });
    expect((await failure(() => adapter().chat(request(), ctx()))).code).toBe('OVERLOADED');
    const down = ollama({ baseURL: 'http://127.0.0.1:1' });
    const error = await down.validateCredentials!().catch((e: unknown) => e);
    expect(isPalError(error) && error.code).toBe('NETWORK_ERROR');
  });
});

describe('ollama adapter: embeddings and models', () => {
  it('embeds through /api/embed with usage from prompt_eval_count', async () => {
    const result = await adapter().embed!({ model: 'nomic-embed-text', input: ['a', 'bb'] }, ctx());
    expect(sent()).toEqual({ model: 'nomic-embed-text', input: ['a', 'bb'] });
    expect(result.embeddings).toHaveLength(2);
    expect(result.embeddings[0]).toHaveLength(768);
    expect(result.usage).toEqual({ inputTokens: 2, outputTokens: 0, totalTokens: 2 });
  });

  it('lists pulled models from /api/tags, free, with catalog data where known', async () => {
    const models = await adapter().listModels!();
    expect(emulator.requests[0]).toMatchObject({ method: 'GET', path: '/api/tags' });
    const llama = models.find((m) => m.id === 'llama3.2');
    expect(llama).toMatchObject({ contextWindow: 131072, capabilities: { tools: true } });
    const embed = models.find((m) => m.id === 'nomic-embed-text');
    expect(embed?.kind).toBe('embedding');
    expect(models.every((m) => m.pricing?.inputPerMTok === 0 && m.pricing?.outputPerMTok === 0)).toBe(true);
  });

  it('sends an apiKey, a string or a Secret, as a bearer token (for ollama.com or a key-checking proxy)', async () => {
    // The emulator records the key masked ("...6789"). A key without a vendor prefix tells the value
    // from a Secret sent masked: that would be masked again, to "****".
    const key = 'ollamacloudkey0123456789';
    for (const apiKey of [key, new Secret(key)]) {
      emulator.reset();
      await ollama({ baseURL: emulator.url, apiKey }).validateCredentials!();
      expect(emulator.requests[0]?.headers.authorization).toBe(maskSecret(key));
    }
    expect(() => ollama({ apiKey: 42 as never })).toThrow(
      'ollama: apiKey must be a string or a Secret (e.g. { "env": "VAR" } in a config file), got a number.',
    );
  });

  it('validates "credentials" with one free GET /api/tags and marks itself local', async () => {
    const provider = adapter();
    await provider.validateCredentials!();
    expect(emulator.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/tags']);
    expect(provider.local).toBe(true);
  });
});
