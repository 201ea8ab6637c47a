import { type ChatRequestInput, createRuntime, isPalError, type PalError, type StreamEvent } from '@pal/core';
import { type Emulator, startEmulator } from '@pal/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { azureOpenAI } from './azure-openai.js';
import { openai } from './openai.js';
import { callContext, chatRequest, TEST_KEY } from './openai.test-support.js';
import { groq } from './presets.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator('openai');
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const chatApi = () => openai({ apiKey: TEST_KEY, baseURL: `${emu.url}/v1` });
const responsesApi = () => openai({ apiKey: TEST_KEY, baseURL: `${emu.url}/v1`, api: 'responses' });
const sentBody = () => emu.lastRequest()?.body as Record<string, any>;
const ask = (extra: Partial<ChatRequestInput> = {}): ChatRequestInput => ({
  model: 'openai/gpt-4o-mini',
  messages: [{ role: 'user', content: 'Hi' }],
  ...extra,
});

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

const topK = { type: 'unsupported-setting', setting: 'topK' };

describe('openai warnings', () => {
  it('says topK was not sent (Chat Completions has none), on the result and the stream finish', async () => {
    const runtime = createRuntime({ providers: [chatApi()], policies: { retry: false } });
    const result = await runtime.chat(ask({ topK: 40 }));
    expect(result.warnings).toEqual([expect.objectContaining(topK)]);
    expect(sentBody()).not.toHaveProperty('top_k');
    const events = await drain(runtime.stream(ask({ topK: 40 })));
    const finish = events.at(-1);
    expect(finish?.type === 'finish' && finish.warnings).toEqual([expect.objectContaining(topK)]);
  });

  it('drops reasoning for a model the catalog says does not reason, keeps it for one that does', async () => {
    const runtime = createRuntime({ providers: [chatApi()], policies: { retry: false } });
    const plain = await runtime.chat(ask({ reasoning: { effort: 'high' } }));
    expect(sentBody()).not.toHaveProperty('reasoning_effort');
    expect(plain.warnings).toEqual([
      expect.objectContaining({ type: 'unsupported-setting', setting: 'reasoning' }),
    ]);
    const reasoning = await runtime.chat(
      ask({ model: 'openai/o3-mini', reasoning: { effort: 'high', budgetTokens: 900 } }),
    );
    expect(sentBody().reasoning_effort).toBe('high');
    expect(reasoning.warnings).toEqual([
      expect.objectContaining({ type: 'unsupported-setting', setting: 'reasoning.budgetTokens' }),
    ]);
  });

  it('names what the Responses API does not take: stop, seed, penalties, names, tool error flags', async () => {
    const ctx = callContext();
    await responsesApi().chat(
      chatRequest({
        stop: ['END'],
        seed: 3,
        presencePenalty: 0.2,
        frequencyPenalty: 0.2,
        messages: [
          { role: 'user', content: 'Weather?', name: 'ann' },
          { role: 'assistant', content: [{ type: 'tool-call', id: 'c1', name: 'weather', arguments: {} }] },
          { role: 'tool', toolCallId: 'c1', content: 'failed', isError: true },
        ],
      }),
      ctx,
    );
    expect(ctx.call.warnings.map((w) => w.type !== 'other' && w.setting)).toEqual([
      'stop',
      'seed',
      'presencePenalty',
      'frequencyPenalty',
      'messages[0].name',
      'messages[2].isError',
    ]);
    for (const field of ['stop', 'seed', 'presence_penalty', 'frequency_penalty'])
      expect(sentBody()).not.toHaveProperty(field);
  });
});

describe('openai providerOptions', () => {
  it('refuses options that try to set model (or another field PAL translates), before sending', async () => {
    const runtime = createRuntime({ providers: [chatApi()], policies: { retry: false } });
    const error = await failure(runtime.chat(ask({ providerOptions: { openai: { model: 'gpt-4o' } } })));
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', path: ['providerOptions', 'openai', 'model'] });
    expect(error.message).toContain('use model instead');
    const max = await failure(
      chatApi().chat(chatRequest({ providerOptions: { openai: { max_tokens: 5 } } }), callContext()),
    );
    expect(max.message).toContain('use maxOutputTokens instead');
    const messages = await failure(
      responsesApi().chat(chatRequest({ providerOptions: { openai: { input: [] } } }), callContext()),
    );
    expect(messages.path).toEqual(['providerOptions', 'openai', 'input']);
    const embed = await failure(
      chatApi().embed!(
        { model: 'text-embedding-3-small', input: 'hi', providerOptions: { openai: { model: 'x' } } },
        callContext(),
      ),
    );
    expect(embed.path).toEqual(['providerOptions', 'openai', 'model']);
    expect(emu.requests).toHaveLength(0);
  });

  it('refuses a wrongly typed known option; passes unknown host fields on', async () => {
    const error = await failure(
      chatApi().chat(chatRequest({ providerOptions: { openai: { store: 'yes' } } }), callContext()),
    );
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', path: ['providerOptions', 'openai', 'store'] });
    expect(emu.requests).toHaveLength(0);
    const host = groq({ apiKey: TEST_KEY, baseURL: `${emu.url}/v1` });
    await host.chat(
      chatRequest({
        model: 'llama-3.3-70b-versatile',
        providerOptions: { groq: { reasoning_format: 'hidden' } },
      }),
      callContext(),
    );
    expect(sentBody().reasoning_format).toBe('hidden');
  });

  it('merges Responses reasoning and text field by field, and appends built-in tools', async () => {
    const weather = { name: 'weather', parameters: { type: 'object', properties: {} } };
    await responsesApi().chat(
      chatRequest({
        model: 'o3-mini',
        tools: [weather],
        reasoning: { effort: 'low' },
        providerOptions: {
          openai: {
            reasoning: { summary: 'auto' },
            text: { verbosity: 'low' },
            tools: [{ type: 'web_search' }],
          },
        },
      }),
      callContext(),
    );
    expect(sentBody()).toMatchObject({
      reasoning: { effort: 'low', summary: 'auto' },
      text: { verbosity: 'low' },
      tools: [expect.objectContaining({ type: 'function', name: 'weather' }), { type: 'web_search' }],
    });
    const effort = await failure(
      responsesApi().chat(
        chatRequest({ providerOptions: { openai: { reasoning: { effort: 'high' } } } }),
        callContext(),
      ),
    );
    expect(effort.path).toEqual(['providerOptions', 'openai', 'reasoning', 'effort']);
    const fn = await failure(
      responsesApi().chat(
        chatRequest({ providerOptions: { openai: { tools: [{ type: 'function', name: 'f' }] } } }),
        callContext(),
      ),
    );
    expect(fn.path).toEqual(['providerOptions', 'openai', 'tools', 0]);
  });
});

describe('openai alternative models', () => {
  it('suggests GPT-5.4 mini when a GPT model is unavailable on OpenAI (not for itself, nor for images or embeddings), and nothing for Azure deployments', async () => {
    emu.script({ fault: { type: 'error', kind: 'overloaded' } });
    const adapter = chatApi();
    // the kernel maps what an adapter throws through its toPalError
    const raw = await adapter.chat(chatRequest({ model: 'gpt-5.5' }), callContext()).catch((e: unknown) => e);
    const error = adapter.toPalError(raw, { model: 'gpt-5.5' });
    expect(error.code).toBe('OVERLOADED');
    expect(error.alternativeModel).toBe('gpt-5.4-mini');
    expect(error.userMessage).toBe('GPT-5.5 is unavailable right now. Try GPT-5.4-mini instead?');
    expect(adapter.toPalError(raw, { model: 'gpt-4o' }).alternativeModel).toBe('gpt-5.4-mini');
    expect(adapter.toPalError(raw, { model: 'o3-mini' }).alternativeModel).toBe('gpt-5.4-mini');
    for (const model of ['gpt-5.4-mini', 'gpt-image-1', 'text-embedding-3-small', 'dall-e-3'])
      expect(adapter.toPalError(raw, { model }).alternativeModel).toBeUndefined();
    const azure = azureOpenAI({ endpoint: emu.url, apiKey: TEST_KEY });
    const deployment = azure.toPalError(raw, { model: 'gpt-4o' });
    expect(deployment.code).toBe('OVERLOADED');
    expect(deployment.alternativeModel).toBeUndefined();
  });
});
