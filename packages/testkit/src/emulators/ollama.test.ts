import { describe, expect, it } from 'vitest';
import type {
  JsonReply,
  ScriptStep,
  StreamReply,
  VendorReply,
  VendorRequestContext,
} from '../emulator/types.js';
import { startEmulator } from '../emulator/server.js';
import { createOllamaEmulator, ollamaEmulator } from './ollama.js';

function call(
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  step: ScriptStep = {},
): Promise<VendorReply> | VendorReply {
  const route = ollamaEmulator.routes.find((r) => r.method === method && r.pattern === path);
  if (!route) throw new Error(`no route ${method} ${path}`);
  return route.handle(context(path, body, step, method));
}

function context(path: string, body: unknown, step: ScriptStep = {}, method = 'POST'): VendorRequestContext {
  return { method, path, params: {}, query: new URLSearchParams(), headers: {}, body, step };
}

async function json(reply: Promise<VendorReply> | VendorReply): Promise<JsonReply & { body: any }> {
  const r = await reply;
  if (r.kind !== 'json') throw new Error(`expected a JSON reply, got ${r.kind}`);
  return r as JsonReply & { body: any };
}

async function lines(reply: Promise<VendorReply> | VendorReply): Promise<any[]> {
  const r = (await reply) as StreamReply;
  expect(r.kind).toBe('stream');
  expect(r.contentType).toBe('application/x-ndjson');
  return r.frames.map((f) => {
    expect(String(f).endsWith('\n')).toBe(true);
    return JSON.parse(String(f));
  });
}

const hello = { model: 'llama3.2', messages: [{ role: 'user', content: 'Hello there' }] };

describe('ollama emulator: /api/chat', () => {
  it('answers stream: false with one JSON object carrying the counters', async () => {
    const r = await json(call('POST', '/api/chat', { ...hello, stream: false }));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      model: 'llama3.2',
      message: { role: 'assistant', content: 'Echo: Hello there' },
      done: true,
      done_reason: 'stop',
    });
    expect(r.body.prompt_eval_count).toBeGreaterThan(0);
    expect(r.body.eval_count).toBeGreaterThan(0);
    expect(r.body.total_duration).toBeGreaterThanOrEqual(r.body.eval_duration + r.body.prompt_eval_duration);
  });

  it('streams NDJSON by default: fragments, then a done line with done_reason and counts', async () => {
    const frames = await lines(call('POST', '/api/chat', hello, { chunks: 4 }));
    const parts = frames.slice(0, -1);
    expect(parts.length).toBe(4);
    expect(parts.every((f) => f.done === false)).toBe(true);
    expect(parts.map((f) => f.message.content).join('')).toBe('Echo: Hello there');
    const last = frames.at(-1);
    expect(last).toMatchObject({ done: true, done_reason: 'stop', message: { content: '' } });
    expect(last.prompt_eval_count).toBeGreaterThan(0);
  });

  it('uses a scripted finish reason verbatim and honours num_predict with "length"', async () => {
    const scripted = await json(
      call('POST', '/api/chat', { ...hello, stream: false }, { text: 'cut', finishReason: 'length' }),
    );
    expect(scripted.body.done_reason).toBe('length');
    const long = {
      ...hello,
      messages: [{ role: 'user', content: 'x'.repeat(200) }],
      options: { num_predict: 5 },
      stream: false,
    };
    const limited = await json(call('POST', '/api/chat', long));
    expect(limited.body.done_reason).toBe('length');
    expect(limited.body.eval_count).toBe(5);
    expect(limited.body.message.content.length).toBe(20);
  });

  it('answers a tool request with a whole tool call whose arguments are an object', async () => {
    const tools = [
      {
        type: 'function',
        function: {
          name: 'get_weather',
          parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        },
      },
    ];
    const body = { ...hello, messages: [{ role: 'user', content: 'Use get_weather for Paris' }], tools };
    const r = await json(call('POST', '/api/chat', { ...body, stream: false }));
    expect(r.body.message.tool_calls).toEqual([
      { id: expect.any(String), function: { index: 0, name: 'get_weather', arguments: { city: 'Paris' } } },
    ]);
    expect(r.body.done_reason).toBe('stop');
    const frames = await lines(call('POST', '/api/chat', body));
    const withCalls = frames.filter((f) => f.message.tool_calls);
    expect(withCalls).toHaveLength(1);
    expect(withCalls[0].message.tool_calls[0].function.arguments).toEqual({ city: 'Paris' });
  });

  it('answers a tool result with text mentioning it', async () => {
    const messages = [
      { role: 'user', content: 'weather?' },
      { role: 'assistant', content: '', tool_calls: [{ function: { name: 'get_weather', arguments: {} } }] },
      { role: 'tool', content: '{"temp":21}', tool_name: 'get_weather' },
    ];
    const r = await json(call('POST', '/api/chat', { model: 'llama3.2', messages, stream: false }));
    expect(r.body.message.content).toBe('Tool result received: {"temp":21}');
  });

  it('returns JSON content for format "json" and for a JSON schema', async () => {
    const loose = await json(call('POST', '/api/chat', { ...hello, format: 'json', stream: false }));
    expect(JSON.parse(loose.body.message.content)).toEqual({ answer: 'Hello there' });
    const schema = { type: 'object', properties: { name: { type: 'string' }, age: { type: 'integer' } } };
    const strict = await json(call('POST', '/api/chat', { ...hello, format: schema, stream: false }));
    expect(JSON.parse(strict.body.message.content)).toEqual({ name: 'Ada Lovelace', age: 30 });
  });

  it('counts images into the prompt tokens', async () => {
    const plain = await json(call('POST', '/api/chat', { ...hello, model: 'llava', stream: false }));
    const withImage = {
      model: 'llava',
      messages: [{ role: 'user', content: 'Hello there', images: ['iVBORw0KGgo='] }],
    };
    const r = await json(call('POST', '/api/chat', { ...withImage, stream: false }));
    expect(r.body.prompt_eval_count).toBe(plain.body.prompt_eval_count + 85);
  });

  it('sends thinking before content when a reasoning step is scripted', async () => {
    const frames = await lines(
      call('POST', '/api/chat', { ...hello, model: 'qwen3', think: true }, { reasoning: 'hmm', text: 'ok' }),
    );
    expect(frames[0].message.thinking).toBeDefined();
    expect(frames.map((f) => f.message.thinking ?? '').join('')).toBe('hmm');
  });

  it('rejects what Ollama rejects, with its error texts', async () => {
    const missing = await json(call('POST', '/api/chat', { messages: [] }));
    expect(missing).toMatchObject({ status: 400, body: { error: 'model is required' } });
    const unknown = await json(call('POST', '/api/chat', { ...hello, model: 'nope' }));
    expect(unknown).toMatchObject({
      status: 404,
      body: { error: 'model "nope" not found, try pulling it first' },
    });
    const embedOnly = await json(call('POST', '/api/chat', { ...hello, model: 'nomic-embed-text' }));
    expect(embedOnly.status).toBe(400);
    const noTools = await json(
      call('POST', '/api/chat', { ...hello, model: 'llava', tools: [{ function: { name: 'x' } }] }),
    );
    expect(noTools.body.error).toContain('does not support tools');
    const noThinking = await json(call('POST', '/api/chat', { ...hello, think: true }));
    expect(noThinking).toMatchObject({
      status: 400,
      body: { error: expect.stringContaining('does not support thinking') },
    });
  });

  it('loads the model on an empty message list (done_reason "load")', async () => {
    const r = await json(call('POST', '/api/chat', { model: 'llama3.2:latest', messages: [] }));
    expect(r.body).toMatchObject({ done: true, done_reason: 'load' });
  });
});

describe('ollama emulator: other endpoints', () => {
  it('embeds a string or an array with one vector per input', async () => {
    const one = await json(call('POST', '/api/embed', { model: 'nomic-embed-text', input: 'hi' }));
    expect(one.body.embeddings).toHaveLength(1);
    expect(one.body.embeddings[0]).toHaveLength(768);
    const two = await json(
      call('POST', '/api/embed', { model: 'nomic-embed-text', input: ['a', 'bbbbbbbb'] }),
    );
    expect(two.body.embeddings).toHaveLength(2);
    expect(two.body.prompt_eval_count).toBe(3);
    const bad = await json(call('POST', '/api/embed', { model: 'nomic-embed-text', input: 3 }));
    expect(bad.status).toBe(400);
  });

  it('lists models on /api/tags and describes one on /api/show', async () => {
    const tags = await json(call('GET', '/api/tags'));
    expect(tags.body.models.map((m: any) => m.name)).toContain('llama3.2:latest');
    const show = await json(call('POST', '/api/show', { model: 'llama3.2' }));
    expect(show.body.model_info['llama.context_length']).toBe(131072);
    expect(show.body.capabilities).toContain('tools');
    const unknown = await json(call('POST', '/api/show', { name: 'nope' }));
    expect(unknown).toMatchObject({ status: 404, body: { error: "model 'nope' not found" } });
  });

  it('serves only the models it was created with', async () => {
    const emulator = createOllamaEmulator({
      models: [
        {
          name: 'tiny',
          family: 'llama',
          parameterSize: '1B',
          contextLength: 2048,
          capabilities: ['completion'],
        },
      ],
    });
    const tags = await emulator.routes
      .find((r) => r.pattern === '/api/tags')!
      .handle(context('/api/tags', undefined));
    expect((tags as any).body.models.map((m: any) => m.name)).toEqual(['tiny:latest']);
  });
});

describe('ollama emulator: errors, faults and replay', () => {
  it('renders error faults as {"error": …} with the status of the kind', () => {
    const ctx = context('/api/chat', hello);
    expect(ollamaEmulator.errorReply({ type: 'error', kind: 'not_found' }, ctx)).toMatchObject({
      status: 404,
      body: { error: 'model "llama3.2" not found, try pulling it first' },
    });
    const limited = ollamaEmulator.errorReply(
      { type: 'error', kind: 'rate_limit', headers: { 'retry-after': '2' } },
      ctx,
    );
    expect(limited).toMatchObject({ status: 429, headers: { 'retry-after': '2' } });
    expect(
      ollamaEmulator.errorReply({ type: 'error', kind: 'server', status: 502, message: 'boom' }, ctx),
    ).toEqual({
      kind: 'json',
      status: 502,
      body: { error: 'boom' },
    });
  });

  it('sends an in-stream error as one {"error": …} line and a malformed frame that is not JSON', () => {
    const frame = String(
      ollamaEmulator.streamErrorFrame(
        { type: 'stream-error', kind: 'server', afterChunks: 1 },
        context('/api/chat', hello),
      ),
    );
    expect(JSON.parse(frame)).toEqual({ error: expect.stringContaining('llama runner') });
    const malformed = String(ollamaEmulator.malformedFrame()).trim();
    expect(() => JSON.parse(malformed)).toThrow();
  });

  it('replays JSON and chunk fixtures generically', () => {
    const done = '{"model":"llama3.2","message":{"role":"assistant","content":""},"done":true}';
    const chunks = ollamaEmulator.replay(
      { format: 'chunks', text: `{"message":{"content":"Hi"},"done":false}\n\n${done}\n` },
      context('/api/chat', hello),
    );
    expect(chunks).toMatchObject({ kind: 'stream', contentType: 'application/x-ndjson' });
    expect((chunks as StreamReply).frames).toEqual([
      `{"message":{"content":"Hi"},"done":false}\n`,
      `${done}\n`,
    ]);
    expect(ollamaEmulator.replay({ format: 'json', text: done }, context('/api/chat', hello))).toMatchObject({
      kind: 'json',
      status: 200,
      body: { done: true },
    });
  });
});

describe('ollama emulator over HTTP', () => {
  it('streams application/x-ndjson lines and an in-stream {"error"} line on a stream-error fault', async () => {
    const emulator = await startEmulator('ollama');
    try {
      emulator.script(
        { text: 'Hello world', chunks: 2 },
        { fault: { type: 'stream-error', kind: 'server', afterChunks: 1 } },
      );
      const post = () =>
        fetch(`${emulator.url}/api/chat`, {
          method: 'POST',
          body: JSON.stringify(hello),
          headers: { 'content-type': 'application/json' },
        });
      const ok = await post();
      expect(ok.headers.get('content-type')).toBe('application/x-ndjson');
      const okLines = (await ok.text())
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(okLines.map((l) => l.message.content).join('')).toBe('Hello world');
      expect(okLines.at(-1)).toMatchObject({ done: true, done_reason: 'stop' });
      const failed = (await (await post()).text())
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(failed).toHaveLength(2);
      expect(failed[1]).toEqual({ error: 'llama runner process has terminated: exit status 2' });
      expect(emulator.requests.map((r) => r.path)).toEqual(['/api/chat', '/api/chat']);
    } finally {
      await emulator.close();
    }
  });
});
