import { type ChatRequestInput, createRuntime, type StreamEvent } from '@pal/core';
import { describe, expect, it } from 'vitest';
import { adapterFor, useGeminiEmulator } from './gemini.test-support.js';

const emulator = useGeminiEmulator();

// Gemini 3 ids come and go in the catalog: let any id through, as a live model list would
const runtime = () =>
  createRuntime({
    providers: [{ adapter: adapterFor(emulator.current), allowUnknownModels: true }],
    policies: { retry: false },
  });

const weatherTool = {
  name: 'get_weather',
  description: 'Current weather',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const ask = 'use get_weather for Paris';
const first = (model: string): ChatRequestInput => ({
  model: `gemini/${model}`,
  tools: [weatherTool],
  messages: [{ role: 'user', content: ask }],
});
/** The next turn: the assistant's content as returned, then the tool's result. */
const followUp = (model: string, assistant: unknown[]): ChatRequestInput => ({
  model: `gemini/${model}`,
  tools: [weatherTool],
  messages: [
    { role: 'user', content: ask },
    { role: 'assistant', content: assistant as never },
    { role: 'tool', toolCallId: 'call_0', content: '{"temp":21}' },
  ],
});
/** The functionCall parts of the model turns the last request sent. */
const sentCalls = () =>
  ((emulator.current.lastRequest()!.body as any).contents as any[])
    .filter((c) => c.role === 'model')
    .flatMap((c) => c.parts.filter((p: any) => p.functionCall));

describe('gemini 3 thought signatures round-trip on tool calls', () => {
  it('chat: call (signature on the tool-call part) → tool result → answer', async () => {
    const pal = runtime();
    const call = await pal.chat(first('gemini-3-pro-preview'));
    expect(call.finishReason).toBe('tool-calls');
    const part = call.content.find((p) => p.type === 'tool-call');
    expect(part).toMatchObject({ type: 'tool-call', id: 'call_0', name: 'get_weather' });
    const signature = (part as { signature?: string }).signature;
    expect(signature).toEqual(expect.any(String));
    expect(call.toolCalls[0]).toMatchObject({ id: 'call_0', signature });

    const answer = await pal.chat(followUp('gemini-3-pro-preview', call.content));
    expect(answer.text).toContain('21');
    expect(sentCalls()).toEqual([
      { functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: signature },
    ]);
  });

  it('stream: the tool-call event and the assembled result carry the signature; the next turn sends it back', async () => {
    const pal = runtime();
    const stream = pal.stream(first('gemini-3-pro-preview'));
    const events: StreamEvent[] = [];
    for await (const event of stream) events.push(event);
    const result = await stream.result();
    const event = events.find((e) => e.type === 'tool-call');
    const signature = event?.type === 'tool-call' ? event.signature : undefined;
    expect(signature).toEqual(expect.any(String));
    expect(result.content.find((p) => p.type === 'tool-call')).toMatchObject({ signature });

    const next = pal.stream(followUp('gemini-3-pro-preview', result.content));
    expect(await next.text()).toContain('21');
    expect(sentCalls()[0]?.thoughtSignature).toBe(signature);
  });

  it('a call without a signature (Gemini 2.5, or one written by hand) is sent without one', async () => {
    const pal = runtime();
    const call = await pal.chat(first('gemini-2.5-flash'));
    expect(call.content.find((p) => p.type === 'tool-call')).not.toHaveProperty('signature');
    await pal.chat(followUp('gemini-2.5-flash', call.content));
    expect(sentCalls()).toEqual([{ functionCall: { name: 'get_weather', args: { city: 'Paris' } } }]);
  });
});
