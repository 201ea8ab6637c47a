import { type ChatRequestInput, createRuntime, isPalError, type PalError, type StreamEvent } from '@pal/core';
import { type Emulator, startEmulator } from '@pal/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { anthropic } from './anthropic.js';
import { callContext, chatRequest } from './test-support.test-helper.js';

let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator('anthropic');
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const adapter = () => anthropic({ apiKey: 'sk-ant-unit-test-0001', baseURL: emu.url });
const runtime = () => createRuntime({ providers: [adapter()], policies: { retry: false } });
const ask = (extra: Partial<ChatRequestInput> = {}): ChatRequestInput => ({
  model: 'anthropic/claude-haiku-4-5',
  messages: [{ role: 'user', content: 'Hello' }],
  ...extra,
});
const sentBody = () => emu.lastRequest()!.body as Record<string, any>;

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

const temperature = { type: 'unsupported-setting', setting: 'temperature' };

describe('anthropic warnings', () => {
  it('says temperature was not sent, on the chat result and on the stream finish event', async () => {
    const result = await runtime().chat(ask({ temperature: 0.2 }));
    expect(result.warnings).toContainEqual(expect.objectContaining(temperature));
    expect(sentBody()).not.toHaveProperty('temperature');
    const events = await drain(runtime().stream(ask({ temperature: 0.2 })));
    const finish = events.at(-1);
    expect(finish?.type).toBe('finish');
    expect(finish?.type === 'finish' && finish.warnings).toContainEqual(expect.objectContaining(temperature));
    const clean = await runtime().chat(ask());
    expect(clean.warnings).toBeUndefined();
  });

  it('names every setting Anthropic does not take, a raised max_tokens and a replaced tool choice', async () => {
    const ctx = callContext();
    await adapter().chat(
      chatRequest({
        topP: 0.9,
        topK: 5,
        seed: 7,
        presencePenalty: 0.1,
        frequencyPenalty: 0.1,
        messages: [{ role: 'user', content: 'Hi', name: 'ann' }],
      }),
      ctx,
    );
    expect(ctx.call.warnings.map((w) => w.type === 'unsupported-setting' && w.setting)).toEqual([
      'topP',
      'topK',
      'seed',
      'presencePenalty',
      'frequencyPenalty',
      'messages[0].name',
    ]);
    const raised = callContext();
    await adapter().chat(chatRequest({ maxOutputTokens: 256, reasoning: { budgetTokens: 2048 } }), raised);
    expect(sentBody().max_tokens).toBe(3072);
    expect(raised.call.warnings).toEqual([
      { type: 'changed-setting', setting: 'maxOutputTokens', details: expect.stringContaining('3072') },
    ]);
    const forced = callContext();
    emu.script({ text: '{"a":1}' });
    await adapter().chat(chatRequest({ responseFormat: { type: 'json' }, toolChoice: 'auto' }), forced);
    expect(forced.call.warnings).toEqual([
      { type: 'changed-setting', setting: 'toolChoice', details: expect.any(String) },
    ]);
  });

  it('drops reasoning for a model whose catalog entry says it does not reason, and says so', async () => {
    // no current Claude lacks thinking: a catalog entry that says so stands for the older ones
    const noThinking = createRuntime({
      providers: [
        { adapter: adapter(), models: { 'claude-haiku-4-5': { capabilities: { reasoning: false } } } },
      ],
      policies: { retry: false },
    });
    const result = await noThinking.chat(ask({ reasoning: { effort: 'low' } }));
    expect(sentBody()).not.toHaveProperty('thinking');
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ type: 'unsupported-setting', setting: 'reasoning' }),
    );
  });
});

describe('anthropic providerOptions', () => {
  it('refuses options that try to set model (or another field PAL translates), before sending', async () => {
    const error = await failure(
      runtime().chat(ask({ providerOptions: { anthropic: { model: 'claude-opus-4-8' } } })),
    );
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', path: ['providerOptions', 'anthropic', 'model'] });
    expect(error.message).toContain('use model instead');
    const maxTokens = await failure(
      adapter().chat(chatRequest({ providerOptions: { anthropic: { max_tokens: 9 } } }), callContext()),
    );
    expect(maxTokens.message).toContain('use maxOutputTokens instead');
    const format = await failure(
      adapter().chat(
        chatRequest({
          providerOptions: { anthropic: { output_config: { format: { type: 'json_schema' } } } },
        }),
        callContext(),
      ),
    );
    expect(format.path).toEqual(['providerOptions', 'anthropic', 'output_config', 'format']);
    expect(emu.requests).toHaveLength(0);
  });

  it('refuses a wrongly typed known option, and passes unknown (beta) fields on', async () => {
    const error = await failure(
      adapter().chat(
        chatRequest({ providerOptions: { anthropic: { service_tier: 'fastest' } } }),
        callContext(),
      ),
    );
    expect(error).toMatchObject({
      code: 'INVALID_REQUEST',
      path: ['providerOptions', 'anthropic', 'service_tier'],
    });
    expect(emu.requests).toHaveLength(0);
    await adapter().chat(
      chatRequest({
        providerOptions: {
          anthropic: { context_management: { edits: [] }, output_config: { effort: 'high' } },
        },
      }),
      callContext(),
    );
    expect(sentBody()).toMatchObject({
      context_management: { edits: [] },
      output_config: { effort: 'high' },
    });
  });

  it('appends server tools after the translated tools, and refuses a custom tool there', async () => {
    const weather = { name: 'weather', parameters: { type: 'object', properties: {} } };
    const search = { type: 'web_search_20250305', name: 'web_search', max_uses: 2 };
    await adapter().chat(
      chatRequest({ tools: [weather], providerOptions: { anthropic: { tools: [search] } } }),
      callContext(),
    );
    expect(sentBody().tools.map((t: { name: string }) => t.name)).toEqual(['weather', 'web_search']);
    const custom = { name: 'mine', input_schema: { type: 'object' } };
    const error = await failure(
      adapter().chat(chatRequest({ providerOptions: { anthropic: { tools: [custom] } } }), callContext()),
    );
    expect(error.path).toEqual(['providerOptions', 'anthropic', 'tools', 0]);
  });
});

describe('anthropic alternative models', () => {
  it('suggests Haiku when a Sonnet is unavailable', async () => {
    emu.script({ fault: { type: 'error', kind: 'overloaded' } });
    const error = await failure(adapter().chat(chatRequest({ model: 'claude-sonnet-4-6' }), callContext()));
    expect(error.code).toBe('OVERLOADED');
    expect(error.alternativeModel).toBe('claude-haiku-4-5');
    expect(error.userMessage).toBe(
      'Claude Sonnet 4.6 is unavailable right now. Try Claude Haiku 4.5 instead?',
    );
  });
});
