import { createRuntime, type StreamEvent } from '@pal/core';
import { fixturePath } from '@pal/testkit';
import { describe, expect, it } from 'vitest';
import { adapterFor, HAIKU, useBedrockEmulator } from './bedrock.test-support.js';

const emulator = useBedrockEmulator();
const chat = { model: `bedrock/${HAIKU}`, messages: [{ role: 'user' as const, content: 'Hi' }] };

async function drain(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

describe('Bedrock through createRuntime', () => {
  it('replays a recorded stream into text, recorded usage and a priced finish', async () => {
    emulator.current.replayFixture(fixturePath('bedrock', 'amazon-bedrock-text.chunks.txt'));
    const runtime = createRuntime({ providers: [adapterFor(emulator.current)], policies: { retry: false } });
    const events = await drain(runtime.stream(chat));
    expect(events[0]).toMatchObject({ type: 'start', provider: 'bedrock', model: HAIKU });
    const text = events.flatMap((e) => (e.type === 'text-delta' ? [e.text] : [])).join('');
    expect(text.startsWith('Let me count')).toBe(true);
    const finish = events.at(-1);
    expect(finish?.type).toBe('finish');
    if (finish?.type !== 'finish') return;
    expect(finish.usage).toMatchObject({ inputTokens: 22, outputTokens: 55, totalTokens: 77 });
    // Claude Haiku 4.5 on Bedrock (US profile): $1.10 / $5.50 per 1M tokens
    expect(finish.cost.totalUsd).toBeCloseTo((22 * 1.1 + 55 * 5.5) / 1e6, 12);
  });

  it('ends a stream with a typed error event when an exception frame follows the first deltas', async () => {
    emulator.current.script({
      text: 'one two three',
      chunks: 3,
      fault: { type: 'stream-error', kind: 'overloaded', afterChunks: 2 },
    });
    const runtime = createRuntime({ providers: [adapterFor(emulator.current)] });
    const events = await drain(runtime.stream(chat));
    expect(events.some((e) => e.type === 'text-delta')).toBe(true);
    const last = events.at(-1);
    expect(last?.type === 'error' && last.error.code).toBe('STREAM_ERROR');
    expect(last?.type === 'error' && last.error.provider).toBe('bedrock');
    expect(events.some((e) => e.type === 'finish')).toBe(false);
    // after the first event a stream is never retried
    expect(emulator.current.requests).toHaveLength(1);
  });

  it('retries a throttled call after the retry-after delay, exactly once per attempt', async () => {
    emulator.current.script(
      { fault: { type: 'error', kind: 'rate_limit', headers: { 'retry-after': '2' } } },
      {},
    );
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
    };
    const runtime = createRuntime({
      providers: [adapterFor(emulator.current)],
      policies: { retry: { maxAttempts: 2, sleep, budget: false }, circuitBreaker: false },
    });
    const result = await runtime.chat(chat);
    expect(result.text).toBe('Echo: Hi');
    expect(emulator.current.requests).toHaveLength(2);
    expect(waits[0]).toBeGreaterThanOrEqual(2000);
    expect(result.attempts[0]?.error?.code).toBe('PROVIDER_RATE_LIMIT_ERROR');
  });

  it('treats ModelNotReadyException as OVERLOADED and retries it', async () => {
    const notReady = {
      type: 'error',
      kind: 'unavailable',
      headers: { 'x-amzn-errortype': 'ModelNotReadyException' },
    } as const;
    emulator.current.script({ fault: notReady }, {});
    const runtime = createRuntime({
      providers: [adapterFor(emulator.current)],
      policies: { retry: { maxAttempts: 2, sleep: async () => {}, budget: false }, circuitBreaker: false },
    });
    const result = await runtime.chat(chat);
    expect(result.attempts[0]?.error?.code).toBe('OVERLOADED');
    expect(emulator.current.requests).toHaveLength(2);
  });
});
