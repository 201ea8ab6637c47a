import { describe, expect, it } from 'vitest';
import { GatewayFailureError } from '../http/gateway-error.js';
import { messagesRequestSchema } from './messages-request.js';
import { toPalRequest } from './to-pal-request.js';

const parse = (body: Record<string, unknown>) =>
  messagesRequestSchema.parse({ model: 'm', max_tokens: 100, ...body });
const translate = (body: Record<string, unknown>) => toPalRequest(parse(body), 'openai/gpt-5.4-mini');

describe('toPalRequest: Anthropic Messages → PAL', () => {
  it('turns system blocks into system messages and keeps tool results in the order given', () => {
    const { request } = translate({
      system: [
        { type: 'text', text: 'Be brief.' },
        { type: 'text', text: 'Use metric units.' },
      ],
      messages: [
        { role: 'user', content: 'Weather in Paris and Rome?' },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'Two cities.', signature: 'sig-1' },
            { type: 'text', text: 'Checking.' },
            { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
            { type: 'tool_use', id: 'toolu_2', name: 'get_weather', input: { city: 'Rome' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_1', content: '24°C' },
            {
              type: 'tool_result',
              tool_use_id: 'toolu_2',
              content: [{ type: 'text', text: '28°C' }],
              is_error: false,
            },
            { type: 'text', text: 'And tomorrow?' },
          ],
        },
      ],
    });
    expect(request.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'system', content: 'Use metric units.' },
      { role: 'user', content: 'Weather in Paris and Rome?' },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'Two cities.', signature: 'sig-1' },
          { type: 'text', text: 'Checking.' },
          { type: 'tool-call', id: 'toolu_1', name: 'get_weather', arguments: { city: 'Paris' } },
          { type: 'tool-call', id: 'toolu_2', name: 'get_weather', arguments: { city: 'Rome' } },
        ],
      },
      { role: 'tool', toolCallId: 'toolu_1', name: 'get_weather', content: '24°C' },
      { role: 'tool', toolCallId: 'toolu_2', name: 'get_weather', content: [{ type: 'text', text: '28°C' }] },
      { role: 'user', content: [{ type: 'text', text: 'And tomorrow?' }] },
    ]);
  });

  it('maps images (base64 and URL), tool_choice, thinking, sampling and metadata', () => {
    const { request, warnings } = translate({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
            { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
            { type: 'text', text: 'What is this?' },
          ],
        },
      ],
      tools: [{ name: 'lookup', input_schema: { type: 'object', properties: {} } }],
      tool_choice: { type: 'tool', name: 'lookup' },
      max_tokens: 4096,
      thinking: { type: 'enabled', budget_tokens: 2048 },
      temperature: 0.3,
      top_p: 0.9,
      top_k: 40,
      stop_sequences: ['END'],
      metadata: { user_id: 'u-1' },
    });
    expect(request).toMatchObject({
      model: 'openai/gpt-5.4-mini',
      maxOutputTokens: 4096,
      temperature: 0.3,
      topP: 0.9,
      topK: 40,
      stop: ['END'],
      toolChoice: { type: 'tool', name: 'lookup' },
      tools: [{ name: 'lookup', parameters: { type: 'object', properties: {} } }],
      reasoning: { budgetTokens: 2048 },
      metadata: { user: 'u-1' },
    });
    expect(request.messages[0]).toEqual({
      role: 'user',
      content: [
        { type: 'image', data: 'iVBORw0KGgo=', mediaType: 'image/png' },
        { type: 'image', url: 'https://example.com/cat.jpg' },
        { type: 'text', text: 'What is this?' },
      ],
    });
    expect(warnings).toEqual([]);
  });

  it('maps tool_choice any → required and none → none, and output_config.format → JSON output', () => {
    expect(
      translate({ messages: [{ role: 'user', content: 'x' }], tool_choice: { type: 'any' } }).request
        .toolChoice,
    ).toBe('required');
    expect(
      translate({ messages: [{ role: 'user', content: 'x' }], tool_choice: { type: 'none' } }).request
        .toolChoice,
    ).toBe('none');
    const schema = { type: 'object', properties: { a: { type: 'string' } } };
    const { request } = translate({
      messages: [{ role: 'user', content: 'x' }],
      output_config: { format: { type: 'json_schema', schema }, effort: 'low' },
    });
    expect(request.responseFormat).toEqual({ type: 'json', schema });
    expect(request.reasoning).toEqual({ effort: 'low' });
  });

  it('reports what it cannot honour as warnings, once each', () => {
    const { warnings, request } = translate({
      system: [{ type: 'text', text: 'S', cache_control: { type: 'ephemeral' } }],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'a', cache_control: { type: 'ephemeral' } }] },
        { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'shot', input: {} }] },
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: 't',
              content: [
                { type: 'text', text: 'screenshot:' },
                { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } },
              ],
            },
          ],
        },
      ],
      tool_choice: { type: 'auto', disable_parallel_tool_use: true },
      service_tier: 'auto',
      thinking: { type: 'adaptive' },
    });
    expect(warnings.map((w) => ('setting' in w ? w.setting : w.type))).toEqual([
      'cache_control',
      'tool_result.content',
      'service_tier',
      'thinking',
      'tool_choice.disable_parallel_tool_use',
    ]);
    // the tool's image is not lost: it follows the tool result as a user turn
    expect(request.messages.slice(-2)).toEqual([
      { role: 'tool', toolCallId: 't', name: 'shot', content: [{ type: 'text', text: 'screenshot:' }] },
      { role: 'user', content: [{ type: 'image', data: 'AAAA', mediaType: 'image/png' }] },
    ]);
    expect(request.reasoning).toEqual({});
  });

  it('passes redacted thinking back and drops an empty prefill turn', () => {
    const { request } = translate({
      messages: [
        { role: 'user', content: 'x' },
        { role: 'assistant', content: [{ type: 'redacted_thinking', data: 'opaque' }] },
        { role: 'user', content: 'y' },
        { role: 'assistant', content: '' },
      ],
    });
    expect(request.messages).toEqual([
      { role: 'user', content: 'x' },
      { role: 'assistant', content: [{ type: 'reasoning', text: '', redactedData: 'opaque' }] },
      { role: 'user', content: 'y' },
    ]);
  });

  it('refuses blocks in the wrong turn with the path of the block', () => {
    const wrong = () =>
      translate({
        messages: [
          { role: 'user', content: 'x' },
          {
            role: 'assistant',
            content: [{ type: 'image', source: { type: 'url', url: 'https://e.com/a.png' } }],
          },
        ],
      });
    expect(wrong).toThrow(GatewayFailureError);
    expect(wrong).toThrow(/messages\.1\.content\.0\.type: a image block belongs in a user turn/);
    expect(() => translate({ messages: [{ role: 'user', content: [] }] })).toThrow(/messages\.0\.content: /);
  });
});
