import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../emulator/server.js';
import type { ErrorKind } from '../emulator/types.js';
import { ANTHROPIC_MODELS } from './anthropic/models.js';

let emu: Emulator;
let client: Anthropic;
const MODEL = 'claude-haiku-4-5-20251001';
const ask = (text: string) => [{ role: 'user' as const, content: text }];

beforeAll(async () => {
  emu = await startEmulator('anthropic');
  client = new Anthropic({
    apiKey: 'sk-ant-test-key-123456',
    baseURL: emu.url,
    maxRetries: 0,
    timeout: 10_000,
  });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

/** Raw SSE events of a streamed call, as `[event line, parsed data]` pairs. */
async function rawEvents(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await fetch(`${emu.url}/v1/messages`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-api-key': 'k-123',
      'anthropic-version': '2023-06-01',
      ...headers,
    },
    body: JSON.stringify({ model: MODEL, max_tokens: 100, messages: ask('hi'), stream: true, ...body }),
  });
  const text = await res.text();
  return text
    .split('\n\n')
    .filter(Boolean)
    .map((frame) => {
      const [eventLine, dataLine] = frame.split('\n');
      return {
        event: eventLine!.replace(/^event: /, ''),
        data: JSON.parse(dataLine!.replace(/^data: /, '')),
      };
    });
}

describe('anthropic emulator: messages', () => {
  it('answers a non-streaming call with a message, usage and the 1.x headers recorded', async () => {
    const { data, response } = await client.messages
      .create({ model: MODEL, max_tokens: 100, messages: ask('hello there') })
      .withResponse();
    expect(data.type).toBe('message');
    expect(data.content).toEqual([{ type: 'text', text: 'Echo: hello there' }]);
    expect(data.stop_reason).toBe('end_turn');
    expect(data.usage.input_tokens).toBeGreaterThan(0);
    expect(data.usage.output_tokens).toBeGreaterThan(0);
    expect(response.headers.get('request-id')).toMatch(/^req_011/);
    expect(response.headers.get('anthropic-ratelimit-requests-remaining')).toBe('49');
    const recorded = emu.lastRequest()!;
    expect(recorded.path).toBe('/v1/messages');
    expect(recorded.headers['anthropic-version']).toBe('2026-10-21');
    expect(recorded.headers.authorization).not.toContain('test-key-123456');
  });

  it('accepts the 0.x header set (x-api-key + 2023-06-01) and ignores ?beta=true', async () => {
    const res = await fetch(`${emu.url}/v1/messages?beta=true`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': 'sk-ant-old',
        'anthropic-version': '2023-06-01',
      },
      body: JSON.stringify({ model: MODEL, max_tokens: 50, messages: ask('old sdk'), temperature: 0.3 }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect((await res.json()).content[0].text).toBe('Echo: old sdk');
  });

  it('streams with event: lines in the documented order, usage on message_start and message_delta', async () => {
    emu.script({ text: 'Hello from the stream', chunks: 4 });
    const events = await rawEvents({});
    for (const { event, data } of events) expect(data.type).toBe(event);
    const types = events.map((e) => e.event);
    expect(types[0]).toBe('message_start');
    expect(types.slice(1, 3)).toEqual(['content_block_start', 'ping']);
    expect(types.filter((t) => t === 'content_block_delta')).toHaveLength(4);
    expect(types.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
    expect(events[0]!.data.message.usage.input_tokens).toBeGreaterThan(0);
    const delta = events.find((e) => e.event === 'message_delta')!.data;
    expect(delta.delta.stop_reason).toBe('end_turn');
    expect(delta.usage.output_tokens).toBeGreaterThan(1);
  });

  it('serves client.messages.stream() and create({stream:true}) through the SDK', async () => {
    emu.script({ text: 'Streaming works fine', chunks: 3 });
    const stream = client.messages.stream({ model: MODEL, max_tokens: 100, messages: ask('go') });
    const deltas: string[] = [];
    stream.on('text', (text) => deltas.push(text));
    const final = await stream.finalMessage();
    expect(deltas).toHaveLength(3);
    expect(deltas.join('')).toBe('Streaming works fine');
    expect(final.content).toHaveLength(1);
    expect(final.content[0]).toMatchObject({ type: 'text', text: 'Streaming works fine' });

    emu.script({ text: 'abc def', chunks: 2 });
    const raw = await client.messages.create({
      model: MODEL,
      max_tokens: 100,
      messages: ask('go'),
      stream: true,
    });
    let text = '';
    let outputTokens = 0;
    for await (const event of raw) {
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
      if (event.type === 'message_delta') outputTokens = event.usage.output_tokens;
    }
    expect(text).toBe('abc def');
    expect(outputTokens).toBeGreaterThan(0);
    expect(emu.requests[1]!.headers['x-stainless-helper-method']).toBeUndefined();
    expect(emu.requests[0]!.headers['x-stainless-helper-method']).toBe('stream');
  });

  it('streams tool_use blocks as input_json_delta pieces that parse to the arguments', async () => {
    const args = { city: 'Paris', units: 'celsius', days: 3 };
    emu.script({ toolCalls: [{ id: 'toolu_01abc', name: 'get_weather', arguments: args }] });
    const tools = [{ name: 'get_weather', input_schema: { type: 'object' as const, properties: {} } }];
    const events = await rawEvents({ tools, messages: ask('weather?') });
    const pieces = events
      .filter((e) => e.event === 'content_block_delta')
      .map((e) => e.data.delta)
      .filter((d) => d.type === 'input_json_delta')
      .map((d) => d.partial_json);
    expect(pieces[0]).toBe('');
    expect(pieces.length).toBeGreaterThan(2);
    expect(JSON.parse(pieces.join(''))).toEqual(args);

    emu.script({ toolCalls: [{ id: 'toolu_01abc', name: 'get_weather', arguments: args }] });
    const final = await client.messages
      .stream({ model: MODEL, max_tokens: 100, tools, messages: ask('weather?') })
      .finalMessage();
    expect(final.stop_reason).toBe('tool_use');
    expect(final.content).toEqual([
      { type: 'tool_use', id: 'toolu_01abc', name: 'get_weather', input: args },
    ]);
  });

  it('calls a tool by default when the prompt asks for it, with toolu_ ids and schema-valid input', async () => {
    const tools = [
      {
        name: 'lookup',
        input_schema: { type: 'object' as const, properties: { q: { type: 'string' } }, required: ['q'] },
      },
    ];
    const message = await client.messages.create({
      model: MODEL,
      max_tokens: 100,
      tools,
      messages: ask('use lookup'),
    });
    const block = message.content[0]!;
    expect(block.type).toBe('tool_use');
    if (block.type !== 'tool_use') return;
    expect(block.id).toMatch(/^toolu_01/);
    expect(block.input).toEqual({ q: 'weather in Paris' });
    const none = await client.messages.create({
      model: MODEL,
      max_tokens: 100,
      tools,
      tool_choice: { type: 'none' },
      messages: ask('use lookup'),
    });
    expect(none.content[0]!.type).toBe('text');
  });

  it('answers a forced tool choice with that tool, built from a scripted JSON text', async () => {
    emu.script({ text: '{"name":"Ada","age":36}' });
    const message = await client.messages.create({
      model: MODEL,
      max_tokens: 100,
      tools: [{ name: 'json_output', input_schema: { type: 'object', properties: {} } }],
      tool_choice: { type: 'tool', name: 'json_output' },
      messages: ask('who?'),
    });
    expect(message.content).toEqual([
      {
        type: 'tool_use',
        id: expect.stringMatching(/^toolu_01/),
        name: 'json_output',
        input: { name: 'Ada', age: 36 },
      },
    ]);
  });

  it('answers output_config json_schema with JSON text valid for the schema', async () => {
    const schema = { type: 'object', properties: { title: { type: 'string' }, year: { type: 'integer' } } };
    const message = await client.messages.create({
      model: MODEL,
      max_tokens: 100,
      output_config: { format: { type: 'json_schema', schema } },
      messages: ask('a film'),
    });
    const block = message.content[0]!;
    expect(block.type === 'text' && JSON.parse(block.text)).toEqual({
      title: 'A Weekend in Paris',
      year: 2025,
    });
  });

  it('emits thinking blocks with thinking_delta and signature_delta when the step has reasoning', async () => {
    emu.script({ text: 'Answer', reasoning: 'Let me think step by step.' });
    const stream = client.messages.stream({ model: MODEL, max_tokens: 4000, messages: ask('why?') });
    const thinking: string[] = [];
    const signatures: string[] = [];
    stream.on('thinking', (delta) => thinking.push(delta));
    stream.on('signature', (signature) => signatures.push(signature));
    const final = await stream.finalMessage();
    expect(thinking.join('')).toBe('Let me think step by step.');
    expect(signatures).toHaveLength(1);
    expect(final.content[0]).toEqual({
      type: 'thinking',
      thinking: 'Let me think step by step.',
      signature: signatures[0],
    });
    expect(final.content[1]).toMatchObject({ type: 'text', text: 'Answer' });

    const enabled = await client.messages.create({
      model: MODEL,
      max_tokens: 4000,
      thinking: { type: 'enabled', budget_tokens: 2048 },
      messages: ask('ponder'),
    });
    expect(enabled.content[0]).toMatchObject({ type: 'thinking', thinking: 'Considering: ponder' });
  });

  it('reports cache read and write tokens apart from input_tokens', async () => {
    emu.script({
      text: 'cached',
      usage: { inputTokens: 100, cachedInputTokens: 60, cacheWriteTokens: 15, outputTokens: 7 },
    });
    const message = await client.messages.create({ model: MODEL, max_tokens: 100, messages: ask('x') });
    expect(message.usage).toMatchObject({
      input_tokens: 25,
      cache_read_input_tokens: 60,
      cache_creation_input_tokens: 15,
      output_tokens: 7,
    });
  });

  it('honours stop_sequences and max_tokens', async () => {
    emu.script({ text: 'one two STOP three' });
    const stopped = await client.messages.create({
      model: MODEL,
      max_tokens: 100,
      stop_sequences: ['STOP'],
      messages: ask('count'),
    });
    expect(stopped.content).toEqual([{ type: 'text', text: 'one two ' }]);
    expect(stopped.stop_reason).toBe('stop_sequence');
    expect(stopped.stop_sequence).toBe('STOP');
    emu.script({ text: 'x'.repeat(400) });
    const cut = await client.messages.create({ model: MODEL, max_tokens: 5, messages: ask('long') });
    expect(cut.stop_reason).toBe('max_tokens');
    expect(cut.usage.output_tokens).toBe(5);
    expect(cut.content[0]).toMatchObject({ text: 'x'.repeat(20) });
  });

  it('takes system as a string or blocks, and base64 and URL images (counted in input tokens)', async () => {
    const plain = await client.messages.create({ model: MODEL, max_tokens: 50, messages: ask('hi') });
    const withImages = await client.messages.create({
      model: MODEL,
      max_tokens: 50,
      system: [{ type: 'text', text: 'You are terse.' }],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
            { type: 'image', source: { type: 'url', url: 'https://example.com/cat.png' } },
            { type: 'text', text: 'hi' },
          ],
        },
      ],
    });
    expect(withImages.usage.input_tokens).toBeGreaterThan(plain.usage.input_tokens + 170);
    const recorded = emu.lastRequest()!.body as { system: unknown };
    expect(recorded.system).toEqual([{ type: 'text', text: 'You are terse.' }]);
  });

  it('counts tokens on /v1/messages/count_tokens', async () => {
    const counted = await client.messages.countTokens({ model: MODEL, messages: ask('a'.repeat(40)) });
    expect(counted.input_tokens).toBe(10);
  });
});

describe('anthropic emulator: thinking by model generation', () => {
  /** The API message of a refused call (the SDK's `apiMessage`), or 'ok'. */
  const refusal = (body: Record<string, unknown>) =>
    client.messages
      .create({ max_tokens: 20_000, messages: ask('x'), ...body } as never)
      .then(() => 'ok')
      .catch((e) => {
        expect(e).toBeInstanceOf(Anthropic.BadRequestError);
        expect(e.error?.error?.type).toBe('invalid_request_error');
        return e.apiMessage as string;
      });
  /** POST /v1/messages under API version 2023-06-01, where sampling fields are still in the schema. */
  const legacy = async (body: Record<string, unknown>) => {
    const res = await fetch(`${emu.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'k-1', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ max_tokens: 100, messages: ask('x'), ...body }),
    });
    return { status: res.status, body: (await res.json()) as { error?: { type: string; message: string } } };
  };

  it.each(['claude-opus-4-7', 'claude-opus-4-8', 'claude-sonnet-5', 'claude-opus-5-5'])(
    'refuses extended thinking on %s, and takes adaptive thinking with an effort',
    async (model) => {
      expect(await refusal({ model, thinking: { type: 'enabled', budget_tokens: 2048 } })).toBe(
        '"thinking.type.enabled" is not supported for this model. Use "thinking.type.adaptive" and "output_config.effort" to control thinking behavior.',
      );
      const ok = {
        model,
        thinking: { type: 'adaptive', display: 'summarized' },
        output_config: { effort: 'high' },
      };
      expect(await refusal(ok)).toBe('ok');
    },
  );

  it('refuses budget_tokens beside adaptive thinking, an unknown effort, and adaptive thinking before 4.6', async () => {
    const model = 'claude-opus-4-7';
    expect(await refusal({ model, thinking: { type: 'adaptive', budget_tokens: 2048 } })).toBe(
      'thinking.adaptive.budget_tokens: Extra inputs are not permitted',
    );
    expect(
      await refusal({ model, thinking: { type: 'adaptive' }, output_config: { effort: 'extreme' } }),
    ).toMatch(/^output_config\.effort: Input should be 'low', 'medium', 'high' or 'max'/);
    expect(await refusal({ model, thinking: { type: 'adaptive' }, output_config: { effort: 'max' } })).toBe(
      'ok',
    );
    expect(await refusal({ model: MODEL, thinking: { type: 'adaptive' } })).toMatch(
      /"thinking\.type\.adaptive" is not supported for this model/,
    );
    // Claude 4.6 takes both: adaptive, and (deprecated) extended thinking
    expect(await refusal({ model: 'claude-sonnet-4-6', thinking: { type: 'adaptive' } })).toBe('ok');
    const deprecated = { type: 'enabled', budget_tokens: 2048 };
    const enabled = await legacy({ model: 'claude-sonnet-4-6', max_tokens: 4096, thinking: deprecated });
    expect(enabled.status).toBe(200);
  });

  it('refuses temperature, top_p and top_k on Claude 4.7+ under any API version, with or without thinking', async () => {
    for (const field of ['temperature', 'top_p', 'top_k']) {
      const refused = await legacy({ model: 'claude-opus-4-7', [field]: field === 'top_k' ? 5 : 0.5 });
      expect(refused.status).toBe(400);
      expect(refused.body.error).toEqual({
        type: 'invalid_request_error',
        message: `\`${field}\` is deprecated for this model.`,
      });
    }
    const thinking = { type: 'adaptive', display: 'summarized' };
    expect((await legacy({ model: 'claude-sonnet-5', temperature: 1, thinking })).status).toBe(400);
    // earlier Claude still takes sampling under 2023-06-01
    expect((await legacy({ model: MODEL, temperature: 0.5 })).status).toBe(200);
  });

  it('omits the thinking text on Claude 4.7+ unless display is summarized, keeping the signature; 4.6 summarizes by default', async () => {
    emu.script(
      { text: 'A', reasoning: 'Deep thought.' },
      { text: 'B', reasoning: 'Deep thought.' },
      { text: 'C', reasoning: 'Deep thought.' },
    );
    const create = (model: string, thinking: Record<string, unknown>) =>
      client.messages.create({ model, max_tokens: 4000, messages: ask('why?'), thinking } as never);
    const omitted = await create('claude-opus-4-7', { type: 'adaptive' });
    expect(omitted.content[0]).toEqual({
      type: 'thinking',
      thinking: '',
      signature: expect.stringMatching(/^Eq/),
    });
    const summarized = await create('claude-opus-4-7', { type: 'adaptive', display: 'summarized' });
    expect(summarized.content[0]).toEqual({
      type: 'thinking',
      thinking: 'Deep thought.',
      signature: (omitted.content[0] as { signature: string }).signature,
    });
    const sonnet46 = await create('claude-sonnet-4-6', { type: 'adaptive' });
    expect(sonnet46.content[0]).toMatchObject({ type: 'thinking', thinking: 'Deep thought.' });

    // streamed: no thinking_delta, the signature_delta only
    emu.script({ text: 'D', reasoning: 'Deep thought.' });
    const events = await rawEvents({
      model: 'claude-opus-4-7',
      max_tokens: 4000,
      thinking: { type: 'adaptive' },
    });
    const deltas = events.filter((e) => e.event === 'content_block_delta' && e.data.index === 0);
    expect(deltas.map((e) => e.data.delta.type)).toEqual(['signature_delta']);
  });
});

describe('anthropic emulator: errors', () => {
  const expected: Record<ErrorKind, [number, string]> = {
    auth: [401, 'authentication_error'],
    permission: [403, 'permission_error'],
    not_found: [404, 'not_found_error'],
    invalid: [400, 'invalid_request_error'],
    context_length: [400, 'invalid_request_error'],
    rate_limit: [429, 'rate_limit_error'],
    quota: [400, 'invalid_request_error'],
    server: [500, 'api_error'],
    unavailable: [503, 'api_error'],
    overloaded: [529, 'overloaded_error'],
    content_filter: [400, 'invalid_request_error'],
  };
  for (const [kind, [status, type]] of Object.entries(expected)) {
    it(`answers a ${kind} fault with ${status} ${type} in Anthropic's body shape`, async () => {
      emu.script({ fault: { type: 'error', kind: kind as ErrorKind } });
      const error = await client.messages
        .create({ model: MODEL, max_tokens: 10, messages: ask('x') })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Anthropic.APIError);
      const apiError = error as InstanceType<typeof Anthropic.APIError>;
      expect(apiError.status).toBe(status);
      expect(apiError.type).toBe(type);
      expect(apiError.error).toMatchObject({
        type: 'error',
        error: { type },
        request_id: expect.stringMatching(/^req_/),
      });
      expect(apiError.requestID).toMatch(/^req_/);
      expect(emu.requests).toHaveLength(1);
    });
  }

  it('gives 529 as the SDK OverloadedError, and a 429 retry-after plus anthropic-ratelimit-* headers', async () => {
    emu.script(
      { fault: { type: 'error', kind: 'overloaded' } },
      { fault: { type: 'error', kind: 'rate_limit' } },
    );
    const overloaded = await client.messages
      .create({ model: MODEL, max_tokens: 10, messages: ask('x') })
      .catch((e) => e);
    expect(overloaded).toBeInstanceOf(Anthropic.OverloadedError);
    const limited = await client.messages
      .create({ model: MODEL, max_tokens: 10, messages: ask('x') })
      .catch((e) => e);
    expect(limited).toBeInstanceOf(Anthropic.RateLimitError);
    expect(limited.headers.get('retry-after')).toBe('30');
    expect(limited.headers.get('anthropic-ratelimit-requests-remaining')).toBe('0');
    expect(Date.parse(limited.headers.get('anthropic-ratelimit-tokens-reset'))).toBeGreaterThan(Date.now());
  });

  it('words quota as the billing 400 and context length as "prompt is too long"', async () => {
    emu.script(
      { fault: { type: 'error', kind: 'quota' } },
      { fault: { type: 'error', kind: 'context_length' } },
    );
    const quota = await client.messages
      .create({ model: MODEL, max_tokens: 10, messages: ask('x') })
      .catch((e) => e);
    expect(quota.apiMessage).toMatch(/credit balance is too low/);
    const context = await client.messages
      .create({ model: MODEL, max_tokens: 10, messages: ask('x') })
      .catch((e) => e);
    expect(context.apiMessage).toMatch(/^prompt is too long: \d+ tokens > 200000 maximum$/);
  });

  it('refuses bad-key and a missing key with 401 authentication_error', async () => {
    const bad = new Anthropic({ apiKey: 'bad-key', baseURL: emu.url, maxRetries: 0, timeout: 5000 });
    const error = await bad.messages
      .create({ model: MODEL, max_tokens: 10, messages: ask('x') })
      .catch((e) => e);
    expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
    expect(error.type).toBe('authentication_error');
    const res = await fetch(`${emu.url}/v1/models`, { headers: { 'anthropic-version': '2023-06-01' } });
    expect(res.status).toBe(401);
    const versionless = await fetch(`${emu.url}/v1/models`, { headers: { 'x-api-key': 'k-123' } });
    expect(versionless.status).toBe(400);
  });

  it('validates requests like the API: unknown model, sampling params on 2026-10-21, orphan tool_result, huge prompt', async () => {
    const unknown = await client.messages
      .create({ model: 'gpt-4o', max_tokens: 10, messages: ask('x') })
      .catch((e) => e);
    expect(unknown).toBeInstanceOf(Anthropic.NotFoundError);
    expect(unknown.apiMessage).toBe('model: gpt-4o');
    const temperature = await client.messages
      .create({ model: MODEL, max_tokens: 10, messages: ask('x'), temperature: 0.5 } as never)
      .catch((e) => e);
    expect(temperature.apiMessage).toBe('temperature: Extra inputs are not permitted');
    const orphan = await client.messages
      .create({
        model: MODEL,
        max_tokens: 10,
        messages: [
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_x', content: 'r' }] },
        ],
      })
      .catch((e) => e);
    expect(orphan.apiMessage).toMatch(/unexpected `tool_use_id` found in `tool_result` blocks: toolu_x/);
    const huge = await client.messages
      .create({ model: MODEL, max_tokens: 10, messages: ask('y'.repeat(801_000)) })
      .catch((e) => e);
    expect(huge.apiMessage).toMatch(/^prompt is too long/);
    const thinking = await client.messages
      .create({
        model: MODEL,
        max_tokens: 1000,
        thinking: { type: 'enabled', budget_tokens: 2000 },
        messages: ask('x'),
      })
      .catch((e) => e);
    expect(thinking.status).toBe(400);
  });

  it('surfaces an in-stream overloaded_error as an SDK APIError mid-iteration', async () => {
    emu.script({
      text: 'partial answer here',
      chunks: 3,
      fault: { type: 'stream-error', kind: 'overloaded', afterChunks: 4 },
    });
    const stream = await client.messages.create({
      model: MODEL,
      max_tokens: 100,
      messages: ask('x'),
      stream: true,
    });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const event of stream) seen.push(event.type);
    })().catch((e) => e);
    expect(seen).toEqual(['message_start', 'content_block_start', 'content_block_delta']);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect(error.status).toBeUndefined();
    expect(error.type).toBe('overloaded_error');
    expect(error.error).toEqual({
      type: 'error',
      error: { type: 'overloaded_error', message: 'Overloaded' },
    });
  });

  it('sends a frame the SDK cannot decode for a malformed fault', async () => {
    emu.script({ fault: { type: 'malformed', afterChunks: 2 } });
    const stream = client.messages.stream({ model: MODEL, max_tokens: 100, messages: ask('x') });
    await expect(stream.finalMessage()).rejects.toThrow();
  });
});

describe('anthropic emulator: models', () => {
  it('pages GET /v1/models and the SDK auto-paginates through every model', async () => {
    const page = await client.models.list({ limit: 3 });
    expect(page.data.map((m) => m.id)).toEqual(ANTHROPIC_MODELS.slice(0, 3).map((m) => m.id));
    expect(page.has_more).toBe(true);
    const all: string[] = [];
    for await (const model of client.models.list({ limit: 3 })) all.push(model.id);
    expect(all).toEqual(ANTHROPIC_MODELS.map((m) => m.id));
    expect(emu.requests.at(-1)!.query.after_id).toBe(ANTHROPIC_MODELS[5]!.id);
  });

  it('retrieves one model, and 404s an unknown one', async () => {
    const model = await client.models.retrieve('claude-opus-4-7');
    expect(model.display_name).toBe('Claude Opus 4.7');
    // retired models are no longer listed
    await expect(client.models.retrieve('claude-3-haiku-20240307')).rejects.toBeInstanceOf(
      Anthropic.NotFoundError,
    );
    await expect(client.models.retrieve('claude-nope')).rejects.toBeInstanceOf(Anthropic.NotFoundError);
  });
});
