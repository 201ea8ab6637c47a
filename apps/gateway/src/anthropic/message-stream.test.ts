import { PalError, type StreamEvent } from '@pal/core';
import { describe, expect, it } from 'vitest';
import { anthropicStreamOf } from './message-stream.js';

const usage = { inputTokens: 30, outputTokens: 7, totalTokens: 37, cachedInputTokens: 10 };
const cost = { inputUsd: 0, outputUsd: 0, totalUsd: 0 };
const finish = (finishReason: 'stop' | 'tool-calls' | 'length'): StreamEvent => ({
  type: 'finish',
  finishReason,
  usage,
  cost,
});

async function eventsOf(events: StreamEvent[]) {
  let closed = false;
  async function* source() {
    try {
      yield* events;
    } finally {
      closed = true;
    }
  }
  const opened = { start: { type: 'start' as const, provider: 'p', model: 'm' }, rest: source() };
  const out = [];
  for await (const event of anthropicStreamOf(opened, { id: 'msg_1', model: 'p/m', inputTokens: 25 }))
    out.push(event);
  return { out, closed: () => closed };
}

describe('anthropicStreamOf', () => {
  it('writes thinking (with its signature), then text, then usage split like Anthropic', async () => {
    const { out, closed } = await eventsOf([
      { type: 'reasoning-delta', text: 'Hmm.' },
      { type: 'reasoning-delta', text: '', signature: 'sig' },
      { type: 'text-delta', text: 'Hi' },
      { type: 'text-delta', text: '!' },
      finish('stop'),
    ]);
    expect(out).toEqual([
      expect.objectContaining({
        type: 'message_start',
        message: expect.objectContaining({
          id: 'msg_1',
          model: 'p/m',
          usage: expect.objectContaining({ input_tokens: 25 }),
        }),
      }),
      { type: 'ping' },
      {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'thinking', thinking: '', signature: '' },
      },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Hmm.' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Hi' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: '!' } },
      { type: 'content_block_stop', index: 1 },
      {
        type: 'message_delta',
        delta: { stop_reason: 'end_turn', stop_sequence: null },
        usage: {
          input_tokens: 20,
          output_tokens: 7,
          cache_read_input_tokens: 10,
          cache_creation_input_tokens: 0,
        },
      },
      { type: 'message_stop' },
    ]);
    expect(closed()).toBe(true);
  });

  it('gives each tool call its block, streamed or whole, and a redacted block of its own', async () => {
    const { out } = await eventsOf([
      { type: 'reasoning-delta', text: '', redactedData: 'opaque' },
      { type: 'tool-call-delta', index: 0, id: 'call_a', name: 'a', argumentsDelta: '' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"x":' },
      { type: 'tool-call-delta', index: 1, id: 'call_b', name: 'b', argumentsDelta: '{}' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '1}' },
      { type: 'tool-call', id: 'call_a', name: 'a', arguments: { x: 1 } },
      { type: 'tool-call', id: 'call_b', name: 'b', arguments: {} },
      { type: 'tool-call', id: 'call_c', name: 'c', arguments: { y: 'z' } },
      finish('stop'),
    ]);
    const blocks = out.filter((e) => e.type.startsWith('content_block'));
    expect(blocks).toEqual([
      { type: 'content_block_start', index: 0, content_block: { type: 'redacted_thinking', data: 'opaque' } },
      { type: 'content_block_stop', index: 0 },
      {
        type: 'content_block_start',
        index: 1,
        content_block: { type: 'tool_use', id: 'call_a', name: 'a', input: {} },
      },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"x":' } },
      { type: 'content_block_stop', index: 1 },
      {
        type: 'content_block_start',
        index: 2,
        content_block: { type: 'tool_use', id: 'call_b', name: 'b', input: {} },
      },
      { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{}' } },
      // a late piece of an earlier call goes to that call's block (clients read deltas by index)
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '1}' } },
      { type: 'content_block_stop', index: 2 },
      {
        type: 'content_block_start',
        index: 3,
        content_block: { type: 'tool_use', id: 'call_c', name: 'c', input: {} },
      },
      {
        type: 'content_block_delta',
        index: 3,
        delta: { type: 'input_json_delta', partial_json: '{"y":"z"}' },
      },
      { type: 'content_block_stop', index: 3 },
    ]);
    // a turn that called tools is tool_use even when the vendor said stop (Ollama does)
    expect(out.find((e) => e.type === 'message_delta')).toMatchObject({ delta: { stop_reason: 'tool_use' } });
  });

  it('ends with an error event in Anthropic shape (no message_stop), and says max_tokens for a cut answer', async () => {
    const failed = await eventsOf([
      { type: 'text-delta', text: 'par' },
      { type: 'error', error: new PalError({ code: 'OVERLOADED', message: 'Overloaded' }) },
    ]);
    expect(failed.out.slice(-2)).toEqual([
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'par' } },
      expect.objectContaining({
        type: 'error',
        error: expect.objectContaining({
          type: 'overloaded_error',
          code: 'OVERLOADED',
          message: 'Overloaded',
        }),
      }),
    ]);
    const cut = await eventsOf([{ type: 'text-delta', text: 'a' }, finish('length')]);
    expect(cut.out.find((e) => e.type === 'message_delta')).toMatchObject({
      delta: { stop_reason: 'max_tokens' },
    });
    const unfinished = await eventsOf([{ type: 'text-delta', text: 'a' }]);
    expect(unfinished.out.at(-1)).toMatchObject({ type: 'error', error: { code: 'STREAM_ERROR' } });
  });
});
