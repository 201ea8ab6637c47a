import { describe, expect, it, vi } from 'vitest';
import type { StreamEvent } from '../contracts/stream-event.js';
import { PalError } from '../errors/pal-error.js';
import { collectStream, PalStream } from './pal-stream.js';

const usage = { inputTokens: 3, outputTokens: 2, totalTokens: 5 };
const cost = { inputUsd: 0.001, outputUsd: 0.002, totalUsd: 0.003 };
const good: StreamEvent[] = [
  { type: 'start', provider: 'acme', model: 'm1', id: 'resp-1' },
  { type: 'reasoning-delta', text: 'think ' },
  { type: 'reasoning-delta', text: 'hard', signature: 'sig' },
  { type: 'text-delta', text: 'Hel' },
  { type: 'text-delta', text: 'lo' },
  { type: 'tool-call-delta', index: 0, id: 'c1', name: 'lookup', argumentsDelta: '{}' },
  { type: 'tool-call', id: 'c1', name: 'lookup', arguments: { q: 1 } },
  { type: 'usage', usage },
  { type: 'finish', finishReason: 'tool-calls', usage, cost },
];

/** A source that records whether its generator was closed early. */
function source(events: StreamEvent[], options: { throwAfter?: number; waitForever?: AbortSignal } = {}) {
  const state = { pulled: 0, closed: false, completed: false };
  async function* generate(): AsyncGenerator<StreamEvent> {
    try {
      for (const event of events) {
        if (options.throwAfter !== undefined && state.pulled >= options.throwAfter)
          throw new Error('socket closed');
        state.pulled++;
        yield event;
      }
      if (options.waitForever) {
        const signal = options.waitForever;
        await new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
      }
      state.completed = true;
    } finally {
      if (!state.completed) state.closed = true;
    }
  }
  return { state, iterable: generate() };
}

describe('PalStream', () => {
  it('yields the events and assembles the result after a for-await', async () => {
    const { iterable } = source(good);
    const stream = new PalStream(iterable, { extras: () => ({ latencyMs: 42, attempts: [] }) });
    const seen: string[] = [];
    for await (const event of stream) seen.push(event.type);
    expect(seen).toEqual(good.map((e) => e.type));
    const result = await stream.result();
    expect(result).toEqual({
      id: 'resp-1',
      requestId: '',
      provider: 'acme',
      model: 'm1',
      content: [
        { type: 'reasoning', text: 'think hard', signature: 'sig' },
        { type: 'text', text: 'Hello' },
        { type: 'tool-call', id: 'c1', name: 'lookup', arguments: { q: 1 } },
      ],
      text: 'Hello',
      toolCalls: [{ id: 'c1', name: 'lookup', arguments: { q: 1 } }],
      reasoning: 'think hard',
      finishReason: 'tool-calls',
      usage,
      cost,
      latencyMs: 42,
      attempts: [],
    });
  });

  it('consumes itself for .text() and .result(), both usable, and refuses a second iteration', async () => {
    const { state, iterable } = source(good);
    const stream = new PalStream(iterable);
    const [text, result] = await Promise.all([stream.text(), stream.result()]);
    expect(text).toBe('Hello');
    expect(result.text).toBe('Hello');
    expect(state.pulled).toBe(good.length);
    expect(() => stream[Symbol.asyncIterator]()).toThrow(/already consumed/);
  });

  it('fires the callbacks as events pass, and survives a throwing callback', async () => {
    const onText = vi.fn(() => {
      throw new Error('callback bug');
    });
    const onToolCall = vi.fn();
    const onFinish = vi.fn();
    const onError = vi.fn();
    const stream = new PalStream(source(good).iterable, { onText, onToolCall, onFinish, onError });
    const result = await stream.result();
    expect(onText.mock.calls).toEqual([['Hel'], ['lo']]);
    expect(onToolCall).toHaveBeenCalledWith({ id: 'c1', name: 'lookup', arguments: { q: 1 } });
    expect(onFinish).toHaveBeenCalledWith(result);
    expect(onError).not.toHaveBeenCalled();
  });

  it('ends with an error event without throwing; result/text reject with it and onError fires', async () => {
    const failure = new PalError({ code: 'STREAM_ERROR', message: 'cut', provider: 'acme' });
    const onError = vi.fn();
    const stream = new PalStream(
      source([good[0] as StreamEvent, { type: 'text-delta', text: 'par' }, { type: 'error', error: failure }])
        .iterable,
      { onError },
    );
    const seen: StreamEvent[] = [];
    for await (const event of stream) seen.push(event);
    expect(seen.at(-1)).toEqual({ type: 'error', error: failure });
    await expect(stream.result()).rejects.toBe(failure);
    await expect(stream.text()).rejects.toBe(failure);
    expect(onError).toHaveBeenCalledWith(failure);
  });

  it('keeps the real error when the consumer breaks on the error event', async () => {
    const failure = new PalError({ code: 'OVERLOADED' });
    const stream = new PalStream(source([{ type: 'error', error: failure }]).iterable);
    for await (const event of stream) if (event.type === 'error') break;
    await expect(stream.result()).rejects.toBe(failure);
  });

  it('turns a throwing source into a final STREAM_ERROR event', async () => {
    const stream = new PalStream(source(good, { throwAfter: 1 }).iterable);
    const seen: StreamEvent[] = [];
    for await (const event of stream) seen.push(event);
    expect(seen.map((e) => e.type)).toEqual(['start', 'error']);
    await expect(stream.result()).rejects.toMatchObject({ code: 'STREAM_ERROR', message: 'socket closed' });
  });

  it('rejects with STREAM_ERROR when the stream ends without finish', async () => {
    const stream = new PalStream(
      source([good[0] as StreamEvent, { type: 'text-delta', text: 'x' }]).iterable,
    );
    await expect(stream.text()).rejects.toMatchObject({ code: 'STREAM_ERROR' });
  });

  it('closes the upstream when the consumer breaks out; result rejects with ABORTED', async () => {
    const { state, iterable } = source(good);
    const onCancel = vi.fn();
    const stream = new PalStream(iterable, { onCancel });
    for await (const event of stream) if (event.type === 'text-delta') break;
    expect(state.closed).toBe(true);
    expect(onCancel).toHaveBeenCalledTimes(1);
    await expect(stream.result()).rejects.toMatchObject({ code: 'ABORTED' });
  });

  it('counts a break right after finish as a complete stream', async () => {
    const stream = new PalStream(source(good).iterable);
    for await (const event of stream) if (event.type === 'finish') break;
    expect((await stream.result()).finishReason).toBe('tool-calls');
  });

  it('cancel() before iterating closes it and never pulls', async () => {
    const { state, iterable } = source(good);
    const onCancel = vi.fn();
    const stream = new PalStream(iterable, { onCancel });
    await stream.cancel();
    await stream.cancel();
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(state.pulled).toBe(0);
    await expect(stream.result()).rejects.toMatchObject({ code: 'ABORTED' });
  });

  it('cancel() during a pending read aborts the call and ends the iteration', async () => {
    const controller = new AbortController();
    const { state, iterable } = source([good[0] as StreamEvent], { waitForever: controller.signal });
    // like the runtime, the source turns the abort into an error event instead of throwing
    async function* guarded(): AsyncGenerator<StreamEvent> {
      try {
        yield* iterable;
      } catch (error) {
        yield { type: 'error', error: error as PalError };
      }
    }
    const reason = new PalError({ code: 'ABORTED', message: 'user pressed stop' });
    const stream = new PalStream(guarded(), { onCancel: (r) => controller.abort(r) });
    const seen: string[] = [];
    for await (const event of stream) {
      seen.push(event.type);
      if (event.type === 'start') setTimeout(() => void stream.cancel(reason), 5);
    }
    expect(seen).toEqual(['start']);
    expect(state.closed).toBe(true);
    await expect(stream.result()).rejects.toBe(reason);
  });

  it('converts to a ReadableStream, whose cancel closes the upstream', async () => {
    const whole = new PalStream(source(good).iterable).toReadableStream();
    const types: string[] = [];
    const reader = whole.getReader();
    for (let step = await reader.read(); !step.done; step = await reader.read()) types.push(step.value.type);
    expect(types).toEqual(good.map((e) => e.type));

    const { state, iterable } = source(good);
    const partial = new PalStream(iterable).toReadableStream().getReader();
    expect((await partial.read()).value?.type).toBe('start');
    await partial.cancel();
    expect(state.closed).toBe(true);
  });
});

describe('collectStream', () => {
  it('collects a plain async iterable and a PalStream', async () => {
    expect((await collectStream(source(good).iterable)).text).toBe('Hello');
    expect((await collectStream(new PalStream(source(good).iterable))).toolCalls).toHaveLength(1);
  });
});
