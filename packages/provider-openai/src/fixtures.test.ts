import { readFileSync } from 'node:fs';
import { createRuntime, isPalError, type Runtime, type StreamEvent, type Usage } from '@pal/core';
import { type Emulator, fixturePath, listFixtures, startEmulator } from '@pal/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openai } from './openai.js';
import { TEST_KEY, writeFixture } from './openai.test-support.js';

/**
 * Every recorded OpenAI response in @pal/testkit's fixtures replayed by the emulator through the real SDK,
 * the adapter and the runtime. Expected values are read from the recordings themselves.
 */

type Json = Record<string, any>;

let emu: Emulator;
let chatRuntime: Runtime;
let responsesRuntime: Runtime;

beforeAll(async () => {
  emu = await startEmulator('openai');
  const policies = { retry: false, circuitBreaker: false } as const;
  chatRuntime = createRuntime({
    providers: [openai({ apiKey: TEST_KEY, baseURL: `${emu.url}/v1` })],
    policies,
  });
  responsesRuntime = createRuntime({
    providers: [openai({ apiKey: TEST_KEY, baseURL: `${emu.url}/v1`, api: 'responses' })],
    policies,
  });
});
afterAll(async () => {
  await Promise.all([chatRuntime.close(), responsesRuntime.close()]);
  await emu.close();
});
beforeEach(() => emu.reset());

const CHAT_REQUEST = { model: 'openai/gpt-4.1-nano', messages: [{ role: 'user' as const, content: 'Hi' }] };
const RESPONSES_REQUEST = {
  model: 'openai/gpt-5-mini',
  messages: [{ role: 'user' as const, content: 'Hi' }],
};

function readJson(name: string): Json {
  return JSON.parse(readFileSync(fixturePath('openai', name), 'utf8')) as Json;
}

function readLines(name: string): string[] {
  return readFileSync(fixturePath('openai', name), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
}

/** Canonical usage from a recorded OpenAI usage object (either API's field names), zero details left out. */
function recordedUsage(usage: Json): Usage {
  const cached = (usage.prompt_tokens_details ?? usage.input_tokens_details)?.cached_tokens ?? 0;
  const reasoning = (usage.completion_tokens_details ?? usage.output_tokens_details)?.reasoning_tokens ?? 0;
  return {
    inputTokens: usage.prompt_tokens ?? usage.input_tokens,
    outputTokens: usage.completion_tokens ?? usage.output_tokens,
    totalTokens: usage.total_tokens,
    ...(cached > 0 && { cachedInputTokens: cached }),
    ...(reasoning > 0 && { reasoningTokens: reasoning }),
  };
}

async function drain(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

function joined(events: StreamEvent[], type: 'text-delta' | 'reasoning-delta'): string {
  return events.flatMap((e) => (e.type === type ? [e.text] : [])).join('');
}

function finishOf(events: StreamEvent[]) {
  const finish = events.at(-1);
  expect(finish?.type, `last event of ${events.map((e) => e.type).join(',')}`).toBe('finish');
  return finish as Extract<StreamEvent, { type: 'finish' }>;
}

async function rejection(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isPalError(error), `expected a PalError, got ${String(error)}`).toBe(true);
  return error as import('@pal/core').PalError;
}

/** Fixture name → the test that replays it; every recorded fixture must have one. */
const covered = new Set<string>();
function replays(name: string, title: string, body: () => Promise<void>): void {
  covered.add(name);
  it(`${name}: ${title}`, body);
}

describe('Chat Completions fixtures', () => {
  replays('openai-text.chunks.txt', 'text = the deltas, usage = the final usage chunk', async () => {
    const chunks = readLines('openai-text.chunks.txt').map((line) => JSON.parse(line) as Json);
    const text = chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('');
    const usage = recordedUsage(chunks.find((c) => c.usage)?.usage);
    emu.replayFixture(fixturePath('openai', 'openai-text.chunks.txt'));
    const events = await drain(chatRuntime.stream(CHAT_REQUEST));
    expect(events[0]).toMatchObject({ type: 'start', provider: 'openai', model: chunks[0]?.model });
    expect(joined(events, 'text-delta')).toBe(text);
    const finish = finishOf(events);
    expect(finish.finishReason).toBe('stop');
    expect(finish.usage).toEqual(usage);
    expect(finish.cost.totalUsd).toBeGreaterThan(0);
  });

  replays('openai-text.json', 'text and usage of the completion', async () => {
    const recorded = readJson('openai-text.json');
    emu.replayFixture(fixturePath('openai', 'openai-text.json'));
    const result = await chatRuntime.chat(CHAT_REQUEST);
    expect(result.text).toBe(recorded.choices[0].message.content);
    expect(result.usage).toEqual(recordedUsage(recorded.usage));
    expect(result.finishReason).toBe('stop');
    expect(result.model).toBe(recorded.model);
  });

  replays('openai-error.1.json', 'insufficient_quota (429) → QUOTA_EXCEEDED', async () => {
    emu.replayFixture(fixturePath('openai', 'openai-error.1.json'));
    const error = await rejection(chatRuntime.chat(CHAT_REQUEST));
    expect(error).toMatchObject({
      code: 'QUOTA_EXCEEDED',
      status: 429,
      retryable: false,
      provider: 'openai',
    });
    expect(error.userMessage).toContain('usage cap');
  });

  replays(
    'reasoning-model-legacy-parameter-error.json',
    'unsupported max_tokens → INVALID_REQUEST',
    async () => {
      emu.replayFixture(fixturePath('openai', 'reasoning-model-legacy-parameter-error.json'));
      const error = await rejection(chatRuntime.chat(CHAT_REQUEST));
      expect(error).toMatchObject({ code: 'INVALID_REQUEST', status: 400, retryable: false });
      expect(error.message).toContain("Use 'max_completion_tokens' instead");
    },
  );
});

describe('Responses API fixtures', () => {
  replays('openai-phase.1.chunks.txt', 'text = the output_text deltas of both messages, usage', async () => {
    const events = readLines('openai-phase.1.chunks.txt').map((line) => JSON.parse(line) as Json);
    const text = events
      .filter((e) => e.type === 'response.output_text.delta')
      .map((e) => e.delta)
      .join('');
    const completed = events.find((e) => e.type === 'response.completed');
    emu.replayFixture(fixturePath('openai', 'openai-phase.1.chunks.txt'));
    const streamed = await drain(responsesRuntime.stream(RESPONSES_REQUEST));
    expect(joined(streamed, 'text-delta')).toBe(text);
    const finish = finishOf(streamed);
    expect(finish.finishReason).toBe('stop');
    expect(finish.usage).toEqual(recordedUsage(completed?.response.usage));
  });

  replays(
    'openai-phase.1.json',
    'text of both output messages, usage with cached and reasoning tokens',
    async () => {
      const recorded = readJson('openai-phase.1.json');
      const text = recorded.output
        .flatMap((item: Json) => item.content.map((part: Json) => part.text))
        .join('');
      emu.replayFixture(fixturePath('openai', 'openai-phase.1.json'));
      const result = await responsesRuntime.chat(RESPONSES_REQUEST);
      expect(result.text).toBe(text);
      expect(result.usage).toEqual(recordedUsage(recorded.usage));
      expect(result.usage.cachedInputTokens).toBe(3072);
    },
  );

  replays(
    'openai-reasoning-encrypted-content.1.json',
    'reasoning summary and text of a reasoning model, reasoning tokens in usage',
    async () => {
      const recorded = readJson('openai-reasoning-encrypted-content.1.json');
      const message = recorded.output.find((item: Json) => item.type === 'message');
      const summary = recorded.output
        .filter((item: Json) => item.type === 'reasoning')
        .flatMap((item: Json) => item.summary.map((s: Json) => s.text))
        .join('');
      emu.replayFixture(fixturePath('openai', 'openai-reasoning-encrypted-content.1.json'));
      const result = await responsesRuntime.chat(RESPONSES_REQUEST);
      expect(result.text).toBe(message.content[0].text);
      expect(result.reasoning ?? '').toBe(summary);
      expect(result.usage).toEqual(recordedUsage(recorded.usage));
      expect(result.usage.reasoningTokens).toBe(128);
    },
  );

  replays(
    'openai-reasoning-encrypted-content.1.chunks.txt',
    'four recorded calls: reasoning + tool calls whose arguments parse to the recorded objects, then the answer',
    async () => {
      // the recording holds one agent loop: 4 responses back to back, each starting with response.created
      const segments: string[][] = [];
      for (const line of readLines('openai-reasoning-encrypted-content.1.chunks.txt')) {
        if ((JSON.parse(line) as Json).type === 'response.created') segments.push([]);
        segments.at(-1)?.push(line);
      }
      expect(segments).toHaveLength(4);
      for (const [i, segment] of segments.entries()) {
        const recorded = segment.map((line) => JSON.parse(line) as Json);
        const calls = recorded
          .filter((e) => e.type === 'response.output_item.done' && e.item.type === 'function_call')
          .map((e) => ({ id: e.item.call_id, name: e.item.name, arguments: JSON.parse(e.item.arguments) }));
        const summary = recorded
          .filter((e) => e.type === 'response.reasoning_summary_text.delta')
          .map((e) => e.delta)
          .join('');
        const text = recorded
          .filter((e) => e.type === 'response.output_text.delta')
          .map((e) => e.delta)
          .join('');
        const completed = recorded.find((e) => e.type === 'response.completed');

        emu.replayFixture(writeFixture(`encrypted-content-${i + 1}.chunks.txt`, segment));
        const events = await drain(responsesRuntime.stream(RESPONSES_REQUEST));
        const toolCalls = events.flatMap((e) =>
          e.type === 'tool-call' ? [{ id: e.id, name: e.name, arguments: e.arguments }] : [],
        );
        expect(toolCalls).toEqual(calls);
        expect(joined(events, 'reasoning-delta')).toBe(summary);
        expect(joined(events, 'text-delta')).toBe(text);
        const finish = finishOf(events);
        expect(finish.finishReason).toBe(calls.length > 0 ? 'tool-calls' : 'stop');
        expect(finish.usage).toEqual(recordedUsage(completed?.response.usage));
      }
      expect(emu.requests).toHaveLength(4);
    },
  );

  replays(
    'openai-error.1.chunks.txt',
    'an in-stream insufficient_quota error → a typed error event (QUOTA_EXCEEDED), no finish',
    async () => {
      emu.replayFixture(fixturePath('openai', 'openai-error.1.chunks.txt'));
      const events = await drain(responsesRuntime.stream(RESPONSES_REQUEST));
      const last = events.at(-1);
      expect(last?.type).toBe('error');
      if (last?.type !== 'error') return;
      expect(last.error).toMatchObject({ code: 'QUOTA_EXCEEDED', retryable: false, provider: 'openai' });
      expect(last.error.message).toContain('You exceeded your current quota');
      expect(events.some((e) => e.type === 'finish')).toBe(false);
    },
  );
});

it('every recorded OpenAI fixture is replayed above', () => {
  expect(listFixtures('openai')).toEqual([...covered].sort());
});
