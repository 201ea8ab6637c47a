import {
  type CallContext,
  type ChatRequestInput,
  createCall,
  createRuntime,
  isPalError,
  type PalError,
  type StreamEvent,
} from '@pal/core';
import { chatRequestSchema } from '@pal/core/provider';
import { type Emulator, startEmulator } from '@pal/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ollama } from './ollama-provider.js';
import { toOllamaChatBody } from './to-ollama-request.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator('ollama');
});
beforeEach(() => emulator.reset());
afterAll(() => emulator.close());

const ctx = (): CallContext => ({
  signal: new AbortController().signal,
  attempt: 1,
  headers: {},
  requestId: 'req-1',
  call: createCall('chat', 'req-1'),
});
const request = (input: Partial<ChatRequestInput> = {}) =>
  chatRequestSchema.parse({ model: 'llama3.2', messages: [{ role: 'user', content: 'Hello' }], ...input });
const adapter = () => ollama({ baseURL: emulator.url });
const sent = () => emulator.lastRequest()?.body as Record<string, any>;
const weather = { name: 'weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } };

async function failure(promise: Promise<unknown>): Promise<PalError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isPalError(error)) throw new Error(`expected a PalError, got ${String(error)}`);
  return error;
}

async function drain(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

const required = { type: 'changed-setting', setting: 'toolChoice' };

describe('ollama warnings', () => {
  it("says toolChoice 'required' cannot be enforced, on the chat result and the stream finish", async () => {
    const runtime = createRuntime({ providers: [adapter()], policies: { retry: false } });
    const ask: ChatRequestInput = {
      model: 'ollama/llama3.2',
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [weather],
      toolChoice: 'required',
    };
    const result = await runtime.chat(ask);
    expect(result.warnings).toEqual([expect.objectContaining(required)]);
    expect(sent()).not.toHaveProperty('tool_choice');
    expect(sent().tools).toHaveLength(1);
    const events = await drain(runtime.stream(ask));
    const finish = events.at(-1);
    expect(finish?.type === 'finish' && finish.warnings).toEqual([expect.objectContaining(required)]);
  });

  it('says a named tool choice is only offered, and what of reasoning it cannot send', async () => {
    const call = ctx();
    await adapter().chat(
      request({
        model: 'qwen3',
        tools: [weather, { name: 'time', parameters: {} }],
        toolChoice: { type: 'tool', name: 'time' },
        reasoning: { effort: 'low', budgetTokens: 500 },
      }),
      call,
    );
    expect(sent().tools.map((t: { function: { name: string } }) => t.function.name)).toEqual(['time']);
    expect(sent().think).toBe(true);
    expect(call.call.warnings.map((w) => w.type !== 'other' && w.setting)).toEqual([
      'toolChoice',
      'reasoning.budgetTokens',
      'reasoning.effort',
    ]);
    // gpt-oss takes a level (the emulator serves no gpt-oss, so the body is checked as translated)
    const warnings: unknown[] = [];
    const body = toOllamaChatBody(
      request({ model: 'gpt-oss:20b', reasoning: { effort: 'high' } }),
      false,
      'ollama',
      (w) => warnings.push(w),
    );
    expect(body.think).toBe('high');
    expect(warnings).toEqual([]);
  });

  it('drops reasoning for a model the catalog says does not think (Ollama would refuse it), and says so', async () => {
    const runtime = createRuntime({ providers: [adapter()], policies: { retry: false } });
    const result = await runtime.chat({
      model: 'ollama/llama3.2',
      messages: [{ role: 'user', content: 'Hi' }],
      reasoning: { effort: 'low' },
    });
    expect(sent()).not.toHaveProperty('think');
    expect(result.warnings).toEqual([
      expect.objectContaining({ type: 'unsupported-setting', setting: 'reasoning' }),
    ]);
  });
});

describe('ollama providerOptions', () => {
  it('refuses options that try to set model, think or a sampling option PAL writes, before sending', async () => {
    const model = await failure(
      adapter().chat(request({ providerOptions: { ollama: { model: 'qwen3' } } }), ctx()),
    );
    expect(model).toMatchObject({ code: 'INVALID_REQUEST', path: ['providerOptions', 'ollama', 'model'] });
    expect(model.message).toContain('use model instead');
    const numPredict = await failure(
      adapter().chat(request({ providerOptions: { ollama: { options: { num_predict: 5 } } } }), ctx()),
    );
    expect(numPredict.path).toEqual(['providerOptions', 'ollama', 'options', 'num_predict']);
    expect(numPredict.message).toContain('use maxOutputTokens instead');
    expect(emulator.requests).toHaveLength(0);
  });

  it('refuses a wrongly typed option and an unknown top-level field (Ollama would ignore it)', async () => {
    const typed = await failure(
      adapter().chat(request({ providerOptions: { ollama: { options: { num_ctx: 'big' } } } }), ctx()),
    );
    expect(typed.path).toEqual(['providerOptions', 'ollama', 'options', 'num_ctx']);
    const typo = await failure(
      adapter().chat(request({ providerOptions: { ollama: { keepalive: '5m' } } }), ctx()),
    );
    expect(typo.message).toContain('did you mean "keep_alive"?');
    const embed = await failure(
      adapter().embed!(
        { model: 'nomic-embed-text', input: 'hi', providerOptions: { ollama: { input: 'x' } } },
        ctx(),
      ),
    );
    expect(embed.path).toEqual(['providerOptions', 'ollama', 'input']);
    expect(emulator.requests).toHaveLength(0);
  });
});
