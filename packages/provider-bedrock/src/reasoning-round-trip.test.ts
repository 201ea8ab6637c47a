import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChatRequestInput, createRuntime, type Message } from '@pal/core';
import { CHAT_AND_STREAM, plainError } from '@pal/testkit';
import { describe, expect, it } from 'vitest';
import { adapterFor, callContext, chatRequest, collect, useBedrockEmulator } from './bedrock.test-support.js';

const emulator = useBedrockEmulator();
/** A Claude model whose catalog entry reasons (the runtime keeps `reasoning` for it). */
const CLAUDE = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
/** Anthropic's documented test prompt: Claude with thinking on answers it with redacted thinking. */
const REDACTED_TRIGGER =
  'ANTHROPIC_MAGIC_STRING_TRIGGER_REDACTED_THINKING_46C9A13E193C177646C7398A98432ECCCE4C1253D5E2D82641AC0E52CC2876CB';
const weather = {
  name: 'get_weather',
  description: 'Current weather',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
type Sent = { messages: Array<{ role: string; content: Array<Record<string, any>> }> } & Record<string, any>;
const sent = (call: number) => emulator.current.requests[call]?.body as Sent;

const runtime = () =>
  createRuntime({ providers: [adapterFor(emulator.current)], policies: { retry: false } });

describe.each(CHAT_AND_STREAM)('Claude reasoning round trip over %s', (_name, turnOf) => {
  it('sends redacted reasoning back before its toolUse: call → tool result → answer', async () => {
    const pal = runtime();
    const turn = turnOf(pal);
    const call = { id: 'tooluse_paris', name: 'get_weather', arguments: { city: 'Paris' } };
    emulator.current.script({ toolCalls: [call] }, { text: 'It is sunny in Paris.' });
    const question: Message = { role: 'user', content: `${REDACTED_TRIGGER} What is the weather in Paris?` };
    const ask = (messages: Message[]): ChatRequestInput => ({
      model: `bedrock/${CLAUDE}`,
      messages,
      tools: [weather],
      reasoning: { budgetTokens: 2048 },
    });

    const first = await turn(ask([question]));
    const answer = await turn(
      ask([
        question,
        { role: 'assistant', content: first.content },
        { role: 'tool', toolCallId: call.id, content: '{"sky":"sunny"}' },
      ]),
    );

    expect(first.content).toEqual([
      { type: 'reasoning', text: '', redactedData: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/) },
      { type: 'tool-call', ...call },
    ]);
    const redacted = first.content[0]?.type === 'reasoning' ? first.content[0].redactedData : undefined;
    // the bytes go back as they came (base64 in the JSON body), in their place before the toolUse
    expect(sent(1).messages[1]).toEqual({
      role: 'assistant',
      content: [
        { reasoningContent: { redactedContent: redacted } },
        { toolUse: { toolUseId: call.id, name: call.name, input: call.arguments } },
      ],
    });
    expect(answer.text).toBe('It is sunny in Paris.');
    expect(answer.finishReason).toBe('stop');
  });

  it('sends signed and redacted reasoning back unchanged and in their order', async () => {
    const pal = runtime();
    const turn = turnOf(pal);
    const call = { id: 'tooluse_rome', name: 'get_weather', arguments: { city: 'Rome' } };
    emulator.current.script({ reasoning: 'Rome needs a lookup.', toolCalls: [call] }, { text: 'Warm.' });
    const question: Message = { role: 'user', content: `${REDACTED_TRIGGER} Weather in Rome?` };
    const ask = (messages: Message[]): ChatRequestInput => ({
      model: `bedrock/${CLAUDE}`,
      messages,
      tools: [weather],
      reasoning: { budgetTokens: 2048 },
    });

    const first = await turn(ask([question]));
    await turn(
      ask([
        question,
        { role: 'assistant', content: first.content },
        { role: 'tool', toolCallId: call.id, content: 'warm' },
      ]),
    );

    expect(first.content).toEqual([
      { type: 'reasoning', text: 'Rome needs a lookup.', signature: expect.any(String) },
      { type: 'reasoning', text: '', redactedData: expect.any(String) },
      { type: 'tool-call', ...call },
    ]);
    const [signed, redacted] = first.content as Array<{ signature?: string; redactedData?: string }>;
    expect(sent(1).messages[1]?.content).toEqual([
      { reasoningContent: { reasoningText: { text: 'Rome needs a lookup.', signature: signed?.signature } } },
      { reasoningContent: { redactedContent: redacted?.redactedData } },
      { toolUse: { toolUseId: call.id, name: call.name, input: call.arguments } },
    ]);
  });
});

describe('redacted reasoning in a stream', () => {
  it('gathers a redacted block sent in several deltas into one part, bytes in order', async () => {
    // constructed (no recording splits one): 5 + 4 bytes, whose base64 pieces do not concatenate
    const bytes = Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const delta = (piece: Buffer) => ({
      contentBlockDelta: {
        contentBlockIndex: 0,
        delta: { reasoningContent: { redactedContent: piece.toString('base64') } },
      },
    });
    const events = [
      { messageStart: { role: 'assistant' } },
      delta(bytes.subarray(0, 5)),
      delta(bytes.subarray(5)),
      { contentBlockStop: { contentBlockIndex: 0 } },
      { contentBlockDelta: { contentBlockIndex: 1, delta: { text: 'ok' } } },
      { contentBlockStop: { contentBlockIndex: 1 } },
      { messageStop: { stopReason: 'end_turn' } },
      { metadata: { usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7 }, metrics: { latencyMs: 5 } } },
    ];
    const file = join(mkdtempSync(join(tmpdir(), 'pal-bedrock-redacted-')), 'split.chunks.txt');
    writeFileSync(file, `${events.map((e) => JSON.stringify(e)).join('\n')}\n`);
    emulator.current.replayFixture(file);
    const streamed = await collect(adapterFor(emulator.current).stream(chatRequest(), callContext()));
    expect(streamed.filter((e) => e.type === 'reasoning-delta')).toEqual([
      { type: 'reasoning-delta', text: '', redactedData: bytes.toString('base64') },
    ]);
  });
});

describe('reasoning settings for Claude on Bedrock', () => {
  it('turns thinking on for reasoning: {} (default effort), with maxTokens above the budget', async () => {
    const adapter = adapterFor(emulator.current);
    const cap = (extra: Partial<ChatRequestInput>) =>
      adapter.maxOutputTokensFor?.(chatRequest({ model: CLAUDE, ...extra }));
    // the default effort's budget (medium: 4096) plus room for the answer
    expect(cap({ reasoning: {} })).toBe(4096 + 4096);
    expect(cap({ reasoning: {}, maxOutputTokens: 256 })).toBe(4096 + 1024);

    const pal = runtime();
    const result = await pal.chat({
      model: `bedrock/${CLAUDE}`,
      messages: [{ role: 'user', content: 'Think, then answer.' }],
      reasoning: {},
    });
    expect(sent(0)).toMatchObject({
      additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 4096 } },
      inferenceConfig: { maxTokens: 4096 + 4096 },
    });
    expect(result.reasoning).toBeTruthy();
    const estimate = await pal.estimate({
      model: `bedrock/${CLAUDE}`,
      messages: [{ role: 'user', content: 'Think, then answer.' }],
      reasoning: {},
    });
    expect(estimate.maxOutputTokens).toBe(4096 + 4096);
  });

  it('does not send a temperature with thinking on, and says so', async () => {
    const ctx = callContext();
    const result = await adapterFor(emulator.current)
      .chat(
        chatRequest({ model: CLAUDE, reasoning: { effort: 'low' }, temperature: 0.2, topK: 5, topP: 0.9 }),
        ctx,
      )
      .catch(plainError);
    expect(result.finishReason).toBe('stop');
    expect(sent(0).inferenceConfig).toEqual({ maxTokens: 1024 + 4096 });
    expect(sent(0).additionalModelRequestFields).toEqual({
      thinking: { type: 'enabled', budget_tokens: 1024 },
    });
    expect(ctx.call.warnings).toEqual([
      { type: 'unsupported-setting', setting: 'temperature', details: expect.stringContaining('thinking') },
      { type: 'unsupported-setting', setting: 'topK', details: expect.stringContaining('thinking') },
      { type: 'unsupported-setting', setting: 'topP', details: expect.stringContaining('thinking') },
    ]);
    // temperature 1 is the one value Claude takes with thinking: sent as it is
    await adapterFor(emulator.current).chat(
      chatRequest({ model: CLAUDE, reasoning: {}, temperature: 1, topP: 0.95 }),
      callContext(),
    );
    expect(sent(1).inferenceConfig).toEqual({ maxTokens: 4096 + 4096, temperature: 1, topP: 0.95 });
  });

  it('warns for reasoning: {} on a Bedrock model that cannot think, and sends no thinking', async () => {
    const ctx = callContext();
    await adapterFor(emulator.current).chat(
      chatRequest({ model: 'amazon.nova-pro-v1:0', reasoning: {} }),
      ctx,
    );
    expect(ctx.call.warnings).toEqual([
      { type: 'unsupported-setting', setting: 'reasoning', details: expect.any(String) },
    ]);
    expect(sent(0)).not.toHaveProperty('additionalModelRequestFields');
    expect(sent(0).inferenceConfig).toEqual({});
  });
});
