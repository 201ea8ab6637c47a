import type { ChatRequestInput, ProviderAdapter } from '@pal/core';
import { type Emulator, startEmulator } from '@pal/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openai } from './openai.js';
import { callContext, chatRequest, drainEvents, TEST_KEY } from './openai.test-support.js';
import { groq } from './presets.js';

let emu: Emulator;
let chatApi: ProviderAdapter;
let responsesApi: ProviderAdapter;
let compatible: ProviderAdapter;

beforeAll(async () => {
  emu = await startEmulator('openai');
  chatApi = openai({ apiKey: TEST_KEY, baseURL: `${emu.url}/v1` });
  responsesApi = openai({ apiKey: TEST_KEY, baseURL: `${emu.url}/v1`, api: 'responses' });
  compatible = groq({ apiKey: TEST_KEY, baseURL: `${emu.url}/v1` });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

/** The JSON body the emulator received for the last call. */
function sentBody(): Record<string, unknown> {
  return emu.lastRequest()?.body as Record<string, unknown>;
}

async function sendChat(adapter: ProviderAdapter, input: Partial<ChatRequestInput>) {
  await adapter.chat(chatRequest(input), callContext());
  return sentBody();
}

const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAcCBlCwAAAABJRU5ErkJggg==';

const conversation: ChatRequestInput['messages'] = [
  { role: 'system', content: 'You are terse.' },
  { role: 'user', content: 'Weather in Paris?' },
  {
    role: 'assistant',
    content: [
      { type: 'text', text: 'Checking.' },
      { type: 'tool-call', id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } },
    ],
  },
  { role: 'tool', toolCallId: 'call_1', content: '{"tempC":21}' },
  { role: 'user', content: 'And tomorrow?' },
];

const weatherTool = {
  name: 'get_weather',
  description: 'Current weather for a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

describe('Chat Completions request', () => {
  it('sends system, multi-turn history, assistant tool calls and tool results in order', async () => {
    const body = await sendChat(chatApi, { messages: conversation });
    expect(emu.lastRequest()?.path).toBe('/v1/chat/completions');
    expect(body.messages).toEqual([
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'Weather in Paris?' },
      {
        role: 'assistant',
        content: 'Checking.',
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '{"tempC":21}' },
      { role: 'user', content: 'And tomorrow?' },
    ]);
  });

  it('sends images as image_url parts: a URL as it is, base64 as a data: URL', async () => {
    const body = await sendChat(chatApi, {
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Compare' },
            { type: 'image', url: 'https://example.com/cat.png' },
            { type: 'image', data: PNG_BASE64, mediaType: 'image/png' },
          ],
        },
      ],
    });
    expect((body.messages as unknown[])[0]).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'Compare' },
        { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
        { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_BASE64}` } },
      ],
    });
  });

  it('sends sampling settings, tools, tool choice and the end-user id in OpenAI names', async () => {
    const body = await sendChat(chatApi, {
      temperature: 0.2,
      topP: 0.9,
      stop: 'END',
      seed: 7,
      presencePenalty: 0.5,
      frequencyPenalty: -0.5,
      tools: [weatherTool],
      toolChoice: { type: 'tool', name: 'get_weather' },
      metadata: { user: 'user-42' },
    });
    expect(body).toMatchObject({
      model: 'gpt-4o-mini',
      temperature: 0.2,
      top_p: 0.9,
      stop: ['END'],
      seed: 7,
      presence_penalty: 0.5,
      frequency_penalty: -0.5,
      user: 'user-42',
      tools: [{ type: 'function', function: weatherTool }],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
    });
  });

  it('OpenAI gets max_completion_tokens; an OpenAI-compatible host gets max_tokens', async () => {
    const openaiBody = await sendChat(chatApi, { maxOutputTokens: 64 });
    expect(openaiBody.max_completion_tokens).toBe(64);
    expect(openaiBody).not.toHaveProperty('max_tokens');
    const groqBody = await sendChat(compatible, { model: 'llama-3.3-70b-versatile', maxOutputTokens: 64 });
    expect(groqBody.max_tokens).toBe(64);
    expect(groqBody).not.toHaveProperty('max_completion_tokens');
  });

  it('streams ask for usage with stream_options.include_usage (OpenAI and compatible hosts)', async () => {
    for (const adapter of [chatApi, compatible]) {
      await drainEvents(adapter.stream(chatRequest({ model: 'llama-3.3-70b-versatile' }), callContext()));
      expect(sentBody()).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    }
    await sendChat(chatApi, {});
    expect(sentBody()).not.toHaveProperty('stream_options');
  });

  it('sends a JSON schema as response_format json_schema, and bare JSON mode as json_object', async () => {
    const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] };
    const body = await sendChat(chatApi, {
      responseFormat: { type: 'json', schema, name: 'reply', description: 'The reply' },
    });
    expect(body.response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'reply', description: 'The reply', schema },
    });
    expect((await sendChat(chatApi, { responseFormat: { type: 'json' } })).response_format).toEqual({
      type: 'json_object',
    });
  });

  it('sends reasoning effort as reasoning_effort', async () => {
    const body = await sendChat(chatApi, { model: 'o3-mini', reasoning: { effort: 'low' } });
    expect(body.reasoning_effort).toBe('low');
  });

  it("merges the provider's own providerOptions into the body, and ignores other providers'", async () => {
    const body = await sendChat(chatApi, {
      providerOptions: { openai: { store: true, logit_bias: { '50256': -100 } }, anthropic: { top_k: 3 } },
    });
    expect(body).toMatchObject({ store: true, logit_bias: { '50256': -100 } });
    expect(body).not.toHaveProperty('top_k');
    const groqBody = await sendChat(compatible, {
      model: 'llama-3.3-70b-versatile',
      providerOptions: { groq: { service_tier: 'flex' }, openai: { store: true } },
    });
    expect(groqBody.service_tier).toBe('flex');
    expect(groqBody).not.toHaveProperty('store');
  });

  it('sends the kernel headers from the call context', async () => {
    await chatApi.chat(chatRequest(), callContext({ headers: { traceparent: '00-abc-def-01' } }));
    expect(emu.lastRequest()?.headers.traceparent).toBe('00-abc-def-01');
  });
});

describe('Responses API request', () => {
  it('sends system as a developer message, tool calls and their outputs as items, images as input_image', async () => {
    await responsesApi.chat(
      chatRequest({
        messages: [
          ...conversation,
          {
            role: 'user',
            content: [
              { type: 'text', text: 'And this?' },
              { type: 'image', data: PNG_BASE64, mediaType: 'image/png' },
            ],
          },
        ],
        maxOutputTokens: 100,
      }),
      callContext(),
    );
    expect(emu.lastRequest()?.path).toBe('/v1/responses');
    const body = sentBody();
    expect(body.max_output_tokens).toBe(100);
    expect(body.input).toEqual([
      { role: 'developer', content: 'You are terse.' },
      { role: 'user', content: 'Weather in Paris?' },
      { role: 'assistant', content: 'Checking.' },
      { type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
      { type: 'function_call_output', call_id: 'call_1', output: '{"tempC":21}' },
      { role: 'user', content: 'And tomorrow?' },
      {
        role: 'user',
        content: [
          { type: 'input_text', text: 'And this?' },
          { type: 'input_image', detail: 'auto', image_url: `data:image/png;base64,${PNG_BASE64}` },
        ],
      },
    ]);
  });

  it('sends tools flat, tool choice by name, a JSON schema as text.format and reasoning effort', async () => {
    const schema = { type: 'object', properties: { answer: { type: 'string' } } };
    await responsesApi.chat(
      chatRequest({
        tools: [weatherTool],
        toolChoice: { type: 'tool', name: 'get_weather' },
        responseFormat: { type: 'json', schema, name: 'reply' },
        reasoning: { effort: 'high' },
        providerOptions: { openai: { store: false } },
      }),
      callContext(),
    );
    expect(sentBody()).toMatchObject({
      tools: [{ type: 'function', strict: false, ...weatherTool }],
      tool_choice: { type: 'function', name: 'get_weather' },
      text: { format: { type: 'json_schema', name: 'reply', schema, strict: false } },
      reasoning: { effort: 'high' },
      store: false,
    });
  });
});
