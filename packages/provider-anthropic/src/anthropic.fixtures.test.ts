import { readFileSync } from 'node:fs';
import { createRuntime, isPalError, type ProviderAdapter, type StreamEvent } from '@pal/core';
import { type Emulator, fixturePath, listFixtures, startEmulator } from '@pal/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { anthropic } from './anthropic.js';
import { callContext, chatRequest, drain, ofType } from './test-support.test-helper.js';

/** One recorded Anthropic stream event (only the fields these tests read). */
interface RecordedEvent {
  type: string;
  index?: number;
  message?: { id: string; model: string; usage: Record<string, number> };
  delta?: { type?: string; text?: string; partial_json?: string; stop_reason?: string };
  content_block?: { type: string; id?: string; name?: string };
  usage?: Record<string, number>;
}

let emu: Emulator;
let adapter: ProviderAdapter;

beforeAll(async () => {
  emu = await startEmulator('anthropic');
  adapter = anthropic({ apiKey: 'sk-ant-fixture-test-01', baseURL: emu.url });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

function recorded(name: string): RecordedEvent[] {
  return readFileSync(fixturePath('anthropic', name), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as RecordedEvent);
}

/** The usage the recording ends with: message_start's counters overwritten by message_delta's. */
function finalUsage(events: RecordedEvent[]) {
  const start = events.find((e) => e.type === 'message_start')!.message!.usage;
  const last = { ...start, ...events.find((e) => e.type === 'message_delta')!.usage };
  const cacheRead = last.cache_read_input_tokens ?? 0;
  const cacheWrite = last.cache_creation_input_tokens ?? 0;
  return { input: last.input_tokens! + cacheRead + cacheWrite, output: last.output_tokens! };
}

const STOP: Record<string, string> = { end_turn: 'stop', tool_use: 'tool-calls', max_tokens: 'length' };

describe('anthropic provider: recorded streams replayed through the SDK into canonical events', () => {
  const streams = listFixtures('anthropic').filter((name) => name.endsWith('.chunks.txt'));

  it('has recordings to replay', () => expect(streams.length).toBeGreaterThanOrEqual(4));

  for (const name of streams) {
    it(`${name}: text, tool calls, usage and finish match the recording`, async () => {
      const events = recorded(name);
      emu.replayFixture(fixturePath('anthropic', name));
      const out = await drain(adapter.stream(chatRequest(), callContext()));
      const start = events[0]!.message!;
      expect(out[0]).toEqual({ type: 'start', provider: 'anthropic', model: start.model, id: start.id });
      const text = events
        .filter((e) => e.delta?.type === 'text_delta')
        .map((e) => e.delta!.text)
        .join('');
      expect(
        ofType(out, 'text-delta')
          .map((e) => e.text)
          .join(''),
      ).toBe(text);
      const toolStarts = events.filter((e) => e.content_block?.type === 'tool_use');
      expect(ofType(out, 'tool-call')).toEqual(
        toolStarts.map((block) => {
          const json = events
            .filter((e) => e.index === block.index && e.delta?.type === 'input_json_delta')
            .map((e) => e.delta!.partial_json)
            .join('');
          return {
            type: 'tool-call',
            id: block.content_block!.id,
            name: block.content_block!.name,
            arguments: json ? JSON.parse(json) : {},
          };
        }),
      );
      const { input, output } = finalUsage(events);
      const finish = out.at(-1)!;
      expect(finish).toMatchObject({
        type: 'finish',
        usage: { inputTokens: input, outputTokens: output, totalTokens: input + output },
      });
      const stopReason = events.find((e) => e.type === 'message_delta')!.delta!.stop_reason!;
      expect(finish.type === 'finish' && finish.finishReason).toBe(STOP[stopReason]);
    });
  }

  it('anthropic-message-delta-input-tokens: the input count restated in message_delta wins (61, not 43)', async () => {
    emu.replayFixture(fixturePath('anthropic', 'anthropic-message-delta-input-tokens.chunks.txt'));
    const out = await drain(adapter.stream(chatRequest(), callContext()));
    expect(ofType(out, 'usage')[0]!.usage).toEqual({ inputTokens: 61, outputTokens: 2, totalTokens: 63 });
  });

  it('anthropic-json-tool.1: the tool arguments parse to the recorded object', async () => {
    emu.replayFixture(fixturePath('anthropic', 'anthropic-json-tool.1.chunks.txt'));
    const out = await drain(adapter.stream(chatRequest(), callContext()));
    expect(ofType(out, 'tool-call')[0]!.arguments).toEqual({
      elements: [{ location: 'San Francisco', temperature: 58, condition: 'sunny' }],
    });
  });
});

describe('anthropic provider: recorded messages replayed into chat results', () => {
  for (const name of listFixtures('anthropic').filter((n) => n.endsWith('.json'))) {
    it(`${name}: content and usage match the recorded message`, async () => {
      const message = JSON.parse(readFileSync(fixturePath('anthropic', name), 'utf8'));
      emu.replayFixture(fixturePath('anthropic', name));
      const result = await adapter.chat(chatRequest(), callContext());
      expect(result.id).toBe(message.id);
      expect(result.usage).toMatchObject({
        inputTokens: message.usage.input_tokens,
        outputTokens: message.usage.output_tokens,
      });
      expect(result.content).toEqual(
        message.content.map(
          (block: { type: string; text?: string; id?: string; name?: string; input?: unknown }) =>
            block.type === 'text'
              ? { type: 'text', text: block.text }
              : { type: 'tool-call', id: block.id, name: block.name, arguments: block.input },
        ),
      );
      expect(result.finishReason).toBe(STOP[message.stop_reason]);
    });
  }
});

describe('anthropic provider: in-stream errors through createRuntime', () => {
  it('an in-stream overloaded_error ends the stream with a typed OVERLOADED error event after the text so far', async () => {
    const runtime = createRuntime({
      providers: [adapter],
      policies: { retry: false, circuitBreaker: false },
    });
    emu.script({
      text: 'Half an answer',
      chunks: 2,
      fault: { type: 'stream-error', kind: 'overloaded', afterChunks: 5 },
    });
    const events: StreamEvent[] = [];
    for await (const event of runtime.stream({
      model: 'anthropic/claude-haiku-4-5',
      messages: [{ role: 'user', content: 'hi' }],
    })) {
      events.push(event);
    }
    expect(events[0]).toMatchObject({ type: 'start', provider: 'anthropic' });
    const text = events.flatMap((e) => (e.type === 'text-delta' ? [e.text] : [])).join('');
    expect(text).toBe('Half an answer');
    const last = events.at(-1)!;
    expect(last.type).toBe('error');
    if (last.type !== 'error') return;
    expect(isPalError(last.error)).toBe(true);
    expect(last.error).toMatchObject({ code: 'OVERLOADED', provider: 'anthropic', retryable: true });
    expect(events.some((e) => e.type === 'finish')).toBe(false);
    await runtime.close();
  });

  it('a recorded stream through createRuntime collects into a ChatResult with cost from the catalog', async () => {
    const runtime = createRuntime({
      providers: [adapter],
      policies: { retry: false, circuitBreaker: false },
    });
    emu.replayFixture(fixturePath('anthropic', 'anthropic-text.chunks.txt'));
    const result = await runtime
      .stream({ model: 'anthropic/claude-sonnet-4-6', messages: [{ role: 'user', content: 'hi' }] })
      .result();
    expect(result.text).toBe(
      "Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you with?",
    );
    expect(result.usage).toMatchObject({ inputTokens: 12, outputTokens: 30 });
    // claude-sonnet-4-6: $3 / $15 per 1M tokens
    expect(result.cost.totalUsd).toBeCloseTo((12 * 3 + 30 * 15) / 1_000_000, 12);
    await runtime.close();
  });
});
