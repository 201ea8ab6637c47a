import { createScriptedAdapter, type ScriptStep } from '@pal/testkit/scripted';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import type { PalError } from '../errors/pal-error.js';
import { createRuntime } from './runtime.js';

const usage = { inputTokens: 5, outputTokens: 5, totalTokens: 10 };

function runtimeAnswering(script: ScriptStep[]) {
  const adapter = createScriptedAdapter({ id: 'acme', models: [{ id: 'm1' }], script });
  return createRuntime({ providers: [adapter] });
}

const person = z.object({ name: z.string(), age: z.number().int().positive() });
const weather = z.object({ city: z.string(), unit: z.enum(['c', 'f']).default('c') });
const messages = [{ role: 'user' as const, content: 'hi' }];

describe('typed JSON output', () => {
  it('parses, validates and types result.object from the zod schema (chat)', async () => {
    const runtime = runtimeAnswering([
      { type: 'result', text: '{"name":"Ada","age":36}', result: { usage } },
    ]);
    const result = await runtime.chat({
      model: 'acme/m1',
      messages,
      responseFormat: { type: 'json', schema: person },
    });
    expect(result.object).toEqual({ name: 'Ada', age: 36 });
    expectTypeOf(result.object).toEqualTypeOf<{ name: string; age: number }>();
    const age: number = result.object.age;
    expect(age).toBe(36);
    // @ts-expect-error: the schema has no `email`
    expect(result.object.email).toBeUndefined();
  });

  it('gives the object at the end of a stream, typed', async () => {
    const runtime = runtimeAnswering([
      {
        type: 'stream',
        events: [
          { type: 'text-delta', text: '{"name":"Lin",' },
          { type: 'text-delta', text: '"age":7}' },
          { type: 'finish', finishReason: 'stop', usage },
        ],
      },
    ]);
    const stream = runtime.stream({
      model: 'acme/m1',
      messages,
      responseFormat: { type: 'json', schema: person },
    });
    const object = await stream.object();
    expect(object).toEqual({ name: 'Lin', age: 7 });
    expectTypeOf(object).toEqualTypeOf<{ name: string; age: number }>();
    expect((await stream.result()).object.name).toBe('Lin');
  });

  it('refuses an answer that does not match the schema with a SERIALIZATION_ERROR carrying the text', async () => {
    const runtime = runtimeAnswering([
      { type: 'result', text: '{"name":"Ada","age":-1}', result: { usage } },
    ]);
    const error = (await runtime
      .chat({ model: 'acme/m1', messages, responseFormat: { type: 'json', schema: person } })
      .catch((e: unknown) => e)) as PalError;
    expect(error.code).toBe('SERIALIZATION_ERROR');
    expect(error.message).toBe(
      'The JSON answer does not match the response schema: age: Too small: expected number to be >0',
    );
    expect(error.details).toMatchObject({ text: '{"name":"Ada","age":-1}', issues: [{ path: 'age' }] });
  });

  it('refuses text that is not JSON, saying when the answer was cut at maxOutputTokens', async () => {
    const runtime = runtimeAnswering([
      { type: 'result', text: '{"name":"Ad', result: { usage, finishReason: 'length' } },
    ]);
    const error = (await runtime
      .chat({ model: 'acme/m1', messages, responseFormat: { type: 'json' } })
      .catch((e: unknown) => e)) as PalError;
    expect(error).toMatchObject({ code: 'SERIALIZATION_ERROR', details: { text: '{"name":"Ad' } });
    expect(error.message).toContain('stopped at maxOutputTokens');
  });

  it('parses plain JSON mode into an unknown object, and leaves results without responseFormat alone', async () => {
    const runtime = runtimeAnswering([
      { type: 'result', text: '[1,2]', result: { usage } },
      { type: 'result', text: 'plain', result: { usage } },
    ]);
    const json = await runtime.chat({ model: 'acme/m1', messages, responseFormat: { type: 'json' } });
    expect(json.object).toEqual([1, 2]);
    expectTypeOf(json.object).toBeUnknown();
    const plain = await runtime.chat({ model: 'acme/m1', messages });
    expect(plain.object).toBeUndefined();
    expectTypeOf(plain.object).toEqualTypeOf<undefined>();
  });
});

describe('typed tool calls', () => {
  const tools = [
    { name: 'weather', description: 'Weather for a city', parameters: weather },
    { name: 'clock', parameters: z.object({ zone: z.string() }) },
  ] as const;

  it('types and validates arguments per tool name (defaults applied)', async () => {
    const runtime = runtimeAnswering([
      {
        type: 'result',
        result: {
          usage,
          finishReason: 'tool-calls',
          content: [{ type: 'tool-call', id: 'c1', name: 'weather', arguments: { city: 'Paris' } }],
        },
      },
    ]);
    const result = await runtime.chat({ model: 'acme/m1', messages, tools });
    const call = result.toolCalls[0];
    expect(call).toEqual({ id: 'c1', name: 'weather', arguments: { city: 'Paris', unit: 'c' } });
    if (call?.name === 'weather') {
      expectTypeOf(call.arguments).toEqualTypeOf<{ city: string; unit: 'c' | 'f' }>();
      const city: string = call.arguments.city;
      expect(city).toBe('Paris');
      // @ts-expect-error: weather takes no `zone`
      expect(call.arguments.zone).toBeUndefined();
    }
    if (call?.name === 'clock') expectTypeOf(call.arguments).toEqualTypeOf<{ zone: string }>();
    // @ts-expect-error: no such tool
    if (call?.name === 'calendar') expect.unreachable();
  });

  it('refuses arguments that fail the schema, naming the tool and carrying the arguments', async () => {
    const runtime = runtimeAnswering([
      {
        type: 'result',
        result: {
          usage,
          finishReason: 'tool-calls',
          content: [{ type: 'tool-call', id: 'c1', name: 'weather', arguments: { city: 42 } }],
        },
      },
    ]);
    const error = (await runtime
      .chat({ model: 'acme/m1', messages, tools })
      .catch((e: unknown) => e)) as PalError;
    expect(error.code).toBe('SERIALIZATION_ERROR');
    expect(error.message).toBe(
      'The arguments of tool "weather" do not match its parameters: city: Invalid input: expected string, received number',
    );
    expect(error.details).toMatchObject({ toolName: 'weather', toolCallId: 'c1', arguments: { city: 42 } });
  });
});
