import { describe, expect, it } from 'vitest';
import { StreamRecorder } from './stream-recorder.js';

describe('StreamRecorder', () => {
  it('joins deltas into parts and keeps tool calls, usage and the finish reason', () => {
    const recorder = new StreamRecorder();
    const usage = { inputTokens: 5, outputTokens: 7, totalTokens: 12 };
    recorder.record({ type: 'start', provider: 'acme', model: 'm1-2025', id: 'r1' });
    recorder.record({ type: 'reasoning-delta', text: 'think ' });
    recorder.record({ type: 'reasoning-delta', text: 'hard', signature: 'sig' });
    recorder.record({ type: 'text-delta', text: 'Hel' });
    recorder.record({ type: 'text-delta', text: 'lo' });
    recorder.record({ type: 'tool-call', id: 'c1', name: 'get', arguments: { a: 1 } });
    recorder.record({ type: 'usage', usage });
    expect(recorder.finished).toBe(false);
    recorder.record({ type: 'finish', finishReason: 'tool-calls' });
    expect(recorder.finished).toBe(true);
    expect(recorder.usage).toEqual(usage);
    expect(recorder.outputChars).toBe(15);
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

  it('assembles tool calls that came only as deltas', () => {
    const recorder = new StreamRecorder();
    recorder.record({ type: 'tool-call-delta', index: 1, id: 'c2', name: 'second', argumentsDelta: '' });
    recorder.record({ type: 'tool-call-delta', index: 0, id: 'c1', name: 'first', argumentsDelta: '{"q":' });
    recorder.record({ type: 'tool-call-delta', index: 0, argumentsDelta: '"x"}' });
    recorder.record({ type: 'tool-call-delta', index: 2, argumentsDelta: 'not json' });
    recorder.record({ type: 'tool-call-delta', index: 3, name: 'broken', argumentsDelta: '{oops' });
    recorder.record({
      type: 'finish',
      finishReason: 'tool-calls',
      usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
    });
    const result = recorder.result('m1');
    expect(result).toMatchObject({ id: '', model: 'm1', usage: { totalTokens: 2 } });
    expect(result.content).toEqual([
      { type: 'tool-call', id: 'c1', name: 'first', arguments: { q: 'x' } },
      { type: 'tool-call', id: 'c2', name: 'second', arguments: {} },
      { type: 'tool-call', id: 'call_3', name: 'broken', arguments: '{oops' },
    ]);
  });

  it('does not duplicate a tool call that came both as deltas and complete', () => {
    const recorder = new StreamRecorder();
    recorder.record({ type: 'tool-call-delta', index: 0, id: 'c1', name: 'get', argumentsDelta: '{}' });
    recorder.record({ type: 'tool-call', id: 'c1', name: 'get', arguments: {} });
    expect(recorder.result('m1').content).toHaveLength(1);
    expect(recorder.result('m1').finishReason).toBe('other');
  });
});
