import type { ChatRequestInput } from '@pal/core';
import { expect, it } from 'vitest';
import { type ConformanceHarness, drain, eventOf } from './harness.js';

const WEATHER_TOOL = {
  name: 'get_weather',
  description: 'Current weather for a city',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string' }, days: { type: 'integer' } },
    required: ['city'],
  },
};
const CALL = { name: 'get_weather', arguments: { city: 'Paris', days: 3 } };
const TOOL_RESULT = 'Sunny and 21 degrees in Paris';

/** Registers the tool tests: a call (non-stream and streamed, same arguments) and the tool-result round trip. */
export function registerToolCases(h: ConformanceHarness): void {
  const request = (): ChatRequestInput => ({
    model: h.ref(h.options.models.chat),
    messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
    tools: [WEATHER_TOOL],
  });

  const tools = h.options.capabilities.tools === true;
  const streaming = tools && h.options.capabilities.streaming !== false;

  it.runIf(tools)('tools: a tool call comes back with parsed arguments and a tool-calls finish', async () => {
    h.emulator.script({ toolCalls: [CALL] });
    const result = await h.runtime().chat(request());
    expect(result.toolCalls).toHaveLength(1);
    expect(result.toolCalls[0]).toMatchObject({ name: CALL.name, arguments: CALL.arguments });
    expect(result.toolCalls[0]?.id).toEqual(expect.any(String));
    expect(result.finishReason).toBe('tool-calls');
    expect(JSON.stringify(h.emulator.requests[0]?.body)).toContain('get_weather');
  });

  it.runIf(streaming)('tools: a streamed tool call assembles into the same arguments object', async () => {
    h.emulator.script({ toolCalls: [CALL], chunks: 4 });
    const events = await drain(h.runtime().stream(request()));
    const call = eventOf(events, 'tool-call');
    expect(call.name).toBe(CALL.name);
    expect(call.arguments).toEqual(CALL.arguments);
    expect(eventOf(events, 'finish').finishReason).toBe('tool-calls');
  });

  it.runIf(tools)('tools: the tool result goes back to the vendor on the next turn', async () => {
    h.emulator.script({ toolCalls: [CALL] }, { text: 'It is sunny in Paris.' });
    const runtime = h.runtime();
    const first = await runtime.chat(request());
    const call = first.toolCalls[0];
    expect(call).toBeDefined();
    const second = await runtime.chat({
      ...request(),
      messages: [
        ...(request().messages ?? []),
        { role: 'assistant', content: first.content },
        { role: 'tool', toolCallId: call!.id, name: call!.name, content: TOOL_RESULT },
      ],
    });
    expect(second.text).toBe('It is sunny in Paris.');
    const sent = JSON.stringify(h.emulator.requests[1]?.body);
    expect(sent).toContain(TOOL_RESULT);
    expect(sent).toContain('Paris');
    expect(sent.indexOf('get_weather')).toBeLessThan(sent.indexOf(TOOL_RESULT));
  });
}
