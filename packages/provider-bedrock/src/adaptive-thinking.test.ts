import { type ChatRequestInput, createRuntime, type Message } from '@pal/core';
import { CHAT_AND_STREAM, plainError } from '@pal/testkit';
import { describe, expect, it } from 'vitest';
import { adapterFor, callContext, chatRequest, useBedrockEmulator } from './bedrock.test-support.js';

const emulator = useBedrockEmulator();
/** The US inference profiles of Claude on Bedrock, by thinking generation. */
const SONNET_5 = 'us.anthropic.claude-sonnet-5-v1:0';
const SONNET_46 = 'us.anthropic.claude-sonnet-4-6';
const OPUS_46 = 'us.anthropic.claude-opus-4-6-v1';
const HAIKU_45 = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
const ADAPTIVE = { type: 'adaptive', display: 'summarized' };
const weather = {
  name: 'get_weather',
  description: 'Current weather',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
type Sent = { messages: Array<{ role: string; content: Array<Record<string, any>> }> } & Record<string, any>;
const sent = (call = -1) => emulator.current.requests.at(call)?.body as Sent;
const runtime = () =>
  createRuntime({ providers: [adapterFor(emulator.current)], policies: { retry: false } });

describe.each(CHAT_AND_STREAM)('Claude Sonnet 5 on Bedrock: adaptive thinking over %s', (_name, turnOf) => {
  it('sends reasoning.effort as adaptive thinking with output_config.effort, and returns the reasoning', async () => {
    const result = await turnOf(runtime())({
      model: `bedrock/${SONNET_5}`,
      messages: [{ role: 'user', content: 'Think, then answer.' }],
      reasoning: { effort: 'high' },
    });
    expect(sent().additionalModelRequestFields).toEqual({
      thinking: ADAPTIVE,
      output_config: { effort: 'high' },
    });
    expect(result.reasoning).toBe('Considering: Think, then answer.');
    expect(result.finishReason).toBe('stop');
  });

  it('round-trips the signed reasoning of a tool loop', async () => {
    const turn = turnOf(runtime());
    const call = { id: 'tooluse_oslo', name: 'get_weather', arguments: { city: 'Oslo' } };
    emulator.current.script({ reasoning: 'Oslo needs a lookup.', toolCalls: [call] }, { text: 'Cold.' });
    const question: Message = { role: 'user', content: 'Weather in Oslo?' };
    const ask = (messages: Message[]): ChatRequestInput => ({
      model: `bedrock/${SONNET_5}`,
      messages,
      tools: [weather],
      reasoning: { effort: 'medium' },
    });
    const first = await turn(ask([question]));
    const answer = await turn(
      ask([
        question,
        { role: 'assistant', content: first.content },
        { role: 'tool', toolCallId: call.id, content: 'cold' },
      ]),
    );
    expect(first.content[0]).toEqual({
      type: 'reasoning',
      text: 'Oslo needs a lookup.',
      signature: expect.any(String),
    });
    const signature = (first.content[0] as { signature: string }).signature;
    expect(sent().messages[1]?.content).toEqual([
      { reasoningContent: { reasoningText: { text: 'Oslo needs a lookup.', signature } } },
      { toolUse: { toolUseId: call.id, name: call.name, input: call.arguments } },
    ]);
    expect(answer.text).toBe('Cold.');
  });
});

describe('Claude thinking by model generation on Bedrock', () => {
  it('sends a thinking budget on Sonnet 5 as the nearest effort, and says so', async () => {
    const ctx = callContext();
    const result = await adapterFor(emulator.current)
      .chat(chatRequest({ model: SONNET_5, reasoning: { budgetTokens: 3000 } }), ctx)
      .catch(plainError);
    expect(result.content[0]).toMatchObject({
      type: 'reasoning',
      text: expect.stringMatching(/^Considering/),
    });
    expect(sent().additionalModelRequestFields).toEqual({
      thinking: ADAPTIVE,
      output_config: { effort: 'medium' },
    });
    expect(ctx.call.warnings).toEqual([
      {
        type: 'changed-setting',
        setting: 'reasoning.budgetTokens',
        details: expect.stringContaining('budgetTokens 3000 was sent as output_config.effort "medium"'),
      },
    ]);
  });

  it.each([OPUS_46, SONNET_46])('gives %s adaptive thinking', async (model) => {
    await adapterFor(emulator.current)
      .chat(chatRequest({ model, reasoning: { effort: 'low' } }), callContext())
      .catch(plainError);
    expect(sent().additionalModelRequestFields).toEqual({
      thinking: ADAPTIVE,
      output_config: { effort: 'low' },
    });
    await adapterFor(emulator.current)
      .chat(chatRequest({ model, reasoning: {} }), callContext())
      .catch(plainError);
    expect(sent().additionalModelRequestFields).toEqual({ thinking: ADAPTIVE });
  });

  it('keeps extended thinking (enabled + budget_tokens) on Haiku 4.5', async () => {
    await adapterFor(emulator.current)
      .chat(chatRequest({ model: HAIKU_45, reasoning: { effort: 'low' } }), callContext())
      .catch(plainError);
    expect(sent().additionalModelRequestFields).toEqual({
      thinking: { type: 'enabled', budget_tokens: 1024 },
    });
    expect(sent().inferenceConfig).toEqual({ maxTokens: 1024 + 4096 });
  });

  it('sends no temperature, topP or topK to Sonnet 5 and warns that the model refuses them, with or without thinking', async () => {
    for (const reasoning of [undefined, { effort: 'low' as const }]) {
      const ctx = callContext();
      const result = await adapterFor(emulator.current)
        .chat(
          chatRequest({
            model: SONNET_5,
            temperature: 0.3,
            topP: 0.8,
            topK: 4,
            maxOutputTokens: 500,
            ...(reasoning && { reasoning }),
          }),
          ctx,
        )
        .catch(plainError);
      expect(result.finishReason).toBe('stop');
      expect(sent().inferenceConfig).toEqual({ maxTokens: 500 });
      expect(sent().additionalModelRequestFields ?? {}).not.toHaveProperty('top_k');
      const details = expect.stringContaining('refuses sampling parameters');
      expect(ctx.call.warnings).toEqual([
        { type: 'unsupported-setting', setting: 'temperature', details },
        { type: 'unsupported-setting', setting: 'topK', details },
        { type: 'unsupported-setting', setting: 'topP', details },
      ]);
    }
  });

  it('reserves what it sends: the estimate is the maxTokens sent, with no budget raise on adaptive models', async () => {
    const pal = runtime();
    const ask = (model: string, extra: Partial<ChatRequestInput>): ChatRequestInput => ({
      model: `bedrock/${model}`,
      messages: [{ role: 'user', content: 'Hi' }],
      ...extra,
    });
    const cases: Array<[ChatRequestInput, number]> = [
      // no cap: the effort's nominal budget plus room for the answer (high without an effort)
      [ask(SONNET_5, { reasoning: { effort: 'low' } }), 1024 + 4096],
      [ask(SONNET_5, { reasoning: {} }), 16_384 + 4096],
      // a cap is sent as it is: no budget to stay above
      [ask(SONNET_5, { reasoning: { budgetTokens: 20_000 }, maxOutputTokens: 600 }), 600],
      [ask(OPUS_46, { reasoning: { effort: 'high' }, maxOutputTokens: 700 }), 700],
      // extended thinking still raises maxTokens above the budget
      [ask(HAIKU_45, { reasoning: { effort: 'medium' }, maxOutputTokens: 256 }), 4096 + 1024],
    ];
    for (const [request, expected] of cases) {
      const estimate = await pal.estimate(request);
      await pal.chat(request).catch(plainError);
      expect(sent().inferenceConfig.maxTokens).toBe(expected);
      expect(estimate.maxOutputTokens).toBe(expected);
    }
  });
});
