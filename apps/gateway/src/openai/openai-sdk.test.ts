import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { useGateway } from './openai-gateway.test-support.js';

const gateway = useGateway();
const client = () => new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'any', maxRetries: 0 });

const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'The weather in a city',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' } },
      required: ['city'],
      additionalProperties: false,
    },
  },
};

describe('the official openai SDK against the gateway', () => {
  it('chats, with usage, finish reason and the x-pal headers', async () => {
    gateway.openai.script({
      text: 'Paris.',
      usage: { inputTokens: 12, outputTokens: 2, cachedInputTokens: 4 },
    });
    const { data, response } = await client()
      .chat.completions.create({
        model: 'openai/gpt-5.4-mini',
        messages: [
          { role: 'developer', content: 'Answer in one word.' },
          { role: 'user', content: 'Capital of France?' },
        ],
        temperature: 0.2,
        max_completion_tokens: 20,
      })
      .withResponse();

    expect(data.object).toBe('chat.completion');
    expect(data.model).toBe('openai/gpt-5.4-mini');
    expect(data.choices).toHaveLength(1);
    expect(data.choices[0]?.message).toMatchObject({ role: 'assistant', content: 'Paris.' });
    expect(data.choices[0]?.finish_reason).toBe('stop');
    expect(data.usage).toMatchObject({
      prompt_tokens: 12,
      completion_tokens: 2,
      total_tokens: 14,
      prompt_tokens_details: { cached_tokens: 4 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
    expect(response.headers.get('x-pal-provider')).toBe('openai');
    expect(response.headers.get('x-pal-model')).toBe('gpt-5.4-mini');
    expect(response.headers.get('x-pal-attempts')).toBe('1');
    expect(Number(response.headers.get('x-pal-cost-usd'))).toBeGreaterThan(0);
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/\S+/);
    expect((data as unknown as { pal: { request_id: string } }).pal.request_id).toBe(requestId);

    // what reached the vendor: the developer message as a system message, the sampling settings
    const sent = gateway.openai.lastRequest()?.body as Record<string, any>;
    expect(sent.messages[0]).toMatchObject({ role: 'system', content: 'Answer in one word.' });
    expect(sent.temperature).toBe(0.2);
    expect(sent.max_completion_tokens).toBe(20);
  });

  it('streams chunks and the usage chunk when include_usage is set', async () => {
    gateway.openai.script({ text: 'one two three', chunks: 3, usage: { inputTokens: 5, outputTokens: 3 } });
    const { data: stream, response } = await client()
      .chat.completions.create({
        model: 'openai/gpt-5.4-mini',
        messages: [{ role: 'user', content: 'Count to three' }],
        stream: true,
        stream_options: { include_usage: true },
      })
      .withResponse();
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('x-pal-provider')).toBe('openai');
    expect(response.headers.get('x-request-id')).toMatch(/\S+/);

    let text = '';
    const finishes: Array<string | null> = [];
    const usages: unknown[] = [];
    const ids = new Set<string>();
    for await (const chunk of stream) {
      ids.add(chunk.id);
      expect(chunk.object).toBe('chat.completion.chunk');
      if (chunk.usage) {
        expect(chunk.choices).toEqual([]);
        usages.push(chunk.usage);
        continue;
      }
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.choices[0]?.finish_reason) finishes.push(chunk.choices[0].finish_reason);
    }
    expect(text).toBe('one two three');
    expect(finishes).toEqual(['stop']);
    expect(usages).toEqual([
      expect.objectContaining({ prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 }),
    ]);
    expect(ids.size).toBe(1);
  });

  it('streams without a usage chunk when include_usage is not set', async () => {
    const stream = await client().chat.completions.create({
      model: 'openai/gpt-5.4-mini',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.some((c) => c.usage)).toBe(false);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('Echo: Hi');
  });

  it('makes a full tool round trip (the tool message answers the call by id)', async () => {
    const messages: OpenAI.ChatCompletionMessageParam[] = [
      { role: 'user', content: 'Use get_weather for Paris' },
    ];
    const first = await client().chat.completions.create({
      model: 'openai/gpt-5.4-mini',
      messages,
      tools: [weatherTool],
      tool_choice: 'auto',
    });
    const choice = first.choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    expect(choice?.message.content).toBeNull();
    const call = choice?.message.tool_calls?.[0];
    expect(call?.type).toBe('function');
    if (call?.type !== 'function') throw new Error('expected a function call');
    expect(call.function.name).toBe('get_weather');
    expect(JSON.parse(call.function.arguments)).toEqual({ city: 'Paris' });

    messages.push(choice!.message, { role: 'tool', tool_call_id: call.id, content: '18°C and sunny' });
    const second = await client().chat.completions.create({
      model: 'openai/gpt-5.4-mini',
      messages,
      tools: [weatherTool],
    });
    // the emulator answers a conversation that ends with a tool result so
    expect(second.choices[0]?.message.content).toMatch(/^Tool result received: /);
    expect(second.choices[0]?.finish_reason).toBe('stop');

    // the vendor saw the assistant's call and the tool's answer, linked by the call id
    const sent = gateway.openai.lastRequest()?.body as { messages: any[] };
    expect(sent.messages[1].tool_calls[0]).toMatchObject({ id: call.id, function: { name: 'get_weather' } });
    expect(JSON.parse(sent.messages[1].tool_calls[0].function.arguments)).toEqual({ city: 'Paris' });
    expect(sent.messages[2]).toMatchObject({
      role: 'tool',
      tool_call_id: call.id,
      content: '18°C and sunny',
    });
  });

  it('streams tool calls as deltas by index (the first carries id, type and name)', async () => {
    const stream = await client().chat.completions.create({
      model: 'openai/gpt-5.4-mini',
      messages: [{ role: 'user', content: 'Use get_weather for Paris' }],
      tools: [weatherTool],
      stream: true,
    });
    const deltas: OpenAI.ChatCompletionChunk.Choice.Delta.ToolCall[] = [];
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      deltas.push(...(chunk.choices[0]?.delta.tool_calls ?? []));
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(deltas[0]).toMatchObject({ index: 0, type: 'function', function: { name: 'get_weather' } });
    expect(deltas[0]?.id).toMatch(/\S+/);
    expect(deltas.slice(1).every((d) => d.id === undefined && d.index === 0)).toBe(true);
    expect(JSON.parse(deltas.map((d) => d.function?.arguments ?? '').join(''))).toEqual({ city: 'Paris' });
    expect(finish).toBe('tool_calls');
  });

  it('answers with JSON that matches a json_schema response format', async () => {
    const completion = await client().chat.completions.create({
      model: 'openai/gpt-5.4-mini',
      messages: [{ role: 'user', content: 'Describe a person' }],
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'person',
          schema: {
            type: 'object',
            properties: { name: { type: 'string' }, age: { type: 'integer' } },
            required: ['name', 'age'],
            additionalProperties: false,
          },
        },
      },
    });
    const person = JSON.parse(completion.choices[0]?.message.content ?? '');
    expect(typeof person.name).toBe('string');
    expect(Number.isInteger(person.age)).toBe(true);
    const sent = gateway.openai.lastRequest()?.body as { response_format: any };
    expect(sent.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'person' } });
  });

  it('embeds (the SDK asks for base64 by default and decodes it) and as floats', async () => {
    const decoded = await client().embeddings.create({
      model: 'openai/text-embedding-3-small',
      input: ['first', 'second'],
      dimensions: 8,
    });
    const floats = await client().embeddings.create({
      model: 'openai/text-embedding-3-small',
      input: ['first', 'second'],
      dimensions: 8,
      encoding_format: 'float',
    });
    expect(decoded.object).toBe('list');
    expect(decoded.model).toBe('openai/text-embedding-3-small');
    expect(decoded.data.map((d) => d.index)).toEqual([0, 1]);
    expect(floats.data[0]?.embedding).toHaveLength(8);
    // float32 on the wire: the decoded vectors are the float vectors rounded to float32
    expect(Array.from(decoded.data[1]?.embedding ?? [])).toEqual(
      (floats.data[1]?.embedding ?? []).map((x) => Math.fround(x)),
    );
    expect(floats.usage.prompt_tokens).toBeGreaterThan(0);
  });

  it('lists the merged catalog as models', async () => {
    const ids: string[] = [];
    for await (const model of client().models.list()) {
      ids.push(model.id);
      expect(model.object).toBe('model');
      expect(model.owned_by).toBe(model.id.split('/')[0]);
    }
    expect(ids).toEqual(
      expect.arrayContaining(['openai/gpt-5.4-mini', 'anthropic/claude-haiku-4-5', 'ollama/llama3.2']),
    );

    const one = await client().models.retrieve('openai/gpt-5.4-mini');
    expect(one).toMatchObject({
      id: 'openai/gpt-5.4-mini',
      owned_by: 'openai',
      pal: {
        context_window: 400000,
        max_output_tokens: 128000,
        pricing_per_mtok_usd: { input: 0.75, output: 4.5 },
        capabilities: { tools: true, streaming: true },
      },
    });
  });

  it('serves a call through the Anthropic provider, chat and stream', async () => {
    const { data, response } = await client()
      .chat.completions.create({
        model: 'anthropic/claude-haiku-4-5',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hello there' },
        ],
        max_tokens: 50,
      })
      .withResponse();
    expect(data.choices[0]?.message.content).toBe('Echo: Hello there');
    expect(data.model).toBe('anthropic/claude-haiku-4-5');
    expect(response.headers.get('x-pal-provider')).toBe('anthropic');
    const sent = gateway.anthropic.lastRequest()?.body as { system: unknown; max_tokens: number };
    expect(JSON.stringify(sent.system)).toContain('Be brief.');
    expect(sent.max_tokens).toBe(50);

    const stream = await client().chat.completions.create({
      model: 'anthropic/claude-haiku-4-5',
      messages: [{ role: 'user', content: 'Use get_weather for Paris' }],
      tools: [weatherTool],
      stream: true,
      stream_options: { include_usage: true },
    });
    const deltas: OpenAI.ChatCompletionChunk.Choice.Delta.ToolCall[] = [];
    let usage: OpenAI.CompletionUsage | undefined | null;
    for await (const chunk of stream) {
      deltas.push(...(chunk.choices[0]?.delta.tool_calls ?? []));
      usage = chunk.usage ?? usage;
    }
    expect(deltas[0]).toMatchObject({ index: 0, type: 'function', function: { name: 'get_weather' } });
    expect(JSON.parse(deltas.map((d) => d.function?.arguments ?? '').join(''))).toEqual({ city: 'Paris' });
    expect(usage?.total_tokens).toBeGreaterThan(0);
  });
});
