import { describe, expect, it } from 'vitest';
import { replayEvents } from '../policies/cache-replay.js';
import { StreamAssembler } from './stream-assembler.js';

describe('StreamAssembler', () => {
  it('joins deltas into parts and keeps tool calls, usage and the finish reason', () => {
    const recorder = new StreamAssembler();
    const usage = { inputTokens: 5, outputTokens: 7, totalTokens: 12 };
    recorder.add({ type: 'start', provider: 'acme', model: 'm1-2025', id: 'r1' });
    recorder.add({ type: 'reasoning-delta', text: 'think ' });
    recorder.add({ type: 'reasoning-delta', text: 'hard', signature: 'sig' });
    recorder.add({ type: 'text-delta', text: 'Hel' });
    recorder.add({ type: 'text-delta', text: 'lo' });
    recorder.add({ type: 'tool-call', id: 'c1', name: 'get', arguments: { a: 1 } });
    recorder.add({ type: 'usage', usage });
    expect(recorder.finished).toBe(false);
    recorder.add({ type: 'finish', finishReason: 'tool-calls' });
    expect(recorder.finished).toBe(true);
    expect(recorder.usage).toEqual(usage);
    expect(recorder.outputChars).toBe(22); // 10 reasoning + 5 text + 7 of `{"a":1}`
    expect(recorder.result('m1')).toEqual({
      id: 'r1',
      model: 'm1-2025',
      content: [
        { type: 'reasoning', text: 'think hard', signature: 'sig' },
        { type: 'text', text: 'Hello' },
        { type: 'tool-call', id: 'c1', name: 'get', arguments: { a: 1 } },
      ],
      finishReason: 'tool-calls',
      usage,
    });
  });

  it('assembles tool calls that came only as deltas, in index order', () => {
    const recorder = new StreamAssembler();
    recorder.add({ type: 'tool-call-delta', index: 1, id: 'c2', name: 'second', argumentsDelta: '' });
    recorder.add({ type: 'tool-call-delta', index: 0, id: 'c1', name: 'first', argumentsDelta: '{"q":' });
    recorder.add({ type: 'tool-call-delta', index: 0, argumentsDelta: '"x"}' });
    recorder.add({
      type: 'finish',
      finishReason: 'tool-calls',
      usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
    });
    const result = recorder.result('m1');
    expect(result).toMatchObject({ id: '', model: 'm1', usage: { totalTokens: 2 } });
    expect(result.content).toEqual([
      { type: 'tool-call', id: 'c1', name: 'first', arguments: { q: 'x' } },
      { type: 'tool-call', id: 'c2', name: 'second', arguments: {} },
    ]);
  });

  it('refuses tool arguments that are not JSON with SERIALIZATION_ERROR, as the stream normaliser does', () => {
    const recorder = new StreamAssembler();
    recorder.add({ type: 'tool-call-delta', index: 0, id: 'c1', name: 'broken', argumentsDelta: '{oops' });
    recorder.add({ type: 'finish', finishReason: 'tool-calls' });
    expect(() => recorder.result('m1')).toThrow(expect.objectContaining({ code: 'SERIALIZATION_ERROR' }));
  });

  it('keeps a redacted reasoning block whole, with its redactedData (a cache replay gives it back)', () => {
    const recorder = new StreamAssembler();
    recorder.add({ type: 'reasoning-delta', text: 'plan', signature: 's1' });
    recorder.add({ type: 'reasoning-delta', text: '', redactedData: 'ENCRYPTED' });
    recorder.add({ type: 'reasoning-delta', text: 'more' });
    recorder.add({ type: 'text-delta', text: 'ok' });
    recorder.add({ type: 'finish', finishReason: 'stop' });
    const result = recorder.result('m1');
    expect(result.content).toEqual([
      { type: 'reasoning', text: 'plan', signature: 's1' },
      { type: 'reasoning', text: '', redactedData: 'ENCRYPTED' },
      { type: 'reasoning', text: 'more' },
      { type: 'text', text: 'ok' },
    ]);
    const again = new StreamAssembler();
    for (const event of replayEvents(result, 'acme')) again.add(event);
    expect(again.result('m1').content).toEqual(result.content);
  });

  it("keeps a tool call's signature (Gemini 3 thoughtSignature); a cache replay gives it back", () => {
    const recorder = new StreamAssembler();
    recorder.add({ type: 'tool-call', id: 'c1', name: 'get', arguments: {}, signature: 'SIG==' });
    recorder.add({ type: 'tool-call', id: 'c2', name: 'get', arguments: {} });
    recorder.add({ type: 'finish', finishReason: 'tool-calls' });
    const result = recorder.result('m1');
    expect(result.content).toEqual([
      { type: 'tool-call', id: 'c1', name: 'get', arguments: {}, signature: 'SIG==' },
      { type: 'tool-call', id: 'c2', name: 'get', arguments: {} },
    ]);
    const again = new StreamAssembler();
    for (const event of replayEvents(result, 'acme')) again.add(event);
    expect(again.result('m1').content).toEqual(result.content);
  });

  it('does not duplicate a tool call that came both as deltas and complete', () => {
    const recorder = new StreamAssembler();
    recorder.add({ type: 'tool-call-delta', index: 0, id: 'c1', name: 'get', argumentsDelta: '{}' });
    recorder.add({ type: 'tool-call', id: 'c1', name: 'get', arguments: {} });
    expect(recorder.result('m1').content).toHaveLength(1);
    expect(recorder.result('m1').finishReason).toBe('other');
  });
});
