import {
  type ChatRequest,
  type ChatRequestInput,
  createRuntime,
  isPalError,
  type PalError,
  type StreamEvent,
} from '@pal/core';
import { chatRequestSchema } from '@pal/core/provider';
import { describe, expect, it } from 'vitest';
import { adapterFor, callContext, useGeminiEmulator } from './gemini.test-support.js';

const emulator = useGeminiEmulator();

const adapter = () => adapterFor(emulator.current);
const ctx = callContext;
const request = (extra: Partial<ChatRequestInput> = {}): ChatRequest =>
  chatRequestSchema.parse({
    model: 'gemini-2.5-flash',
    messages: [{ role: 'user', content: 'Hi' }],
    ...extra,
  });
const ask = (extra: Partial<ChatRequestInput> = {}): ChatRequestInput => ({
  model: 'gemini/gemini-2.5-flash',
  messages: [{ role: 'user', content: 'Hi' }],
  ...extra,
});
const sentBody = () => emulator.current.lastRequest()?.body as Record<string, any>;

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

describe('gemini warnings', () => {
  it("says which schema keywords Gemini's subset dropped, on the result and the stream finish", async () => {
    const runtime = createRuntime({ providers: [adapter()], policies: { retry: false } });
    const schema = { type: 'object', properties: { code: { type: 'string', pattern: '^[A-Z]{3}$' } } };
    emulator.current.script({ text: '{"code":"ABC"}' }, { text: '{"code":"ABC"}' });
    const result = await runtime.chat(ask({ responseFormat: { type: 'json', schema, name: 'airport' } }));
    expect(result.warnings).toEqual([
      {
        type: 'changed-setting',
        setting: 'responseFormat.schema',
        details: expect.stringContaining('pattern'),
      },
      {
        type: 'unsupported-setting',
        setting: 'responseFormat.name',
        details: 'Gemini takes a response schema only',
      },
    ]);
    expect(sentBody().generationConfig.responseSchema.properties.code).toEqual({ type: 'string' });
    const events = await drain(runtime.stream(ask({ responseFormat: { type: 'json', schema } })));
    const finish = events.at(-1);
    expect(finish?.type === 'finish' && finish.warnings).toEqual([
      expect.objectContaining({ type: 'changed-setting', setting: 'responseFormat.schema' }),
    ]);
  });

  it('names dropped tool-schema keywords per tool, and user names it cannot send', async () => {
    const call = ctx();
    const tool = {
      name: 'book',
      parameters: {
        type: 'object',
        properties: { email: { type: 'string', format: 'email' }, n: { type: 'integer', multipleOf: 2 } },
        additionalProperties: false,
      },
    };
    emulator.current.script({ text: 'ok' });
    await adapter().chat(
      request({ tools: [tool], messages: [{ role: 'user', content: 'Hi', name: 'ann' }] }),
      call,
    );
    expect(call.call.warnings).toEqual([
      {
        type: 'changed-setting',
        setting: 'tools[0].parameters',
        details: expect.stringMatching(/additionalProperties, format: email, multipleOf/),
      },
      { type: 'unsupported-setting', setting: 'messages[0].name', details: expect.any(String) },
    ]);
  });

  it('drops reasoning for a model the catalog says does not think, and says so', async () => {
    const runtime = createRuntime({ providers: [adapter()], policies: { retry: false } });
    const result = await runtime.chat(
      ask({ model: 'gemini/gemini-2.0-flash', reasoning: { effort: 'high' } }),
    );
    expect(sentBody().generationConfig?.thinkingConfig).toBeUndefined();
    expect(result.warnings).toEqual([
      expect.objectContaining({ type: 'unsupported-setting', setting: 'reasoning' }),
    ]);
  });
});

describe('gemini providerOptions', () => {
  it('refuses options that try to set the model, contents or a generation field PAL writes', async () => {
    const model = await failure(
      adapter().chat(request({ providerOptions: { gemini: { model: 'gemini-2.5-pro' } } }), ctx()),
    );
    expect(model).toMatchObject({ code: 'INVALID_REQUEST', path: ['providerOptions', 'gemini', 'model'] });
    const contents = await failure(
      adapter().chat(request({ providerOptions: { gemini: { contents: [] } } }), ctx()),
    );
    expect(contents.message).toContain('use messages instead');
    const max = await failure(
      adapter().chat(
        request({ providerOptions: { gemini: { generationConfig: { maxOutputTokens: 9 } } } }),
        ctx(),
      ),
    );
    expect(max.path).toEqual(['providerOptions', 'gemini', 'generationConfig', 'maxOutputTokens']);
    const thinking = await failure(
      adapter().chat(
        request({
          reasoning: { effort: 'low' },
          providerOptions: { gemini: { generationConfig: { thinkingConfig: { thinkingBudget: 0 } } } },
        }),
        ctx(),
      ),
    );
    expect(thinking.message).toContain('use reasoning instead');
    expect(emulator.current.requests).toHaveLength(0);
  });

  it('refuses a wrongly typed or unknown field, and merges the rest (thinkingConfig when PAL sets none)', async () => {
    const typed = await failure(
      adapter().chat(request({ providerOptions: { gemini: { cachedContent: 5 } } }), ctx()),
    );
    expect(typed.path).toEqual(['providerOptions', 'gemini', 'cachedContent']);
    const unknown = await failure(
      adapter().chat(request({ providerOptions: { gemini: { safetySetting: [] } } }), ctx()),
    );
    expect(unknown.message).toContain('did you mean "safetySettings"?');
    expect(emulator.current.requests).toHaveLength(0);
    await adapter().chat(
      request({
        providerOptions: { gemini: { generationConfig: { thinkingConfig: { thinkingBudget: 0 } } } },
      }),
      ctx(),
    );
    expect(sentBody().generationConfig).toEqual({ thinkingConfig: { thinkingBudget: 0 } });
  });

  it("appends built-in tools after PAL's function declarations, and refuses functions there", async () => {
    const weather = {
      name: 'weather',
      parameters: { type: 'object', properties: { city: { type: 'string' } } },
    };
    await adapter().chat(
      request({ tools: [weather], providerOptions: { gemini: { tools: [{ googleSearch: {} }] } } }),
      ctx(),
    );
    expect(sentBody().tools).toEqual([
      { functionDeclarations: [expect.objectContaining({ name: 'weather' })] },
      { googleSearch: {} },
    ]);
    const functions = await failure(
      adapter().chat(
        request({ providerOptions: { gemini: { tools: [{ functionDeclarations: [] }] } } }),
        ctx(),
      ),
    );
    expect(functions.path).toEqual(['providerOptions', 'gemini', 'tools', 0]);
  });
});

describe('gemini alternative models', () => {
  it('suggests Flash when a Pro is unavailable', async () => {
    emulator.current.script({ fault: { type: 'error', kind: 'overloaded' } });
    const error = await failure(
      adapter()
        .chat(request({ model: 'gemini-2.5-pro' }), ctx())
        .catch((e: unknown) => {
          throw adapter().toPalError(e, { model: 'gemini-2.5-pro' });
        }),
    );
    expect(error.code).toBe('OVERLOADED');
    expect(error.alternativeModel).toBe('gemini-3.6-flash');
  });
});
