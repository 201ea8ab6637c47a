import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { generateText, jsonSchema, stepCountIs, streamText, tool } from 'ai';
import { describe, expect, it } from 'vitest';
import { useGateway } from './openai-gateway.test-support.js';

const gateway = useGateway();
const pal = () =>
  createOpenAICompatible({ name: 'pal', baseURL: `${gateway.url}/v1`, apiKey: 'any', includeUsage: true });

describe("the AI SDK's OpenAI-compatible provider against the gateway", () => {
  it('generateText', async () => {
    gateway.openai.script({ text: 'Bonjour.', usage: { inputTokens: 9, outputTokens: 2 } });
    const result = await generateText({
      model: pal().chatModel('openai/gpt-5.4-mini'),
      system: 'Answer in French.',
      prompt: 'Say hello',
      maxRetries: 0,
    });
    expect(result.text).toBe('Bonjour.');
    expect(result.finishReason).toBe('stop');
    expect(result.usage).toMatchObject({ inputTokens: 9, outputTokens: 2, totalTokens: 11 });
    expect(result.response.modelId).toBe('openai/gpt-5.4-mini');
    expect(result.response.headers?.['x-pal-provider']).toBe('openai');
    const sent = gateway.openai.lastRequest()?.body as { messages: Array<{ role: string }> };
    expect(sent.messages.map((m) => m.role)).toEqual(['system', 'user']);
  });

  it('generateText with a tool, through the Anthropic provider (two steps)', async () => {
    const result = await generateText({
      model: pal().chatModel('anthropic/claude-haiku-4-5'),
      prompt: 'Use get_weather for Paris',
      tools: {
        get_weather: tool({
          description: 'The weather in a city',
          inputSchema: jsonSchema<{ city: string }>({
            type: 'object',
            properties: { city: { type: 'string' } },
            required: ['city'],
          }),
          execute: async ({ city }) => `sunny in ${city}`,
        }),
      },
      stopWhen: stepCountIs(2),
      maxRetries: 0,
    });
    expect(result.steps).toHaveLength(2);
    expect(result.steps[0]?.toolCalls[0]).toMatchObject({
      toolName: 'get_weather',
      input: { city: 'Paris' },
    });
    expect(result.steps[0]?.toolResults[0]?.output).toBe('sunny in Paris');
    expect(result.text).toMatch(/^Tool result received: /);
    // the second request carried the tool result back to Anthropic
    const sent = JSON.stringify(gateway.anthropic.lastRequest()?.body);
    expect(sent).toContain('tool_result');
    expect(sent).toContain('sunny in Paris');
  });

  it('streamText, with usage', async () => {
    gateway.openai.script({ text: 'one two three', chunks: 3, usage: { inputTokens: 4, outputTokens: 3 } });
    const result = streamText({
      model: pal().chatModel('openai/gpt-5.4-mini'),
      prompt: 'Count',
      maxRetries: 0,
    });
    const pieces: string[] = [];
    for await (const piece of result.textStream) pieces.push(piece);
    expect(pieces.join('')).toBe('one two three');
    expect(pieces.length).toBeGreaterThan(1);
    expect(await result.finishReason).toBe('stop');
    expect(await result.usage).toMatchObject({ inputTokens: 4, outputTokens: 3, totalTokens: 7 });
  });

  it('streamText reports an unknown model as an error in OpenAI shape', async () => {
    const errors: unknown[] = [];
    const result = streamText({
      model: pal().chatModel('openai/gpt-9-nope'),
      prompt: 'Hi',
      maxRetries: 0,
      onError: ({ error }) => {
        errors.push(error);
      },
    });
    await result.consumeStream();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ statusCode: 404 });
    expect(JSON.parse((errors[0] as { responseBody: string }).responseBody).error.code).toBe(
      'MODEL_NOT_FOUND',
    );
  });
});
