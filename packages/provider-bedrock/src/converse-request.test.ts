import { type ChatRequestInput, isPalError } from '@pal/core';
import { chatRequestSchema } from '@pal/core/provider';
import { describe, expect, it } from 'vitest';
import { toConverseInput } from './converse-request.js';

const tool = { name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } };
const translate = (input: Partial<ChatRequestInput>) =>
  toConverseInput(
    chatRequestSchema.parse({
      model: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
      messages: [{ role: 'user', content: 'Hi' }],
      ...input,
    }),
  );

describe('toConverseInput', () => {
  it('maps every tool choice', () => {
    expect(translate({ tools: [tool] }).toolConfig).toEqual({
      tools: [
        { toolSpec: { name: 'lookup', description: undefined, inputSchema: { json: tool.parameters } } },
      ],
    });
    expect(translate({ tools: [tool], toolChoice: 'auto' }).toolConfig?.toolChoice).toEqual({ auto: {} });
    expect(translate({ tools: [tool], toolChoice: 'required' }).toolConfig?.toolChoice).toEqual({ any: {} });
    expect(
      translate({ tools: [tool], toolChoice: { type: 'tool', name: 'lookup' } }).toolConfig?.toolChoice,
    ).toEqual({
      tool: { name: 'lookup' },
    });
  });

  it('drops tools under toolChoice "none" unless the history holds tool results', () => {
    expect(translate({ tools: [tool], toolChoice: 'none' }).toolConfig).toBeUndefined();
    const withHistory = translate({
      tools: [tool],
      toolChoice: 'none',
      messages: [
        { role: 'user', content: 'Find x' },
        {
          role: 'assistant',
          content: [{ type: 'tool-call', id: 't1', name: 'lookup', arguments: { q: 'x' } }],
        },
        { role: 'tool', toolCallId: 't1', content: 'found' },
      ],
    });
    expect(withHistory.toolConfig?.tools).toHaveLength(1);
    expect(withHistory.toolConfig?.toolChoice).toBeUndefined();
  });

  it('adds the forced JSON tool after the caller tools', () => {
    const config = translate({ tools: [tool], responseFormat: { type: 'json' } }).toolConfig;
    expect(config?.tools?.map((t) => t.toolSpec?.name)).toEqual(['lookup', 'json_response']);
    expect(config?.toolChoice).toEqual({ tool: { name: 'json_response' } });
  });

  it('leaves out messages with no content (Converse refuses empty turns) and merges the turns around them', () => {
    const { messages } = translate({
      messages: [
        { role: 'user', content: 'one' },
        { role: 'assistant', content: '' },
        { role: 'user', content: 'two' },
      ],
    });
    expect(messages).toEqual([{ role: 'user', content: [{ text: 'one' }, { text: 'two' }] }]);
  });

  it('folds the system prompt into the first user turn for models without system support', () => {
    const input = translate({
      model: 'mistral.mixtral-8x7b-instruct-v0:1',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
    });
    expect(input.system).toBeUndefined();
    expect(input.messages?.[0]?.content).toEqual([{ text: 'Be brief.' }, { text: 'Hi' }]);
  });

  it('sends image/jpg as jpeg and refuses other media types with the part path', () => {
    const image = (mediaType: string) =>
      translate({ messages: [{ role: 'user', content: [{ type: 'image', data: 'AAAA', mediaType }] }] });
    expect(image('image/jpg').messages?.[0]?.content?.[0]?.image?.format).toBe('jpeg');
    let error: unknown;
    try {
      image('image/tiff');
    } catch (caught) {
      error = caught;
    }
    expect(isPalError(error) && error.code).toBe('UNSUPPORTED_CAPABILITY');
    expect(isPalError(error) && error.path).toEqual(['messages', 0, 'content', 0]);
  });

  it('sends an image given as a base64 data: URL as bytes', () => {
    const { messages } = translate({
      messages: [{ role: 'user', content: [{ type: 'image', url: 'data:image/jpeg;base64,/9j/4AAQ' }] }],
    });
    const bytes = Buffer.from('/9j/4AAQ', 'base64');
    expect(messages?.[0]?.content).toEqual([{ image: { format: 'jpeg', source: { bytes } } }]);
  });

  it('maps effort to a thinking budget for Claude only, and merges providerOptions.bedrock', () => {
    const claude = translate({
      reasoning: { effort: 'low' },
      providerOptions: {
        bedrock: { additionalModelRequestFields: { foo: 1 }, guardrailConfig: { guardrailIdentifier: 'g' } },
      },
    });
    expect(claude.additionalModelRequestFields).toEqual({
      thinking: { type: 'enabled', budget_tokens: 1024 },
      foo: 1,
    });
    expect(claude.inferenceConfig?.maxTokens).toBe(1024 + 4096);
    expect(claude.guardrailConfig).toEqual({ guardrailIdentifier: 'g' });
    // top_k goes to Claude only with thinking off (Claude refuses top_k with thinking on)
    expect(translate({ topK: 5 }).additionalModelRequestFields).toEqual({ top_k: 5 });
    expect(translate({ topK: 5, reasoning: {} }).additionalModelRequestFields).toEqual({
      thinking: { type: 'enabled', budget_tokens: 4096 },
    });
    const nova = translate({ model: 'amazon.nova-pro-v1:0', reasoning: { effort: 'high' } });
    expect(nova.additionalModelRequestFields).toBeUndefined();
  });
});
