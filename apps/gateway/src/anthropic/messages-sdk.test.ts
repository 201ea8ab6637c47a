import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import type { Emulator } from '@pal/testkit';
import { useGateway } from '../openai/openai-gateway.test-support.js';

const gateway = useGateway();
const client = () => new Anthropic({ baseURL: gateway.url, apiKey: 'any', maxRetries: 0 });

/** The body of the emulator's last request. */
function lastBody<T>(emu: Emulator): T {
  const request = emu.lastRequest();
  if (!request) throw new Error(`${emu.vendor} received no request`);
  return request.body as T;
}

const weatherTool = {
  name: 'get_weather',
  description: 'The weather in a city',
  input_schema: {
    type: 'object' as const,
    properties: { city: { type: 'string' } },
    required: ['city'],
  },
};

/** The second turn of a tool round trip: the question, the assistant's tool_use turn, and the tool's result. */
function afterToolUse(
  model: string,
  question: Anthropic.MessageParam,
  first: Anthropic.Message,
  result: Anthropic.ToolResultBlockParam,
) {
  return client().messages.create({
    model,
    max_tokens: 128,
    tools: [weatherTool],
    messages: [question, { role: 'assistant', content: first.content }, { role: 'user', content: [result] }],
  });
}

describe('the official Anthropic SDK against /v1/messages, served by other providers', () => {
  it('answers a Messages request from OpenAI, with usage, stop reason and the x-pal headers', async () => {
    gateway.openai.script({
      text: 'Paris.',
      usage: { inputTokens: 20, outputTokens: 2, cachedInputTokens: 8 },
    });
    const { data, response, request_id } = await client()
      .messages.create({
        model: 'openai/gpt-5.4-mini',
        max_tokens: 64,
        system: 'Answer in one word.',
        messages: [{ role: 'user', content: 'Capital of France?' }],
        stop_sequences: ['\n\n'],
        metadata: { user_id: 'user-42' },
      })
      .withResponse();

    expect(data).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'openai/gpt-5.4-mini',
      content: [{ type: 'text', text: 'Paris.' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: {
        input_tokens: 12,
        cache_read_input_tokens: 8,
        cache_creation_input_tokens: 0,
        output_tokens: 2,
      },
    });
    expect(data.id).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(response.headers.get('x-pal-provider')).toBe('openai');
    expect(response.headers.get('x-pal-model')).toBe('gpt-5.4-mini');
    expect(response.headers.get('x-pal-attempts')).toBe('1');
    expect(Number(response.headers.get('x-pal-cost-usd'))).toBeGreaterThan(0);
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(request_id).toBe(requestId); // Anthropic's `request-id`, read by the SDK

    // what went upstream: OpenAI's own wire format, the system turn first
    const sent = lastBody<{ messages: unknown[]; stop: unknown; user: unknown }>(gateway.openai);
    expect(sent.messages).toEqual([
      { role: 'system', content: 'Answer in one word.' },
      { role: 'user', content: 'Capital of France?' },
    ]);
    expect(sent.stop).toEqual(['\n\n']);
    expect(sent.user).toBe('user-42'); // metadata.user_id → PAL's metadata.user → OpenAI's user
  });

  it('answers from Ollama (ollama/llama3.2), priced as free', async () => {
    gateway.ollama.script({ text: 'Bonjour !', usage: { inputTokens: 9, outputTokens: 3 } });
    const { data, response } = await client()
      .messages.create({
        model: 'ollama/llama3.2',
        max_tokens: 32,
        messages: [{ role: 'user', content: [{ type: 'text', text: 'Say hello in French' }] }],
      })
      .withResponse();
    expect(data.content).toEqual([{ type: 'text', text: 'Bonjour !' }]);
    expect(data.model).toBe('ollama/llama3.2');
    expect(data.usage).toMatchObject({ input_tokens: 9, output_tokens: 3 });
    expect(response.headers.get('x-pal-provider')).toBe('ollama');
    expect(gateway.ollama.lastRequest()?.path).toBe('/api/chat');
  });

  it('streams with messages.stream(): Anthropic event order, text deltas and finalMessage()', async () => {
    gateway.openai.script({
      text: 'One, two, three.',
      chunks: 4,
      usage: { inputTokens: 11, outputTokens: 5 },
    });
    const stream = client().messages.stream({
      model: 'openai/gpt-5.4-mini',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'Count to 3' }],
    });
    const types: string[] = [];
    const deltas: string[] = [];
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta')
        deltas.push(event.delta.text);
    }
    const final = await stream.finalMessage();

    const squeezed = types.filter((t, i) => t !== types[i - 1]);
    expect(squeezed).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe('One, two, three.');
    expect(final).toMatchObject({
      role: 'assistant',
      model: 'openai/gpt-5.4-mini',
      content: [{ type: 'text', text: 'One, two, three.' }],
      stop_reason: 'end_turn',
      usage: { input_tokens: 11, output_tokens: 5 },
    });
    const { response } = await stream.withResponse();
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('x-pal-provider')).toBe('openai');
    expect(response.headers.get('x-pal-attempts')).toBe('1');
    expect(response.headers.get('x-request-id')).toBe(response.headers.get('request-id'));
    expect(gateway.openai.lastRequest()?.body).toMatchObject({ stream: true });
  });

  it('round-trips a tool call through OpenAI: tool_use, then tool_result back in', async () => {
    gateway.openai.script(
      { toolCalls: [{ id: 'call_weather_1', name: 'get_weather', arguments: { city: 'Paris' } }] },
      { text: 'It is sunny in Paris.' },
    );
    const question = { role: 'user' as const, content: 'What is the weather in Paris?' };
    const first = await client().messages.create({
      model: 'openai/gpt-5.4-mini',
      max_tokens: 128,
      tools: [weatherTool],
      tool_choice: { type: 'any' },
      messages: [question],
    });
    expect(first.stop_reason).toBe('tool_use');
    const toolUse = first.content.find((block) => block.type === 'tool_use');
    expect(toolUse).toEqual({
      type: 'tool_use',
      id: 'call_weather_1',
      name: 'get_weather',
      input: { city: 'Paris' },
    });
    expect(gateway.openai.lastRequest()?.body).toMatchObject({
      tool_choice: 'required',
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: weatherTool.input_schema } }],
    });

    const second = await afterToolUse('openai/gpt-5.4-mini', question, first, {
      type: 'tool_result',
      tool_use_id: 'call_weather_1',
      content: [{ type: 'text', text: 'Sunny, 24°C' }],
    });
    expect(second.content).toEqual([{ type: 'text', text: 'It is sunny in Paris.' }]);
    expect(second.stop_reason).toBe('end_turn');
    const sent = lastBody<{ messages: unknown[] }>(gateway.openai).messages;
    expect(sent).toEqual([
      { role: 'user', content: 'What is the weather in Paris?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_weather_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_weather_1', content: 'Sunny, 24°C' },
    ]);
  });

  it('streams a tool call as a tool_use block with input_json_delta, and finalMessage() parses its input', async () => {
    gateway.openai.script({
      toolCalls: [{ id: 'call_w', name: 'get_weather', arguments: { city: 'Lyon' } }],
      chunks: 3,
    });
    const stream = client().messages.stream({
      model: 'openai/gpt-5.4-mini',
      max_tokens: 128,
      tools: [weatherTool],
      messages: [{ role: 'user', content: 'Use get_weather for Lyon' }],
    });
    const jsonDeltas: string[] = [];
    stream.on('streamEvent', (event) => {
      if (event.type === 'content_block_delta' && event.delta.type === 'input_json_delta')
        jsonDeltas.push(event.delta.partial_json);
    });
    const final = await stream.finalMessage();
    expect(final.stop_reason).toBe('tool_use');
    expect(final.content).toEqual([
      { type: 'tool_use', id: 'call_w', name: 'get_weather', input: { city: 'Lyon' } },
    ]);
    expect(jsonDeltas.length).toBeGreaterThan(1);
    expect(JSON.parse(jsonDeltas.join(''))).toEqual({ city: 'Lyon' });
  });

  it('round-trips a tool call through Ollama, the error flag of a tool_result included', async () => {
    gateway.ollama.script(
      { toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }] },
      { text: 'The weather service failed.' },
    );
    const question = { role: 'user' as const, content: 'Weather in Oslo?' };
    const first = await client().messages.create({
      model: 'ollama/llama3.2',
      max_tokens: 64,
      tools: [weatherTool],
      messages: [question],
    });
    const toolUse = first.content.find((block) => block.type === 'tool_use');
    expect(first.stop_reason).toBe('tool_use');
    expect(toolUse).toMatchObject({ type: 'tool_use', name: 'get_weather', input: { city: 'Oslo' } });
    const second = await afterToolUse('ollama/llama3.2', question, first, {
      type: 'tool_result',
      tool_use_id: toolUse?.type === 'tool_use' ? toolUse.id : '',
      content: 'timeout',
      is_error: true,
    });
    expect(second.content).toEqual([{ type: 'text', text: 'The weather service failed.' }]);
    const sent = lastBody<{ messages: Array<Record<string, unknown>> }>(gateway.ollama).messages;
    expect(sent.at(-1)).toMatchObject({ role: 'tool', content: expect.stringContaining('timeout') });
  });

  it('answers countTokens with the kernel estimate for the serving target', async () => {
    const { input_tokens: small } = await client().messages.countTokens({
      model: 'openai/gpt-5.4-mini',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    const { input_tokens: large } = await client().messages.countTokens({
      model: 'openai/gpt-5.4-mini',
      system: 'You are a careful assistant who answers every question in great detail.',
      messages: [
        { role: 'user', content: 'Explain the water cycle, step by step, for a class of ten-year-olds.' },
      ],
      tools: [weatherTool],
    });
    expect(small).toBeGreaterThan(0);
    expect(large).toBeGreaterThan(small);
    expect(gateway.openai.requests).toHaveLength(0); // an estimate: nothing was sent upstream
  });

  it('takes an Anthropic snapshot id and serves it from its alias on Anthropic', async () => {
    gateway.anthropic.script({ text: 'Hello from Claude.' });
    const { data, response } = await client()
      .messages.create({
        model: 'claude-haiku-4-5-20251001',
        max_tokens: 32,
        messages: [{ role: 'user', content: 'Hi' }],
      })
      .withResponse();
    expect(data.content).toEqual([{ type: 'text', text: 'Hello from Claude.' }]);
    expect(data.id).toMatch(/^msg_01/); // Anthropic's own message id is kept
    expect(response.headers.get('x-pal-provider')).toBe('anthropic');
    expect(gateway.anthropic.lastRequest()?.body).toMatchObject({ model: 'claude-haiku-4-5' });
  });
});

describe('what PAL could not honour, and thinking', () => {
  it("lists dropped settings in x-pal-warnings: the gateway's and the provider's", async () => {
    gateway.anthropic.script({ text: 'ok' });
    const { response } = await client()
      .messages.create({
        model: 'anthropic/claude-haiku-4-5',
        max_tokens: 16,
        service_tier: 'auto',
        temperature: 0.5,
        messages: [{ role: 'user', content: 'Hi' }],
      } as never)
      .withResponse();
    const said = JSON.parse(response.headers.get('x-pal-warnings') ?? '[]') as string[];
    expect(said).toEqual([
      expect.stringMatching(/^service_tier is not supported and was not sent/),
      expect.stringMatching(/^temperature is not supported and was not sent/),
    ]);
    expect(gateway.anthropic.lastRequest()?.body).not.toHaveProperty('temperature');
    expect(gateway.anthropic.lastRequest()?.body).not.toHaveProperty('service_tier');
  });

  it('streams Claude thinking as a thinking block with its signature, and takes it back on the next turn', async () => {
    const stream = client().messages.stream({
      model: 'anthropic/claude-haiku-4-5',
      max_tokens: 4096,
      thinking: { type: 'enabled', budget_tokens: 2048 },
      messages: [{ role: 'user', content: 'Why is the sky blue?' }],
    });
    const final = await stream.finalMessage();
    expect(gateway.anthropic.lastRequest()?.body).toMatchObject({
      max_tokens: 4096,
      thinking: { type: 'enabled', budget_tokens: 2048 },
    });
    const [thinking, text] = final.content;
    expect(thinking).toMatchObject({ type: 'thinking', thinking: expect.stringContaining('Considering') });
    expect(thinking?.type === 'thinking' && thinking.signature).toMatch(/^Eq/);
    expect(text).toMatchObject({ type: 'text' });

    await client().messages.create({
      model: 'anthropic/claude-haiku-4-5',
      max_tokens: 4096,
      thinking: { type: 'enabled', budget_tokens: 2048 },
      messages: [
        { role: 'user', content: 'Why is the sky blue?' },
        { role: 'assistant', content: final.content },
        { role: 'user', content: 'Shorter, please.' },
      ],
    });
    const sent = lastBody<{ messages: Array<{ content: unknown }> }>(gateway.anthropic).messages;
    expect(sent[1]?.content).toEqual([
      {
        type: 'thinking',
        thinking: (thinking as { thinking: string }).thinking,
        signature: (thinking as { signature: string }).signature,
      },
      { type: 'text', text: (text as { text: string }).text },
    ]);
  });
});
