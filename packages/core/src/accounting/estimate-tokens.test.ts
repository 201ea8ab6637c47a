import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_OUTPUT_TOKENS, estimateTextTokens, estimateTokens } from './estimate-tokens.js';
import { chatRequest, fakeModel } from '../policies/fake-next.test-support.js';
import { DEFAULT_IMAGE_TOKENS } from './image-tokens.js';

describe('estimateTextTokens', () => {
  it('counts about four characters per token, rounding up', () => {
    expect(estimateTextTokens('')).toBe(0);
    expect(estimateTextTokens('abcd')).toBe(1);
    expect(estimateTextTokens('abcde')).toBe(2);
    expect(estimateTextTokens('x'.repeat(400))).toBe(100);
  });
});

describe('estimateTokens', () => {
  it('adds a per-message overhead and reply priming to the text', () => {
    const one = estimateTokens(chatRequest('x'.repeat(40)));
    expect(one.inputTokens).toBe(3 + 4 + 10);
    const two = estimateTokens({
      model: 'm1',
      messages: [
        { role: 'system', content: 'x'.repeat(8) },
        { role: 'user', content: 'x'.repeat(40), name: 'alice' },
      ],
    });
    expect(two.inputTokens).toBe(3 + 4 + 2 + 4 + 10 + 2);
  });

  it('counts parts of every kind: text, reasoning, tool calls, tool results', () => {
    const estimate = estimateTokens({
      model: 'm1',
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'x'.repeat(20) }] },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'y'.repeat(8) },
            { type: 'tool-call', id: 'c1', name: 'get', arguments: { a: 1 } },
          ],
        },
        { role: 'tool', toolCallId: 'c1', content: 'z'.repeat(12) },
      ],
    });
    // 3 priming + 3 × 4 overhead + 5 + 2 + ceil(('get' + '{"a":1}').length / 4) + 3
    expect(estimate.inputTokens).toBe(3 + 12 + 5 + 2 + 3 + 3);
  });

  it('counts tool definitions and a JSON response schema', () => {
    const base = estimateTokens(chatRequest('hi')).inputTokens;
    const parameters = { type: 'object', properties: { city: { type: 'string' } } };
    const withTools = estimateTokens(
      chatRequest('hi', {
        tools: [{ name: 'weather', description: 'Gets the weather', parameters }],
        responseFormat: { type: 'json', schema: parameters },
      }),
    ).inputTokens;
    const toolTokens =
      8 + Math.ceil('weatherGets the weather'.length / 4) + Math.ceil(JSON.stringify(parameters).length / 4);
    expect(withTools - base).toBe(toolTokens + Math.ceil(JSON.stringify(parameters).length / 4));
  });

  it('counts images by size when known and as a large image otherwise', () => {
    const byUrl = estimateTokens({
      model: 'm1',
      messages: [{ role: 'user', content: [{ type: 'image', url: 'https://example.com/cat.png' }] }],
    });
    expect(byUrl.inputTokens).toBe(3 + 4 + DEFAULT_IMAGE_TOKENS);
  });

  it('takes the output cap from the request, then the model, then a default', () => {
    expect(estimateTokens(chatRequest('hi', { maxOutputTokens: 100 }), fakeModel('m1')).maxOutputTokens).toBe(
      100,
    );
    expect(estimateTokens(chatRequest('hi'), fakeModel('m1')).maxOutputTokens).toBe(16_384);
    expect(estimateTokens(chatRequest('hi')).maxOutputTokens).toBe(DEFAULT_MAX_OUTPUT_TOKENS);
    expect(
      estimateTokens(chatRequest('hi'), { ...fakeModel('m1'), maxOutputTokens: 0 }).maxOutputTokens,
    ).toBe(DEFAULT_MAX_OUTPUT_TOKENS);
  });
});
