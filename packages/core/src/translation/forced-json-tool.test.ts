import { describe, expect, it } from 'vitest';
import type { AssistantContentPart } from '../contracts/content.js';
import type { ProviderStreamEvent } from '../contracts/stream-event.js';
import {
  answerFromForcedJsonTool,
  forcedJsonTool,
  streamAnswerFromForcedJsonTool,
} from './forced-json-tool.js';

async function collect(events: AsyncIterable<ProviderStreamEvent>): Promise<ProviderStreamEvent[]> {
  const out: ProviderStreamEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

async function* from(events: ProviderStreamEvent[]): AsyncGenerator<ProviderStreamEvent> {
  yield* events;
}

describe('forcedJsonTool', () => {
  it('is undefined unless JSON is asked for', () => {
    expect(forcedJsonTool(undefined, 'json_output')).toBeUndefined();
    expect(forcedJsonTool({ type: 'text' }, 'json_output')).toBeUndefined();
  });

  it("takes the format's name, description and schema", () => {
    const schema = { type: 'object', properties: { city: { type: 'string' } } };
    expect(
      forcedJsonTool({ type: 'json', schema, name: 'weather', description: 'The weather.' }, 'json_output'),
    ).toEqual({ name: 'weather', description: 'The weather.', schema });
  });

  it('defaults to the vendor default name, a generic description and any object', () => {
    expect(forcedJsonTool({ type: 'json' }, 'json_response')).toEqual({
      name: 'json_response',
      description: expect.stringContaining('JSON'),
      schema: { type: 'object', additionalProperties: true },
    });
  });
});

describe('answerFromForcedJsonTool', () => {
  const result = (content: AssistantContentPart[]) => ({
    id: 'r1',
    model: 'm',
    content,
    finishReason: 'tool-calls' as const,
  });

  it("turns the tool's call into JSON text and the tool-calls finish into stop", () => {
    const answer = answerFromForcedJsonTool(
      result([{ type: 'tool-call', id: 't1', name: 'json_output', arguments: { city: 'Paris' } }]),
      'json_output',
    );
    expect(answer).toEqual({
      id: 'r1',
      model: 'm',
      content: [{ type: 'text', text: '{"city":"Paris"}' }],
      finishReason: 'stop',
    });
  });

  it('leaves other content in place and keeps a finish other than tool-calls', () => {
    const answer = answerFromForcedJsonTool(
      {
        ...result([
          { type: 'reasoning', text: 'hmm' },
          { type: 'tool-call', id: 't1', name: 'json_output', arguments: {} },
        ]),
        finishReason: 'length',
      },
      'json_output',
    );
    expect(answer.content).toEqual([
      { type: 'reasoning', text: 'hmm' },
      { type: 'text', text: '{}' },
    ]);
    expect(answer.finishReason).toBe('length');
  });

  it('returns a result without the call, or without a tool name, unchanged', () => {
    const other = result([{ type: 'tool-call', id: 't1', name: 'lookup', arguments: {} }]);
    expect(answerFromForcedJsonTool(other, 'json_output')).toBe(other);
    const forced = result([{ type: 'tool-call', id: 't1', name: 'json_output', arguments: {} }]);
    expect(answerFromForcedJsonTool(forced, undefined)).toBe(forced);
  });
});

describe('streamAnswerFromForcedJsonTool', () => {
  it("streams the tool's argument pieces as text, drops its whole call and finishes with stop", async () => {
    const events = await collect(
      streamAnswerFromForcedJsonTool(
        from([
          { type: 'start', provider: 'p', model: 'm' },
          { type: 'tool-call-delta', index: 0, id: 't1', name: 'json_output', argumentsDelta: '' },
          { type: 'tool-call-delta', index: 0, argumentsDelta: '{"a":' },
          { type: 'tool-call-delta', index: 0, argumentsDelta: '1}' },
          { type: 'tool-call', id: 't1', name: 'json_output', arguments: { a: 1 } },
          { type: 'finish', finishReason: 'tool-calls' },
        ]),
        'json_output',
      ),
    );
    expect(events).toEqual([
      { type: 'start', provider: 'p', model: 'm' },
      { type: 'text-delta', text: '{"a":' },
      { type: 'text-delta', text: '1}' },
      { type: 'finish', finishReason: 'stop' },
    ]);
  });

  it('sends a whole call that came without pieces as one text', async () => {
    const events = await collect(
      streamAnswerFromForcedJsonTool(
        from([
          { type: 'tool-call', id: 't1', name: 'json_output', arguments: { a: 1 } },
          { type: 'finish', finishReason: 'tool-calls' },
        ]),
        'json_output',
      ),
    );
    expect(events).toEqual([
      { type: 'text-delta', text: '{"a":1}' },
      { type: 'finish', finishReason: 'stop' },
    ]);
  });

  it("leaves other tools' calls and a stream that never called the tool as they are", async () => {
    const input: ProviderStreamEvent[] = [
      { type: 'tool-call-delta', index: 0, id: 't1', name: 'lookup', argumentsDelta: '{}' },
      { type: 'finish', finishReason: 'tool-calls' },
    ];
    expect(await collect(streamAnswerFromForcedJsonTool(from(input), 'json_output'))).toEqual(input);
    expect(await collect(streamAnswerFromForcedJsonTool(from(input), undefined))).toEqual(input);
  });
});
