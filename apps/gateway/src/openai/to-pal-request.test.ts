import { createRegistry } from '@pal/core';
import { anthropic } from '@pal/provider-anthropic';
import { openai } from '@pal/provider-openai';
import { describe, expect, it } from 'vitest';
import { GatewayFailureError } from '../http/gateway-error.js';
import { chatRequestSchema } from './chat-request-schema.js';
import { toPalRequest } from './to-pal-request.js';

const registry = createRegistry();
registry.register(openai({ apiKey: 'sk-test', baseURL: 'http://127.0.0.1:9/v1' }));
registry.register(anthropic({ apiKey: 'sk-ant-test', baseURL: 'http://127.0.0.1:9' }));

const translate = (body: Record<string, unknown>) =>
  toPalRequest(
    chatRequestSchema.parse({
      model: 'openai/gpt-5.4-mini',
      messages: [{ role: 'user', content: 'Hi' }],
      ...body,
    }),
    registry,
  );

/** The 400 a translation throws: its field path and message. */
function refusal(body: Record<string, unknown>): { param: string; message: string } {
  try {
    translate(body);
  } catch (error) {
    if (!(error instanceof GatewayFailureError)) throw error;
    expect(error.status).toBe(400);
    expect(error.error.code).toBe('INVALID_REQUEST');
    return { param: (error.error.path ?? []).join('.'), message: error.error.message };
  }
  throw new Error('expected a 400');
}

describe('OpenAI chat request → PAL request', () => {
  it('translates messages: developer as system, images by URL and inline, tool calls and results', () => {
    const { request } = translate({
      messages: [
        { role: 'developer', content: [{ type: 'text', text: 'Be brief.' }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
            { type: 'image_url', image_url: { url: 'data:image/PNG;base64,iVBORw0KGgo=' } },
          ],
        },
        {
          role: 'assistant',
          content: null,
          refusal: null,
          annotations: [],
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'look', arguments: '{"at":"cat"}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: [{ type: 'text', text: 'a cat' }] },
      ],
    });
    expect(request.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'image', url: 'https://example.com/cat.png' },
          { type: 'image', mediaType: 'image/png', data: 'iVBORw0KGgo=' },
        ],
      },
      {
        role: 'assistant',
        content: [{ type: 'tool-call', id: 'call_1', name: 'look', arguments: { at: 'cat' } }],
      },
      { role: 'tool', toolCallId: 'call_1', content: [{ type: 'text', text: 'a cat' }] },
    ]);
  });

  it('translates sampling, limits, tools, tool_choice, response_format, reasoning and metadata', () => {
    const { request, stream, includeUsage, notes } = translate({
      temperature: 0.5,
      top_p: 0.9,
      max_tokens: 100,
      stop: 'END',
      seed: 7,
      presence_penalty: 0.1,
      frequency_penalty: -0.1,
      tools: [
        { type: 'function', function: { name: 'look', parameters: { type: 'object', properties: {} } } },
      ],
      tool_choice: { type: 'function', function: { name: 'look' } },
      response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object' } } },
      reasoning_effort: 'high',
      user: 'u-1',
      metadata: { team: 'search' },
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(request).toEqual({
      model: 'openai/gpt-5.4-mini',
      messages: [{ role: 'user', content: 'Hi' }],
      temperature: 0.5,
      topP: 0.9,
      maxOutputTokens: 100,
      stop: 'END',
      seed: 7,
      presencePenalty: 0.1,
      frequencyPenalty: -0.1,
      tools: [{ name: 'look', parameters: { type: 'object', properties: {} } }],
      toolChoice: { type: 'tool', name: 'look' },
      responseFormat: { type: 'json', name: 'answer', schema: { type: 'object' } },
      reasoning: { effort: 'high' },
      metadata: { team: 'search', user: 'u-1' },
    });
    expect({ stream, includeUsage, notes }).toEqual({ stream: true, includeUsage: true, notes: [] });
    expect(translate({ response_format: { type: 'json_object' } }).request.responseFormat).toEqual({
      type: 'json',
    });
    expect(translate({ max_completion_tokens: 5, max_tokens: 5 }).request.maxOutputTokens).toBe(5);
    expect(translate({ tool_choice: 'required' }).request.toolChoice).toBe('required');
  });

  it('treats null as unset and default values as no change', () => {
    const { request, notes } = translate({
      temperature: null,
      n: 1,
      logprobs: false,
      parallel_tool_calls: true,
      modalities: ['text'],
      audio: null,
      tools: null,
    });
    expect(request).toEqual({ model: 'openai/gpt-5.4-mini', messages: [{ role: 'user', content: 'Hi' }] });
    expect(notes).toEqual([]);
  });

  it('routes with PAL extensions: provider, provider_hint, fallbacks', () => {
    expect(translate({ model: 'gpt-5.4', provider: 'openai' }).request.model).toBe('openai/gpt-5.4');
    expect(translate({ model: 'auto', provider: 'anthropic' }).request.model).toBe('anthropic');
    expect(translate({ model: 'openai/gpt-5.4', provider: 'openai' }).request.model).toBe('openai/gpt-5.4');
    expect(
      translate({ provider_hint: 'cheapest', fallbacks: ['anthropic', 'openai/gpt-5.4'] }).route,
    ).toEqual({
      hint: 'cheapest',
      fallback: ['anthropic', 'openai/gpt-5.4'],
    });
    expect(translate({ fallbacks: [] }).route).toEqual({ fallback: false });
    expect(refusal({ provider: 'anthropic' }).param).toBe('provider');
    const fallback = refusal({ fallbacks: ['openai', 'openai/gpt-5.4-mnii'] });
    expect(fallback.param).toBe('fallbacks.1');
    expect(fallback.message).toContain('gpt-5.4-mnii');
  });

  it('refuses with a 400 naming the field what PAL cannot honour', () => {
    expect(refusal({ n: 3 })).toMatchObject({ param: 'n', message: expect.stringContaining('only n: 1') });
    expect(refusal({ top_logprobs: 2 }).param).toBe('top_logprobs');
    expect(refusal({ logit_bias: { '50256': -100 } }).param).toBe('logit_bias');
    expect(refusal({ modalities: ['text', 'audio'] }).param).toBe('modalities');
    expect(refusal({ functions: [{ name: 'f' }] }).param).toBe('functions');
    expect(refusal({ web_search_options: {} }).param).toBe('web_search_options');
    expect(refusal({ max_tokens: 10, max_completion_tokens: 20 }).param).toBe('max_tokens');
    expect(refusal({ tool_choice: { type: 'allowed_tools' } }).param).toBe('tool_choice.type');
    expect(refusal({ messages: [{ role: 'function', name: 'f', content: 'x' }] }).param).toBe(
      'messages.0.role',
    );
    expect(
      refusal({ messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: {} }] }] }).param,
    ).toBe('messages.0.content.0.type');
    expect(
      refusal({
        messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'ftp://x/y.png' } }] }],
      }).param,
    ).toBe('messages.0.content.0.image_url.url');
    expect(
      refusal({
        messages: [
          {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{oops' } }],
          },
        ],
      }).param,
    ).toBe('messages.0.tool_calls.0.function.arguments');
  });

  it('drops what changes nothing for the answer, with a note each', () => {
    const { notes, request } = translate({
      parallel_tool_calls: false,
      store: true,
      service_tier: 'flex',
      prompt_cache_key: 'k',
      reasoning_effort: 'minimal',
      tools: [{ type: 'function', function: { name: 'look', strict: true } }],
      response_format: { type: 'json_schema', json_schema: { name: 'a', strict: true } },
      messages: [
        { role: 'system', name: 'boss', content: 'Be brief.' },
        {
          role: 'user',
          content: [{ type: 'image_url', image_url: { url: 'https://e.com/a.png', detail: 'low' } }],
        },
      ],
    });
    expect(request.reasoning).toEqual({ effort: 'low' });
    expect(notes).toEqual([
      expect.stringContaining('parallel_tool_calls'),
      expect.stringContaining('store'),
      expect.stringContaining('service_tier'),
      expect.stringContaining('prompt_cache_key'),
      'messages.0.name was not sent (system messages carry no name in PAL)',
      'messages.1.content.0.image_url.detail was not sent',
      expect.stringContaining('tools.0.function.strict'),
      expect.stringContaining('response_format.json_schema.strict'),
      'reasoning_effort "minimal" was sent as "low"',
    ]);
  });
});
