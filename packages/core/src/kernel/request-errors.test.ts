import { createScriptedAdapter } from '@pal/testkit/scripted';
import { describe, expect, it } from 'vitest';
import type { ChatRequestInput } from '../contracts/chat-request.js';
import { palErrorFromHttp } from '../errors/http-error.js';
import type { PalError } from '../errors/pal-error.js';
import { createRuntime } from './runtime.js';

/** Errors a person reads: each test asserts the words they get. */
function setup(checkContextWindow?: boolean) {
  const adapter = createScriptedAdapter({
    id: 'acme',
    models: [{ id: 'small', displayName: 'Acme Small', contextWindow: 100 }],
    script: () => ({ type: 'result', text: 'ok' }),
  });
  const runtime = createRuntime({
    providers: [{ adapter, ...(checkContextWindow !== undefined && { checkContextWindow }) }],
  });
  return { adapter, runtime };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error as PalError,
  );

describe('unknown request keys', () => {
  const { adapter, runtime } = setup();

  it.each([
    ['temprature', { temprature: 0.2 }, 'temprature: unknown field; did you mean "temperature"?'],
    ['max_tokens', { max_tokens: 50 }, 'max_tokens: unknown field; did you mean "maxOutputTokens"?'],
    ['top_p', { top_p: 0.5 }, 'top_p: unknown field; did you mean "topP"?'],
    ['system', { system: 'be brief' }, 'system: unknown field; did you mean a message with role "system"?'],
  ])('%s is refused with a did-you-mean, not dropped', async (_name, extra, words) => {
    const error = await failure(
      runtime.chat({
        model: 'acme/small',
        messages: [{ role: 'user', content: 'hi' }],
        ...extra,
      } as ChatRequestInput),
    );
    expect(error.code).toBe('INVALID_REQUEST');
    expect(error.userMessage).toBe(`The chat request is invalid: ${words}`);
    expect(error.path).toEqual([Object.keys(extra)[0]]);
    expect(adapter.calls).toHaveLength(0);
  });

  it('names an unknown key inside a message by its path', async () => {
    const error = await failure(
      runtime.chat({
        model: 'acme/small',
        messages: [{ role: 'user', content: 'hi', contnet: 'x' }],
      } as unknown as ChatRequestInput),
    );
    expect(error.message).toBe(
      'Invalid chat request: messages[0].contnet: unknown field; did you mean "content"?',
    );
    expect(error.path).toEqual(['messages', 0, 'contnet']);
  });

  it("gives an empty content array PAL's own words", async () => {
    const error = await failure(
      runtime.chat({ model: 'acme/small', messages: [{ role: 'user', content: [] }] }),
    );
    expect(error.userMessage).toBe(
      'The chat request is invalid: messages[0].content: content is empty: give a string or at least one text or image part',
    );
    expect(error.path).toEqual(['messages', 0, 'content']);
  });
});

describe('context window', () => {
  const long = 'word '.repeat(200); // ~250 tokens by the estimate, over a 100-token window

  it('refuses a prompt over the window before sending, naming the window and the estimate', async () => {
    const { adapter, runtime } = setup();
    const error = await failure(
      runtime.chat({ model: 'acme/small', messages: [{ role: 'user', content: long }] }),
    );
    expect(error.code).toBe('CONTEXT_LENGTH_EXCEEDED');
    expect(error.retryable).toBe(false);
    expect(error.userMessage).toBe(
      'This conversation is about 257 tokens, more than Acme Small can read (100 tokens). Shorten it or pick a model with a larger context window.',
    );
    expect(error.details).toEqual({ contextWindow: 100, estimatedInputTokens: 257 });
    expect(() =>
      runtime.stream({ model: 'acme/small', messages: [{ role: 'user', content: long }] }),
    ).toThrow(expect.objectContaining({ code: 'CONTEXT_LENGTH_EXCEEDED' }));
    expect(adapter.calls).toHaveLength(0);
  });

  it('lets a provider registered with checkContextWindow: false decide for itself', async () => {
    const { adapter, runtime } = setup(false);
    await expect(
      runtime.chat({ model: 'acme/small', messages: [{ role: 'user', content: long }] }),
    ).resolves.toMatchObject({ text: 'ok' });
    expect(adapter.calls).toHaveLength(1);
  });
});

describe('a wrong base URL', () => {
  it("turns a 404 that is not about a model into 'check the provider's baseURL'", () => {
    const error = palErrorFromHttp({ provider: 'openai', status: 404, body: '404 page not found' });
    expect(error.userMessage).toBe("openai has no such endpoint (404): check the provider's baseURL.");
    expect(error.action).toBe('provider-settings');
    expect(error.retryable).toBe(false);
  });
});

describe('a runtime with no providers', () => {
  it('says how to add one', async () => {
    const runtime = createRuntime();
    const error = await failure(
      runtime.chat({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
    );
    expect(error.code).toBe('PROVIDER_NOT_FOUND');
    expect(error.path).toEqual(['model']);
    expect(error.message).toContain(
      "createRuntime({ providers: [openai()] }) with `import { openai } from '@pal/provider-openai'`",
    );
    const prefixed = await failure(
      runtime.chat({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
    );
    expect(prefixed.message).toContain('and no provider is: add one');
  });
});
