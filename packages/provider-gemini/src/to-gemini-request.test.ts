import { type ChatRequest, isPalError } from '@pal/core';
import { describe, expect, it } from 'vitest';
import { toGeminiRequest } from './to-gemini-request.js';

const base = (overrides: Partial<ChatRequest>): ChatRequest =>
  ({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'Hi' }], ...overrides }) as ChatRequest;

function thrown(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    expect(isPalError(error)).toBe(true);
    return error as { code: string; path?: unknown[]; message: string };
  }
  throw new Error('expected a throw');
}

describe('toGeminiRequest', () => {
  it('puts system messages into systemInstruction and maps assistant to model', () => {
    const body = toGeminiRequest(
      base({
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'system', content: 'Answer in French.' },
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Salut' },
          { role: 'user', content: 'Ça va?' },
        ],
      }),
      'gemini',
    );
    expect(body.systemInstruction).toEqual({ parts: [{ text: 'Be brief.\n\nAnswer in French.' }] });
    expect(body.contents.map((c) => c.role)).toEqual(['user', 'model', 'user']);
  });

  it('turns tool calls into functionCall parts and tool results into one user turn of functionResponses', () => {
    const body = toGeminiRequest(
      base({
        messages: [
          { role: 'user', content: 'Weather in Paris and Rome?' },
          {
            role: 'assistant',
            content: [
              { type: 'tool-call', id: 'call_0', name: 'get_weather', arguments: { city: 'Paris' } },
              { type: 'tool-call', id: 'call_1', name: 'get_weather', arguments: { city: 'Rome' } },
            ],
          },
          { role: 'tool', toolCallId: 'call_0', content: '{"temp":21}' },
          { role: 'tool', toolCallId: 'call_1', content: 'sunny', isError: false },
        ],
      }),
      'gemini',
    );
    expect(body.contents[1]).toEqual({
      role: 'model',
      parts: [
        { functionCall: { name: 'get_weather', args: { city: 'Paris' } } },
        { functionCall: { name: 'get_weather', args: { city: 'Rome' } } },
      ],
    });
    expect(body.contents[2]).toEqual({
      role: 'user',
      parts: [
        { functionResponse: { name: 'get_weather', response: { temp: 21 } } },
        { functionResponse: { name: 'get_weather', response: { result: 'sunny' } } },
      ],
    });
  });

  it('refuses a tool result that answers no earlier call and has no name, naming the path', () => {
    const error = thrown(() =>
      toGeminiRequest(base({ messages: [{ role: 'tool', toolCallId: 'call_9', content: 'x' }] }), 'gemini'),
    );
    expect(error.code).toBe('INVALID_REQUEST');
    expect(error.path).toEqual(['messages', 0, 'name']);
  });

  it('wraps an error tool result as { error }', () => {
    const body = toGeminiRequest(
      base({ messages: [{ role: 'tool', toolCallId: 'x', name: 'f', content: 'boom', isError: true }] }),
      'gemini',
    );
    expect(body.contents[0]!.parts[0]).toEqual({
      functionResponse: { name: 'f', response: { error: 'boom' } },
    });
  });

  it('sends images inline (base64 or data: URL) and refuses http URLs with UNSUPPORTED_CAPABILITY', () => {
    const body = toGeminiRequest(
      base({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is this?' },
              { type: 'image', data: 'AAAA', mediaType: 'image/png' },
              { type: 'image', url: 'data:image/jpeg;base64,BBBB' },
            ],
          },
        ],
      }),
      'gemini',
    );
    expect(body.contents[0]!.parts.slice(1)).toEqual([
      { inlineData: { mimeType: 'image/png', data: 'AAAA' } },
      { inlineData: { mimeType: 'image/jpeg', data: 'BBBB' } },
    ]);
    const error = thrown(() =>
      toGeminiRequest(
        base({
          messages: [{ role: 'user', content: [{ type: 'image', url: 'https://example.com/cat.png' }] }],
        }),
        'gemini',
      ),
    );
    expect(error.code).toBe('UNSUPPORTED_CAPABILITY');
    expect(error.path).toEqual(['messages', 0, 'content', 0]);
  });

  it('maps tools, toolChoice, sampling, JSON output and reasoning', () => {
    const body = toGeminiRequest(
      base({
        tools: [
          {
            name: 'get_weather',
            description: 'Weather',
            parameters: {
              $schema: 'http://json-schema.org/draft-07/schema#',
              type: 'object',
              properties: { city: { type: 'string' } },
              required: ['city'],
              additionalProperties: false,
            },
          },
          { name: 'now', parameters: { type: 'object', properties: {} } },
        ],
        toolChoice: { type: 'tool', name: 'get_weather' },
        temperature: 0.2,
        topP: 0.9,
        topK: 40,
        maxOutputTokens: 256,
        stop: ['END'],
        seed: 7,
        responseFormat: { type: 'json', schema: { type: 'object', properties: { a: { type: 'integer' } } } },
        reasoning: { effort: 'low' },
      }),
      'gemini',
    );
    expect(body.tools).toEqual([
      {
        functionDeclarations: [
          {
            name: 'get_weather',
            description: 'Weather',
            parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
          },
          { name: 'now' },
        ],
      },
    ]);
    expect(body.toolConfig).toEqual({
      functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_weather'] },
    });
    expect(body.generationConfig).toEqual({
      temperature: 0.2,
      topP: 0.9,
      topK: 40,
      maxOutputTokens: 256,
      stopSequences: ['END'],
      seed: 7,
      responseMimeType: 'application/json',
      responseSchema: { type: 'object', properties: { a: { type: 'integer' } } },
      thinkingConfig: { thinkingBudget: 1024, includeThoughts: true },
    });
  });

  it.each([
    ['auto', 'AUTO'],
    ['none', 'NONE'],
    ['required', 'ANY'],
  ] as const)('toolChoice %s → mode %s', (choice, mode) => {
    const body = toGeminiRequest(
      base({ tools: [{ name: 'f', parameters: {} }], toolChoice: choice }),
      'gemini',
    );
    expect(body.toolConfig).toEqual({ functionCallingConfig: { mode } });
  });

  it('merges providerOptions on top, generationConfig field by field', () => {
    const body = toGeminiRequest(
      base({
        temperature: 0.5,
        providerOptions: {
          gemini: {
            safetySettings: [{ category: 'HARM_CATEGORY_HATE_SPEECH', threshold: 'BLOCK_NONE' }],
            generationConfig: { candidateCount: 1 },
          },
        },
      }),
      'gemini',
    );
    expect(body.safetySettings).toHaveLength(1);
    expect(body.generationConfig).toEqual({ temperature: 0.5, candidateCount: 1 });
  });
});
