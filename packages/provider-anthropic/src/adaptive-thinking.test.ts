import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChatRequestInput, createRuntime, type Message } from '@pal/core';
import { CHAT_AND_STREAM, type Emulator, startEmulator } from '@pal/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { anthropic } from './anthropic.js';
import { callContext, chatRequest } from './test-support.test-helper.js';

let emu: Emulator;
let warnSpy: ReturnType<typeof vi.spyOn>;
beforeAll(async () => {
  emu = await startEmulator('anthropic');
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.reset();
  warnSpy = vi.spyOn(console, 'warn');
});
afterEach(() => warnSpy.mockRestore());

const adapter = () => anthropic({ apiKey: 'sk-ant-adaptive-0001', baseURL: emu.url });
const runtime = () => createRuntime({ providers: [adapter()], policies: { retry: false } });
type Sent = Record<string, any>;
const sent = (call = -1) => emu.requests.at(call)?.body as Sent;
const weather = {
  name: 'get_weather',
  description: 'Current weather',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const ADAPTIVE = { type: 'adaptive', display: 'summarized' };

describe.each(CHAT_AND_STREAM)('Claude 4.7+ adaptive thinking over %s', (_name, turnOf) => {
  it.each(['claude-opus-4-7', 'claude-sonnet-5'])(
    'sends reasoning.effort on %s as adaptive thinking with output_config.effort, and returns the reasoning',
    async (model) => {
      const result = await turnOf(runtime())({
        model: `anthropic/${model}`,
        messages: [{ role: 'user', content: 'Think, then answer.' }],
        reasoning: { effort: 'high' },
      });
      expect(sent().thinking).toEqual(ADAPTIVE);
      expect(sent().output_config).toEqual({ effort: 'high' });
      expect(result.reasoning).toBe('Considering: Think, then answer.');
      expect(result.finishReason).toBe('stop');
      expect(warnSpy).not.toHaveBeenCalled();
    },
  );

  it('round-trips the signed thinking of a tool loop on claude-opus-4-7', async () => {
    const turn = turnOf(runtime());
    const call = { id: 'toolu_paris', name: 'get_weather', arguments: { city: 'Paris' } };
    emu.script({ reasoning: 'Paris needs a lookup.', toolCalls: [call] }, { text: 'Sunny in Paris.' });
    const question: Message = { role: 'user', content: 'Weather in Paris?' };
    const ask = (messages: Message[]): ChatRequestInput => ({
      model: 'anthropic/claude-opus-4-7',
      messages,
      tools: [weather],
      reasoning: { effort: 'low' },
    });
    const first = await turn(ask([question]));
    const answer = await turn(
      ask([
        question,
        { role: 'assistant', content: first.content },
        { role: 'tool', toolCallId: call.id, content: 'sunny' },
      ]),
    );
    expect(first.content[0]).toEqual({
      type: 'reasoning',
      text: 'Paris needs a lookup.',
      signature: expect.stringMatching(/^Eq/),
    });
    const signature = (first.content[0] as { signature: string }).signature;
    expect(sent().messages[1].content).toEqual([
      { type: 'thinking', thinking: 'Paris needs a lookup.', signature },
      { type: 'tool_use', id: call.id, name: call.name, input: call.arguments },
    ]);
    expect(answer.text).toBe('Sunny in Paris.');
  });

  it('keeps a thinking block with an empty text (display omitted) and sends it back with its signature', async () => {
    // a recorded-style answer of Claude 4.7+ with the thinking display omitted: signature only
    const message = {
      id: 'msg_omitted',
      type: 'message',
      role: 'assistant',
      model: 'claude-opus-4-7',
      content: [
        { type: 'thinking', thinking: '', signature: 'EqOmittedSignature==' },
        { type: 'tool_use', id: 'toolu_rome', name: 'get_weather', input: { city: 'Rome' } },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: { input_tokens: 10, output_tokens: 40 },
    };
    const file = join(mkdtempSync(join(tmpdir(), 'pal-omitted-')), 'omitted.json');
    writeFileSync(file, JSON.stringify(message));
    emu.replayFixture(file);
    const turn = turnOf(runtime());
    const question: Message = { role: 'user', content: 'Weather in Rome?' };
    const ask = (messages: Message[]): ChatRequestInput => ({
      model: 'anthropic/claude-opus-4-7',
      messages,
      tools: [weather],
      reasoning: {},
    });
    const first = await turn(ask([question]));
    expect(first.content[0]).toEqual({ type: 'reasoning', text: '', signature: 'EqOmittedSignature==' });
    emu.script({ text: 'Warm in Rome.' });
    const answer = await turn(
      ask([
        question,
        { role: 'assistant', content: first.content },
        { role: 'tool', toolCallId: 'toolu_rome', content: 'warm' },
      ]),
    );
    expect(sent().messages[1].content[0]).toEqual({
      type: 'thinking',
      thinking: '',
      signature: 'EqOmittedSignature==',
    });
    expect(answer.text).toBe('Warm in Rome.');
  });
});

describe('Claude thinking by model generation on Anthropic', () => {
  it('sends a thinking budget on Claude 4.7+ as the nearest effort, and says so', async () => {
    for (const [budgetTokens, effort] of [
      [1024, 'low'],
      [4096, 'medium'],
      [10_000, 'high'],
    ] as const) {
      const ctx = callContext();
      const result = await adapter().chat(
        chatRequest({ model: 'claude-sonnet-5', reasoning: { budgetTokens } }),
        ctx,
      );
      expect(result.content[0]).toMatchObject({
        type: 'reasoning',
        text: expect.stringMatching(/^Considering/),
      });
      expect(sent().thinking).toEqual(ADAPTIVE);
      expect(sent().output_config).toEqual({ effort });
      expect(ctx.call.warnings).toEqual([
        {
          type: 'changed-setting',
          setting: 'reasoning.budgetTokens',
          details: expect.stringContaining(
            `budgetTokens ${budgetTokens} was sent as output_config.effort "${effort}"`,
          ),
        },
      ]);
    }
  });

  it.each(['claude-opus-4-6', 'claude-sonnet-4-6'])(
    'gives %s adaptive thinking, without the SDK deprecation warning',
    async (model) => {
      await adapter().chat(chatRequest({ model, reasoning: { effort: 'medium' } }), callContext());
      expect(sent().thinking).toEqual(ADAPTIVE);
      expect(sent().output_config).toEqual({ effort: 'medium' });
      // reasoning: {} thinks adaptively at the API's default effort
      await adapter().chat(chatRequest({ model, reasoning: {} }), callContext());
      expect(sent().thinking).toEqual(ADAPTIVE);
      expect(sent()).not.toHaveProperty('output_config');
      expect(warnSpy).not.toHaveBeenCalled();
    },
  );

  it('keeps extended thinking (enabled + budget_tokens) on claude-haiku-4-5', async () => {
    const result = await adapter().chat(
      chatRequest({ model: 'claude-haiku-4-5', reasoning: { effort: 'low' } }),
      callContext(),
    );
    expect(sent().thinking).toEqual({ type: 'enabled', budget_tokens: 1024 });
    expect(sent()).not.toHaveProperty('output_config');
    expect(result.content[0]).toMatchObject({ type: 'reasoning' });
  });

  it('does not send a temperature to claude-opus-4-7 and warns that the model refuses it, with or without thinking', async () => {
    for (const reasoning of [undefined, { effort: 'low' as const }]) {
      const ctx = callContext();
      await adapter().chat(
        chatRequest({
          model: 'claude-opus-4-7',
          temperature: 0.3,
          topP: 0.8,
          ...(reasoning && { reasoning }),
        }),
        ctx,
      );
      expect(sent()).not.toHaveProperty('temperature');
      expect(sent()).not.toHaveProperty('top_p');
      expect(ctx.call.warnings).toEqual([
        {
          type: 'unsupported-setting',
          setting: 'temperature',
          details: expect.stringContaining('refuses sampling parameters'),
        },
        {
          type: 'unsupported-setting',
          setting: 'topP',
          details: expect.stringContaining('refuses sampling parameters'),
        },
      ]);
    }
  });

  it('reserves what it sends: the estimate is the max_tokens sent, with no budget raise on adaptive models', async () => {
    const pal = runtime();
    const cases: ChatRequestInput[] = [
      {
        model: 'anthropic/claude-opus-4-7',
        messages: [{ role: 'user', content: 'Hi' }],
        reasoning: { effort: 'high' },
      },
      {
        model: 'anthropic/claude-sonnet-5',
        messages: [{ role: 'user', content: 'Hi' }],
        reasoning: { budgetTokens: 20_000 },
        maxOutputTokens: 2000,
      },
      {
        model: 'anthropic/claude-haiku-4-5',
        messages: [{ role: 'user', content: 'Hi' }],
        reasoning: { effort: 'high' },
        maxOutputTokens: 256,
      },
    ];
    const sentMax: number[] = [];
    for (const request of cases) {
      const estimate = await pal.estimate(request);
      await pal.chat(request);
      sentMax.push(sent().max_tokens);
      expect(estimate.maxOutputTokens).toBe(sent().max_tokens);
    }
    // adaptive: maxOutputTokens as it is (2000, not budget + 1024); extended thinking: raised above the budget
    expect(sentMax.slice(1)).toEqual([2000, 16_384 + 1024]);
  });
});
