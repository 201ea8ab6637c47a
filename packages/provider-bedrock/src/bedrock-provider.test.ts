import { isPalError, type PalError, type ProviderAdapter, Secret } from '@pal/core';
import { describe, expect, it } from 'vitest';
import {
  adapterFor,
  callContext,
  chatRequest,
  collect,
  HAIKU,
  textOf,
  useBedrockEmulator,
} from './bedrock.test-support.js';

const emulator = useBedrockEmulator();
const weather = {
  name: 'get_weather',
  description: 'Current weather',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

async function failure(promise: Promise<unknown>): Promise<PalError> {
  try {
    await promise;
  } catch (error) {
    expect(isPalError(error)).toBe(true);
    return error as PalError;
  }
  throw new Error('expected the call to fail');
}

describe.each([
  ['HTTP/2 (SDK default handler, h2c)', {}],
  ['HTTP/1.1 (http1: true)', { http1: true, maxConnections: 4 }],
])('chat and stream over %s', (_name, transport) => {
  it('chats through Converse with system, sampling and stop settings', async () => {
    const adapter = adapterFor(emulator.current, transport);
    const result = await adapter.chat(
      chatRequest({
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hello there' },
        ],
        temperature: 0.2,
        topP: 0.9,
        maxOutputTokens: 64,
        stop: ['END'],
      }),
      callContext(),
    );
    expect(result.content).toEqual([{ type: 'text', text: 'Echo: Hello there' }]);
    expect(result.finishReason).toBe('stop');
    expect(result.usage?.outputTokens).toBeGreaterThan(0);
    const sent = emulator.current.lastRequest();
    expect(sent?.path).toBe(`/model/${HAIKU}/converse`);
    expect(sent?.body).toMatchObject({
      system: [{ text: 'Be brief.' }],
      messages: [{ role: 'user', content: [{ text: 'Hello there' }] }],
      inferenceConfig: { maxTokens: 64, temperature: 0.2, topP: 0.9, stopSequences: ['END'] },
    });
  });

  it('streams text deltas, usage and the finish reason', async () => {
    emulator.current.script({ text: 'one two three', chunks: 3, usage: { inputTokens: 9, outputTokens: 3 } });
    const events = await collect(
      adapterFor(emulator.current, transport).stream(chatRequest(), callContext()),
    );
    expect(events[0]).toMatchObject({ type: 'start', provider: 'bedrock', model: HAIKU });
    expect(textOf(events)).toBe('one two three');
    expect(events.filter((e) => e.type === 'text-delta')).toHaveLength(3);
    expect(events.at(-1)).toEqual({
      type: 'finish',
      finishReason: 'stop',
      usage: { inputTokens: 9, outputTokens: 3, totalTokens: 12 },
    });
    expect(emulator.current.lastRequest()?.path).toBe(`/model/${HAIKU}/converse-stream`);
  });
});

describe('tools', () => {
  it('sends toolSpecs and toolChoice, and returns parsed tool calls', async () => {
    const adapter = adapterFor(emulator.current);
    const result = await adapter.chat(
      chatRequest({ content: 'use get_weather for Paris', tools: [weather], toolChoice: 'required' }),
      callContext(),
    );
    expect(result.finishReason).toBe('tool-calls');
    const call = result.content.find((p) => p.type === 'tool-call');
    expect(call).toMatchObject({ type: 'tool-call', name: 'get_weather', arguments: { city: 'Paris' } });
    expect(emulator.current.lastRequest()?.body).toMatchObject({
      toolConfig: {
        tools: [{ toolSpec: { name: 'get_weather', inputSchema: { json: weather.parameters } } }],
        toolChoice: { any: {} },
      },
    });
  });

  it('streams tool input pieces by block index with the id and name first', async () => {
    emulator.current.script({
      text: 'Let me check.',
      toolCalls: [
        { id: 'tooluse_a', name: 'get_weather', arguments: { city: 'Paris' } },
        { id: 'tooluse_b', name: 'get_weather', arguments: { city: 'Rome' } },
      ],
    });
    const events = await collect(
      adapterFor(emulator.current).stream(chatRequest({ tools: [weather] }), callContext()),
    );
    expect(textOf(events)).toBe('Let me check.');
    const deltas = events.filter((e) => e.type === 'tool-call-delta');
    expect(deltas[0]).toMatchObject({ index: 0, id: 'tooluse_a', name: 'get_weather' });
    const argsOf = (index: number) =>
      JSON.parse(deltas.flatMap((d) => (d.index === index ? [d.argumentsDelta] : [])).join(''));
    expect(argsOf(0)).toEqual({ city: 'Paris' });
    expect(argsOf(1)).toEqual({ city: 'Rome' });
    expect(events.at(-1)).toMatchObject({ type: 'finish', finishReason: 'tool-calls' });
  });

  it('sends a tool round trip: assistant toolUse, then merged toolResults in one user turn', async () => {
    const request = chatRequest({
      tools: [weather],
      messages: [
        { role: 'user', content: 'Weather in Paris and Rome?' },
        {
          role: 'assistant',
          content: [
            { type: 'tool-call', id: 't1', name: 'get_weather', arguments: { city: 'Paris' } },
            { type: 'tool-call', id: 't2', name: 'get_weather', arguments: { city: 'Rome' } },
          ],
        },
        { role: 'tool', toolCallId: 't1', content: 'sunny' },
        { role: 'tool', toolCallId: 't2', content: 'rain', isError: true },
      ],
    });
    const result = await adapterFor(emulator.current).chat(request, callContext());
    expect(result.content[0]).toMatchObject({
      type: 'text',
      text: expect.stringContaining('Tool result received'),
    });
    expect(emulator.current.lastRequest()?.body).toMatchObject({
      messages: [
        { role: 'user' },
        {
          role: 'assistant',
          content: [
            { toolUse: { toolUseId: 't1', name: 'get_weather', input: { city: 'Paris' } } },
            { toolUse: { toolUseId: 't2', name: 'get_weather', input: { city: 'Rome' } } },
          ],
        },
        {
          role: 'user',
          content: [
            { toolResult: { toolUseId: 't1', content: [{ text: 'sunny' }], status: 'success' } },
            { toolResult: { toolUseId: 't2', content: [{ text: 'rain' }], status: 'error' } },
          ],
        },
      ],
    });
  });
});

describe('JSON output', () => {
  const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] };

  it('forces a tool and returns its input as JSON text with finish "stop"', async () => {
    const request = chatRequest({ responseFormat: { type: 'json', schema } });
    const result = await adapterFor(emulator.current).chat(request, callContext());
    expect(result.finishReason).toBe('stop');
    expect(result.content).toHaveLength(1);
    expect(JSON.parse((result.content[0] as { text: string }).text)).toEqual({
      answer: 'It is sunny in Paris today.',
    });
    expect(emulator.current.lastRequest()?.body).toMatchObject({
      toolConfig: {
        toolChoice: { tool: { name: 'json_response' } },
        tools: [{ toolSpec: { inputSchema: { json: schema } } }],
      },
    });
  });

  it('streams the forced tool input as text', async () => {
    const request = chatRequest({ responseFormat: { type: 'json', schema, name: 'answer_shape' } });
    const events = await collect(adapterFor(emulator.current).stream(request, callContext()));
    expect(events.some((e) => e.type === 'tool-call-delta')).toBe(false);
    expect(JSON.parse(textOf(events))).toEqual({ answer: 'It is sunny in Paris today.' });
    expect(events.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop' });
  });
});

describe('images and reasoning', () => {
  it('sends a base64 image as bytes', async () => {
    const png =
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
    const request = chatRequest({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image', data: png, mediaType: 'image/png' },
          ],
        },
      ],
    });
    await adapterFor(emulator.current).chat(request, callContext());
    // the SDK sends the bytes base64-encoded in the JSON body
    expect(emulator.current.lastRequest()?.body).toMatchObject({
      messages: [
        { content: [{ text: 'What is this?' }, { image: { format: 'png', source: { bytes: png } } }] },
      ],
    });
  });

  it('refuses an image URL with UNSUPPORTED_CAPABILITY before sending anything', async () => {
    const request = chatRequest({
      messages: [{ role: 'user', content: [{ type: 'image', url: 'https://example.com/cat.png' }] }],
    });
    const error = await failure(adapterFor(emulator.current).chat(request, callContext()));
    expect(error.code).toBe('UNSUPPORTED_CAPABILITY');
    expect(error.path).toEqual(['messages', 0, 'content', 0]);
    expect(emulator.current.requests).toHaveLength(0);
  });

  it('asks Claude for thinking and streams reasoning deltas with the signature', async () => {
    emulator.current.script({ reasoning: 'Let me think.', text: 'Done.' });
    const request = chatRequest({ reasoning: { budgetTokens: 2048 } });
    const events = await collect(adapterFor(emulator.current).stream(request, callContext()));
    const reasoning = events.filter((e) => e.type === 'reasoning-delta');
    expect(reasoning.map((e) => e.text).join('')).toBe('Let me think.');
    expect(reasoning.some((e) => e.signature)).toBe(true);
    expect(textOf(events)).toBe('Done.');
    expect(emulator.current.lastRequest()?.body).toMatchObject({
      additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 2048 } },
      inferenceConfig: { maxTokens: 2048 + 4096 },
    });
  });

  it('reports cache reads inside inputTokens', async () => {
    emulator.current.script({ usage: { inputTokens: 100, cachedInputTokens: 80, outputTokens: 2 } });
    const result = await adapterFor(emulator.current).chat(chatRequest(), callContext());
    expect(result.usage).toEqual({
      inputTokens: 100,
      outputTokens: 2,
      totalTokens: 102,
      cachedInputTokens: 80,
    });
  });
});

const chatFails = (adapter: ProviderAdapter = adapterFor(emulator.current)) =>
  failure(adapter.chat(chatRequest(), callContext()));

describe('errors', () => {
  it('maps a ThrottlingException with retry-after to PROVIDER_RATE_LIMIT_ERROR', async () => {
    emulator.current.script({
      fault: { type: 'error', kind: 'rate_limit', headers: { 'retry-after': '3' } },
    });
    const error = await chatFails();
    expect(error).toMatchObject({
      code: 'PROVIDER_RATE_LIMIT_ERROR',
      retryable: true,
      retryAfterMs: 3000,
      status: 429,
    });
    expect(error.provider).toBe('bedrock');
    expect(error.model).toBe(HAIKU);
    expect(emulator.current.requests).toHaveLength(1);
  });

  it('maps ModelNotReadyException to a retryable OVERLOADED', async () => {
    emulator.current.script({
      fault: {
        type: 'error',
        kind: 'unavailable',
        headers: { 'x-amzn-errortype': 'ModelNotReadyException' },
      },
    });
    const error = await chatFails();
    expect(error).toMatchObject({ code: 'OVERLOADED', retryable: true, status: 429 });
    expect(emulator.current.requests).toHaveLength(1);
  });

  it.each([
    ['not_found', 'MODEL_NOT_FOUND'],
    ['invalid', 'INVALID_REQUEST'],
    ['context_length', 'CONTEXT_LENGTH_EXCEEDED'],
    ['content_filter', 'CONTENT_FILTERED'],
    ['quota', 'QUOTA_EXCEEDED'],
    ['server', 'PROVIDER_API_ERROR'],
    ['unavailable', 'OVERLOADED'],
    ['permission', 'PROVIDER_AUTH_ERROR'],
    ['auth', 'PROVIDER_AUTH_ERROR'],
  ] as const)('maps the "%s" error to %s', async (kind, code) => {
    emulator.current.script({ fault: { type: 'error', kind } });
    expect((await chatFails()).code).toBe(code);
  });

  it('maps a ModelTimeoutException to TIMEOUT and a missing resource to MODEL_NOT_FOUND', async () => {
    emulator.current.script(
      { fault: { type: 'error', kind: 'server', headers: { 'x-amzn-errortype': 'ModelTimeoutException' } } },
      {
        fault: {
          type: 'error',
          kind: 'not_found',
          headers: { 'x-amzn-errortype': 'ResourceNotFoundException' },
        },
      },
    );
    expect((await chatFails()).code).toBe('TIMEOUT');
    expect((await chatFails()).code).toBe('MODEL_NOT_FOUND');
  });

  it.each([
    ['strings', (value: string) => value],
    ['Secrets', (value: string) => new Secret(value)],
  ])(
    'maps the bad access key id (as %s) to PROVIDER_AUTH_ERROR without revealing the secret',
    async (_as, wrap) => {
      const adapter = adapterFor(emulator.current, {
        credentials: { accessKeyId: wrap('AKIDBADKEY'), secretAccessKey: wrap('super-SECRET-value') },
      });
      const error = await chatFails(adapter);
      expect(error.code).toBe('PROVIDER_AUTH_ERROR');
      expect(error.message).toContain('The security token included in the request is invalid.');
      expect(JSON.stringify(error)).not.toContain('super-SECRET-value');
    },
  );

  it('maps "no credentials in the chain" to PROVIDER_AUTH_ERROR without sending anything', async () => {
    const missing = async () => {
      throw Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
      });
    };
    const error = await chatFails(adapterFor(emulator.current, { credentials: missing }));
    expect(error.code).toBe('PROVIDER_AUTH_ERROR');
    expect(emulator.current.requests).toHaveLength(0);
  });

  it('ends a stream with STREAM_ERROR on a modelStreamErrorException after the first deltas', async () => {
    emulator.current.script({
      text: 'a b c d',
      chunks: 4,
      fault: { type: 'stream-error', kind: 'overloaded', afterChunks: 3 },
    });
    const seen: string[] = [];
    const error = await failure(
      (async () => {
        for await (const event of adapterFor(emulator.current).stream(chatRequest(), callContext())) {
          if (event.type === 'text-delta') seen.push(event.text);
        }
      })(),
    );
    expect(seen.join('')).toBe('a b ');
    expect(error.code).toBe('STREAM_ERROR');
  });

  it('maps a mid-stream throttlingException to PROVIDER_RATE_LIMIT_ERROR and a bad CRC to STREAM_ERROR', async () => {
    emulator.current.script(
      { fault: { type: 'stream-error', kind: 'rate_limit', afterChunks: 1 } },
      { fault: { type: 'malformed', afterChunks: 2 } },
    );
    const adapter = adapterFor(emulator.current);
    expect((await failure(collect(adapter.stream(chatRequest(), callContext())))).code).toBe(
      'PROVIDER_RATE_LIMIT_ERROR',
    );
    const crc = await failure(collect(adapter.stream(chatRequest(), callContext())));
    expect(crc.code).toBe('STREAM_ERROR');
    expect(crc.message).toMatch(/checksum/);
  });
});

describe('client options', () => {
  it('sends configured and per-call headers', async () => {
    const adapter = adapterFor(emulator.current, { headers: { 'X-Team': 'search' } });
    await adapter.chat(chatRequest(), callContext({ headers: { 'x-trace-id': 'trace-1' } }));
    const headers = emulator.current.lastRequest()?.headers ?? {};
    expect(headers['x-team']).toBe('search');
    expect(headers['x-trace-id']).toBe('trace-1');
  });

  it('authenticates with a bearer token (AWS_BEARER_TOKEN_BEDROCK style)', async () => {
    const adapter = adapterFor(emulator.current, { bearerToken: 'bedrock-api-key-123' });
    await adapter.chat(chatRequest(), callContext());
    // the recorded Authorization is masked to its tail; SigV4 would have added x-amz-date
    expect(emulator.current.lastRequest()?.headers.authorization).toMatch(/-123$/);
    expect(emulator.current.lastRequest()?.headers['x-amz-date']).toBeUndefined();
    const bad = adapterFor(emulator.current, { bearerToken: 'bad-key' });
    expect((await chatFails(bad)).code).toBe('PROVIDER_AUTH_ERROR');
    // a config file's apiKey arrives as a Secret, under `apiKey`: its value is what is sent
    const fromConfig = adapterFor(emulator.current, { apiKey: new Secret('bad-key') });
    expect((await chatFails(fromConfig)).code).toBe('PROVIDER_AUTH_ERROR');
  });

  it('reads the bearer token from AWS_BEARER_TOKEN_BEDROCK when no credentials are given', async () => {
    const previous = process.env.AWS_BEARER_TOKEN_BEDROCK;
    process.env.AWS_BEARER_TOKEN_BEDROCK = 'bad-key';
    try {
      const adapter = adapterFor(emulator.current, { credentials: undefined });
      expect((await chatFails(adapter)).code).toBe('PROVIDER_AUTH_ERROR');
      expect(emulator.current.lastRequest()?.headers['x-amz-date']).toBeUndefined();
    } finally {
      if (previous === undefined) delete process.env.AWS_BEARER_TOKEN_BEDROCK;
      else process.env.AWS_BEARER_TOKEN_BEDROCK = previous;
    }
  });

  it('closes the upstream stream when the caller stops reading', async () => {
    emulator.current.script({ text: 'x'.repeat(40), chunks: 20, chunkDelayMs: 20 });
    const stream = adapterFor(emulator.current).stream(chatRequest(), callContext());
    for await (const event of stream) if (event.type === 'text-delta') break;
    await expect.poll(() => emulator.current.lastRequest()?.clientClosedEarly, { timeout: 3000 }).toBe(true);
  });

  it('aborts a call when the context signal fires', async () => {
    emulator.current.script({ fault: { type: 'stall', ms: 5000 } });
    const controller = new AbortController();
    const pending = adapterFor(emulator.current).chat(
      chatRequest(),
      callContext({ signal: controller.signal }),
    );
    setTimeout(() => controller.abort(), 50);
    expect((await failure(pending)).code).toBe('ABORTED');
  });
});
