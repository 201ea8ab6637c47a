import OpenAI, { AzureOpenAI } from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../emulator/server.js';

let emu: Emulator;
let client: OpenAI;

beforeAll(async () => {
  emu = await startEmulator('openai');
  client = new OpenAI({ apiKey: 'sk-test-abcdef123456', baseURL: `${emu.url}/v1`, maxRetries: 0 });
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => {
  emu.reset();
});

const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Weather for a city',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } },
      required: ['city', 'unit'],
    },
  },
};

describe('OpenAI chat completions through the openai SDK', () => {
  it('answers a non-stream call with usage details, rate-limit headers and a masked recorded key', async () => {
    emu.script({ usage: { inputTokens: 11, outputTokens: 4, cachedInputTokens: 6, reasoningTokens: 2 } });
    const { data, response, request_id } = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Capital of France?' }] })
      .withResponse();
    expect(data.object).toBe('chat.completion');
    expect(data.choices[0]!.message.content).toBe('Echo: Capital of France?');
    expect(data.choices[0]!.finish_reason).toBe('stop');
    expect(data.usage).toMatchObject({
      prompt_tokens: 11,
      completion_tokens: 4,
      total_tokens: 15,
      prompt_tokens_details: { cached_tokens: 6 },
      completion_tokens_details: { reasoning_tokens: 2 },
    });
    expect(response.headers.get('x-ratelimit-limit-requests')).toBe('10000');
    expect(response.headers.get('x-ratelimit-remaining-tokens')).toBe(String(30_000_000 - 15));
    expect(request_id).toMatch(/^req_/);
    const recorded = emu.lastRequest()!;
    expect(recorded.path).toBe('/v1/chat/completions');
    expect(recorded.headers.authorization).toBe('sk-...3456');
    expect(recorded.body).toMatchObject({ model: 'gpt-4o-mini' });
  });

  it('streams content chunks, a finish chunk and a usage chunk with choices: []', async () => {
    emu.script({ text: 'Paris is the capital.', chunks: 4 });
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Capital of France?' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks[0]!.choices[0]!.delta.role).toBe('assistant');
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    expect(text).toBe('Paris is the capital.');
    expect(chunks.filter((c) => c.choices[0]?.delta.content).length).toBe(4);
    expect(chunks.at(-2)!.choices[0]!.finish_reason).toBe('stop');
    expect(chunks.at(-1)!.choices).toEqual([]);
    expect(chunks.at(-1)!.usage!.total_tokens).toBeGreaterThan(0);
    expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);
  });

  it('omits the usage chunk without include_usage', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe('stop');
    expect(chunks.some((c) => c.usage)).toBe(false);
  });

  it('answers a tool call (non-stream) with arguments valid against the schema', async () => {
    const result = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Use get_weather for Paris' }],
      tools: [weatherTool],
    });
    const choice = result.choices[0]!;
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message.content).toBeNull();
    const call = choice.message.tool_calls![0]!;
    expect(call.type).toBe('function');
    if (call.type !== 'function') throw new Error('expected a function call');
    expect(call.function.name).toBe('get_weather');
    expect(JSON.parse(call.function.arguments)).toEqual({ city: 'Paris', unit: 'c' });
  });

  it('streams tool-call arguments as deltas: the first carries id/type/name, later ones only argument pieces', async () => {
    emu.script({
      toolCalls: [{ id: 'call_abc', name: 'get_weather', arguments: { city: 'Paris', unit: 'c' } }],
      chunks: 3,
    });
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'weather?' }],
      tools: [weatherTool],
      stream: true,
    });
    const deltas = [];
    for await (const chunk of stream) deltas.push(...(chunk.choices[0]?.delta.tool_calls ?? []));
    expect(deltas[0]).toMatchObject({
      index: 0,
      id: 'call_abc',
      type: 'function',
      function: { name: 'get_weather', arguments: '' },
    });
    const later = deltas.slice(1);
    expect(later.length).toBe(3);
    expect(later.every((d) => d.id === undefined && d.function?.name === undefined && d.index === 0)).toBe(
      true,
    );
    expect(JSON.parse(later.map((d) => d.function!.arguments).join(''))).toEqual({
      city: 'Paris',
      unit: 'c',
    });
  });

  it('finishes the stream() helper with a complete tool call message', async () => {
    emu.script({ toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo', unit: 'f' } }] });
    const runner = client.chat.completions.stream({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'weather?' }],
      tools: [weatherTool],
    });
    const final = await runner.finalChatCompletion();
    expect(final.choices[0]!.finish_reason).toBe('tool_calls');
    const call = final.choices[0]!.message.tool_calls![0]!;
    if (call.type !== 'function') throw new Error('expected a function call');
    expect(JSON.parse(call.function.arguments)).toEqual({ city: 'Oslo', unit: 'f' });
  });

  it('forces a tool call with tool_choice required and offers none with tool_choice none', async () => {
    const forced = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hello' }],
      tools: [weatherTool],
      tool_choice: 'required',
    });
    expect(forced.choices[0]!.finish_reason).toBe('tool_calls');
    const none = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'use get_weather' }],
      tools: [weatherTool],
      tool_choice: 'none',
    });
    expect(none.choices[0]!.message.tool_calls).toBeUndefined();
    expect(none.choices[0]!.finish_reason).toBe('stop');
  });

  it('answers response_format json_schema with JSON valid against the schema', async () => {
    const result = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Describe a person' }],
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'person',
          strict: true,
          schema: {
            type: 'object',
            properties: {
              name: { type: 'string' },
              age: { type: 'integer', minimum: 18 },
              tags: { type: 'array', items: { type: 'string' } },
            },
            required: ['name', 'age', 'tags'],
            additionalProperties: false,
          },
        },
      },
    });
    const parsed = JSON.parse(result.choices[0]!.message.content!);
    expect(parsed).toEqual({ name: 'Ada Lovelace', age: 30, tags: ['travel', 'food'] });
  });

  it('cuts a long default answer at max_completion_tokens with finish_reason length', async () => {
    const result = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      max_completion_tokens: 2,
      messages: [{ role: 'user', content: 'Tell me a long story about the sea' }],
    });
    expect(result.choices[0]!.finish_reason).toBe('length');
    expect(result.choices[0]!.message.content).toBe('Echo: Te');
    expect(result.usage!.completion_tokens).toBe(2);
  });

  it('uses a scripted finish reason verbatim', async () => {
    emu.script({ text: '', finishReason: 'content_filter' });
    const result = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(result.choices[0]!.finish_reason).toBe('content_filter');
  });

  it('rejects max_tokens on a reasoning model with unsupported_parameter, and an empty messages array', async () => {
    const legacy = await client.chat.completions
      .create({ model: 'o3-mini', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect(legacy).toBeInstanceOf(OpenAI.BadRequestError);
    expect(legacy).toMatchObject({ status: 400, code: 'unsupported_parameter', param: 'max_tokens' });
    const empty = await client.chat.completions
      .create({ model: 'gpt-4o', messages: [] })
      .catch((e: unknown) => e);
    expect(empty).toMatchObject({ status: 400, code: 'empty_array', param: 'messages' });
  });
});

describe('OpenAI context length', () => {
  // ~4 characters a token: 520 000 characters are 130 000 tokens, over gpt-4o's 128 000
  const long = 'x'.repeat(520_000);

  it("rejects a prompt over the model's context window with the API's 400 context_length_exceeded", async () => {
    const error = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: long }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error).toMatchObject({
      status: 400,
      type: 'invalid_request_error',
      code: 'context_length_exceeded',
      param: 'messages',
      error: {
        message:
          "This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens. Please reduce the length of the messages.",
      },
    });
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).requestID).toMatch(/^req_/);
  });

  it('counts system, assistant and tool-call text too, for streams as for plain calls', async () => {
    const half = 'y'.repeat(260_000);
    const error = await client.chat.completions
      .create({
        model: 'gpt-4o',
        stream: true,
        messages: [
          { role: 'system', content: half },
          { role: 'user', content: half },
        ],
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, code: 'context_length_exceeded' });
    expect((error as Error).message).toMatch(
      /maximum context length is 128000 tokens\. However, your messages resulted in 130001 tokens/,
    );
  });

  it("uses each model's own window: the same prompt fits gpt-4.1 (1 047 576 tokens) but not gpt-3.5-turbo", async () => {
    const fits = await client.chat.completions.create({
      model: 'gpt-4.1',
      messages: [{ role: 'user', content: long }],
    });
    expect(fits.choices[0]!.finish_reason).toBe('stop');
    const small = await client.chat.completions
      .create({ model: 'gpt-3.5-turbo', messages: [{ role: 'user', content: 'z'.repeat(70_000) }] })
      .catch((e: unknown) => e);
    expect((small as Error).message).toMatch(
      /maximum context length is 16385 tokens\. However, your messages resulted in 17500 tokens/,
    );
  });

  it('rejects an over-long Responses API input with context_length_exceeded on input', async () => {
    const error = await client.responses.create({ model: 'gpt-4o', input: long }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error).toMatchObject({
      status: 400,
      code: 'context_length_exceeded',
      param: 'input',
      error: {
        message:
          'Your input exceeds the context window of this model. Please adjust your input and try again.',
      },
    });
  });
});

describe('OpenAI auth', () => {
  it('refuses the key bad-key with 401 invalid_api_key, without echoing the key in full', async () => {
    const bad = new OpenAI({ apiKey: 'bad-key', baseURL: `${emu.url}/v1`, maxRetries: 0 });
    const error = await bad.models.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: 'invalid_api_key', type: 'invalid_request_error' });
  });

  it('refuses a call without any key', async () => {
    const res = await fetch(`${emu.url}/v1/models`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
      "You didn't provide an API key",
    );
  });
});

describe('OpenAI embeddings', () => {
  it('answers float vectors with the requested dimensions and usage', async () => {
    const result = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: ['hello', 'world'],
      dimensions: 8,
      encoding_format: 'float',
    });
    expect(result.data).toHaveLength(2);
    expect(result.data[1]!.index).toBe(1);
    const vector = result.data[0]!.embedding;
    expect(vector).toHaveLength(8);
    expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
    expect(result.usage).toEqual({ prompt_tokens: 4, total_tokens: 4 });
    expect(emu.lastRequest()!.body).toMatchObject({ encoding_format: 'float' });
  });

  it('answers base64 little-endian float32 by SDK default and the SDK decodes the same vector', async () => {
    const float = await client.embeddings.create({
      model: 'text-embedding-3-large',
      input: 'same text',
      encoding_format: 'float',
    });
    const decoded = await client.embeddings.create({ model: 'text-embedding-3-large', input: 'same text' });
    expect(emu.lastRequest()!.body).toMatchObject({ encoding_format: 'base64' });
    const a = float.data[0]!.embedding;
    const b = decoded.data[0]!.embedding;
    expect(b).toHaveLength(3072);
    expect(b.every((v, i) => Math.abs(v - a[i]!) < 1e-6)).toBe(true);
  });

  it('rejects dimensions on ada-002', async () => {
    const error = await client.embeddings
      .create({ model: 'text-embedding-ada-002', input: 'x', dimensions: 3 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, param: 'dimensions' });
  });
});

describe('OpenAI models', () => {
  it('lists the built-in models and retrieves one', async () => {
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'gpt-4o',
        'gpt-4o-mini',
        'o3-mini',
        'text-embedding-3-small',
        'text-embedding-3-large',
        'dall-e-3',
        'gpt-image-1',
      ]),
    );
    expect(await client.models.retrieve('gpt-4o')).toMatchObject({ id: 'gpt-4o', object: 'model' });
  });

  it('answers 404 model_not_found for an unknown id', async () => {
    const error = await client.models.retrieve('gpt-nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect(error).toMatchObject({ code: 'model_not_found' });
  });
});

describe('OpenAI images', () => {
  it('answers b64_json PNGs of the requested size, n of them', async () => {
    const result = await client.images.generate({
      model: 'dall-e-2',
      prompt: 'a red fox',
      n: 2,
      size: '256x256',
      response_format: 'b64_json',
    });
    expect(result.data).toHaveLength(2);
    const png = Buffer.from(result.data![0]!.b64_json!, 'base64');
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(256);
    expect(png.readUInt32BE(20)).toBe(256);
  });

  it('answers URLs the emulator serves, with dall-e-3 revised prompts', async () => {
    const result = await client.images.generate({
      model: 'dall-e-3',
      prompt: 'a blue whale',
      size: '1792x1024',
    });
    const image = result.data![0]!;
    expect(image.revised_prompt).toContain('a blue whale');
    const res = await fetch(image.url!);
    expect(res.headers.get('content-type')).toBe('image/png');
    const png = Buffer.from(await res.arrayBuffer());
    expect(png.readUInt32BE(16)).toBe(1792);
    expect(png.readUInt32BE(20)).toBe(1024);
  });

  it('answers gpt-image-1 in base64 with usage, and rejects bad sizes', async () => {
    const result = await client.images.generate({ model: 'gpt-image-1', prompt: 'a cat', size: '1024x1024' });
    expect(result.data![0]!.b64_json).toBeTruthy();
    expect(result.usage!.input_tokens).toBeGreaterThan(0);
    const error = await client.images
      .generate({ model: 'dall-e-3', prompt: 'x', size: '256x256' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, param: 'size' });
  });
});

describe('OpenAI Responses API (default answers)', () => {
  it('answers a non-stream response whose output_text the SDK assembles', async () => {
    emu.script({ usage: { inputTokens: 5, outputTokens: 3, cachedInputTokens: 1, reasoningTokens: 1 } });
    const response = await client.responses.create({ model: 'gpt-4o-mini', input: 'hello' });
    expect(response.output_text).toBe('Echo: hello');
    expect(response.usage).toMatchObject({
      input_tokens: 5,
      output_tokens: 3,
      input_tokens_details: { cached_tokens: 1 },
      output_tokens_details: { reasoning_tokens: 1 },
    });
  });

  it('streams text deltas and function-call argument deltas ending with response.completed', async () => {
    emu.script({
      text: 'Calling.',
      toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: { city: 'Rome' } }],
    });
    const stream = await client.responses.create({
      model: 'gpt-4o-mini',
      input: 'weather in Rome?',
      tools: [
        { type: 'function', name: 'get_weather', parameters: weatherTool.function.parameters, strict: false },
      ],
      stream: true,
    });
    const types: string[] = [];
    let text = '';
    let args = '';
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'response.output_text.delta') text += event.delta;
      if (event.type === 'response.function_call_arguments.delta') args += event.delta;
    }
    expect(types[0]).toBe('response.created');
    expect(types.at(-1)).toBe('response.completed');
    expect(text).toBe('Calling.');
    expect(JSON.parse(args)).toEqual({ city: 'Rome' });
  });
});

describe('Azure OpenAI paths through AzureOpenAI', () => {
  const azure = () =>
    new AzureOpenAI({
      endpoint: emu.url,
      apiKey: 'azure-key-123456',
      apiVersion: '2024-10-21',
      deployment: 'my-deploy',
      maxRetries: 0,
    });

  it('answers chat on /openai/deployments/{d}/chat/completions with the api-key header and Azure filter results', async () => {
    const result = await azure().chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi azure' }],
    });
    expect(result.choices[0]!.message.content).toBe('Echo: hi azure');
    expect((result as unknown as { prompt_filter_results: unknown[] }).prompt_filter_results).toHaveLength(1);
    const recorded = emu.lastRequest()!;
    expect(recorded.path).toBe('/openai/deployments/my-deploy/chat/completions');
    expect(recorded.query['api-version']).toBe('2024-10-21');
    expect(recorded.headers['api-key']).toBe('azure-...3456');
    expect(recorded.headers.authorization).toBeUndefined();
  });

  it('streams on Azure starting with the prompt_filter_results chunk', async () => {
    const stream = await azure().chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'stream' }],
      stream: true,
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks[0]!.choices).toEqual([]);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('Echo: stream');
  });

  it('answers embeddings and images on deployment paths', async () => {
    const embedded = await azure().embeddings.create({ model: 'text-embedding-3-small', input: 'x' });
    expect(embedded.data[0]!.embedding).toHaveLength(1536);
    expect(emu.lastRequest()!.path).toBe('/openai/deployments/my-deploy/embeddings');
    const images = await azure().images.generate({
      model: 'dall-e-3',
      prompt: 'a boat',
      response_format: 'b64_json',
    });
    expect(images.data![0]!.b64_json).toBeTruthy();
  });

  it('answers 404 Resource not found without api-version and Azure-shaped 401 for a bad key', async () => {
    const noVersion = await fetch(`${emu.url}/openai/deployments/d/chat/completions`, {
      method: 'POST',
      headers: { 'api-key': 'k-123456789', 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ role: 'user', content: 'x' }] }),
    });
    expect(noVersion.status).toBe(404);
    expect(await noVersion.json()).toEqual({ error: { code: '404', message: 'Resource not found' } });
    const bad = new AzureOpenAI({
      endpoint: emu.url,
      apiKey: 'bad-key',
      apiVersion: '2024-10-21',
      maxRetries: 0,
    });
    const error = await bad.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(error).toMatchObject({ code: '401' });
  });

  it('accepts a Bearer token (Entra ID) on Azure paths', async () => {
    const entra = new AzureOpenAI({
      endpoint: emu.url,
      azureADTokenProvider: async () => 'entra-token-123456',
      apiVersion: '2024-10-21',
      maxRetries: 0,
    });
    const result = await entra.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'token' }],
    });
    expect(result.choices[0]!.message.content).toBe('Echo: token');
    expect(emu.lastRequest()!.path).toBe('/openai/deployments/gpt-4o/chat/completions');
  });
});
