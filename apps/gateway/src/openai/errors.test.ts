import OpenAI from 'openai';
import { describe, expect, it, vi } from 'vitest';
import { postJson, useGateway } from './openai-gateway.test-support.js';

const gateway = useGateway();
const chatUrl = () => `${gateway.url}/v1/chat/completions`;
const hello = { model: 'openai/gpt-5.4-mini', messages: [{ role: 'user', content: 'Hi' }] };

describe('errors in OpenAI shape', () => {
  it('an unknown model is a 404 with PAL code, for chat and for a stream, before anything is sent', async () => {
    for (const stream of [false, true]) {
      const answer = await postJson(chatUrl(), { ...hello, model: 'openai/gpt-5.4-mnii', stream });
      expect(answer.status).toBe(404);
      expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
      expect(answer.body.error).toMatchObject({
        type: 'not_found_error',
        code: 'MODEL_NOT_FOUND',
        param: 'model',
        pal: { code: 'MODEL_NOT_FOUND', action: 'pick-another-model' },
      });
      expect(answer.body.error.message).toContain('Did you mean "openai/gpt-5.4-mini"?');
      expect(answer.headers.get('x-request-id')).toMatch(/\S+/);
    }
    expect(gateway.openai.requests).toHaveLength(0);
  });

  it('the openai SDK throws NotFoundError with the code', async () => {
    const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'any', maxRetries: 0 });
    const error = await client.chat.completions
      .create({ model: 'nope/gpt-5.4', messages: [{ role: 'user', content: 'Hi' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as InstanceType<typeof OpenAI.NotFoundError>).code).toBe('PROVIDER_NOT_FOUND');
  });

  it('a bad body is a 400 naming the field', async () => {
    const wrongRole = await postJson(chatUrl(), { ...hello, messages: [{ role: 'robot', content: 'Hi' }] });
    expect(wrongRole.status).toBe(400);
    expect(wrongRole.body.error).toMatchObject({ type: 'invalid_request_error', code: 'INVALID_REQUEST' });
    expect(wrongRole.body.error.param).toBe('messages.0.role');

    const hot = await postJson(chatUrl(), { ...hello, temperature: 3 });
    expect(hot.status).toBe(400);
    expect(hot.body.error.param).toBe('temperature');

    const typo = await postJson(chatUrl(), { ...hello, temprature: 0.5 });
    expect(typo.status).toBe(400);
    expect(typo.body.error.param).toBe('temprature');
    expect(typo.body.error.message).toContain('did you mean "temperature"?');

    const notJson = await postJson(chatUrl(), '{"model":');
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.message).toContain('not valid JSON');
    expect(gateway.openai.requests).toHaveLength(0);
  });

  it('n: 2 is a 400 that says only one choice is supported', async () => {
    const answer = await postJson(chatUrl(), { ...hello, n: 2 });
    expect(answer.status).toBe(400);
    expect(answer.body.error.param).toBe('n');
    expect(answer.body.error.message).toContain('only n: 1 is supported');
    const one = await postJson(chatUrl(), { ...hello, n: 1 });
    expect(one.status).toBe(200);
  });

  it('a refused field is a 400 naming it; an ignored one is served with x-pal-warnings', async () => {
    const logprobs = await postJson(chatUrl(), { ...hello, logprobs: true });
    expect(logprobs.status).toBe(400);
    expect(logprobs.body.error.param).toBe('logprobs');

    const ignored = await postJson(chatUrl(), { ...hello, parallel_tool_calls: false, store: true });
    expect(ignored.status).toBe(200);
    const warnings = JSON.parse(ignored.headers.get('x-pal-warnings') ?? '[]') as string[];
    expect(warnings).toEqual([
      expect.stringContaining('parallel_tool_calls'),
      expect.stringContaining('store'),
    ]);
    expect(ignored.body.pal.warnings).toEqual(warnings);
  });

  it('an upstream failure maps to its status (a vendor 500 → 502)', async () => {
    gateway.openai.script({ fault: { type: 'error', kind: 'server' } });
    const failed = await postJson(chatUrl(), hello);
    expect(failed.status).toBe(502);
    expect(failed.body.error).toMatchObject({ type: 'api_error', code: 'PROVIDER_API_ERROR' });
  });

  it('a mid-stream failure ends the stream with an error the openai SDK throws', async () => {
    gateway.openai.script({ text: 'one two three four', chunks: 4, fault: { type: 'cut', afterChunks: 3 } });
    const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'any', maxRetries: 0 });
    const stream = await client.chat.completions.create({
      ...hello,
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
    });
    let text = '';
    const failure = await (async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    })().catch((e: unknown) => e);
    expect(text.length).toBeGreaterThan(0);
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    // the connection cut mid-answer: PAL's code for it, in OpenAI's error shape
    expect((failure as InstanceType<typeof OpenAI.APIError>).code).toBe('NETWORK_ERROR');
    expect((failure as InstanceType<typeof OpenAI.APIError>).error).toMatchObject({
      pal: { retryable: true },
    });
  });
});

describe('a client that goes away aborts the upstream call', () => {
  it('mid-stream: the emulator sees its connection closed early', async () => {
    gateway.openai.script({
      text: 'a b c d e f',
      chunks: 6,
      fault: { type: 'stall', ms: 30_000, afterChunks: 3 },
    });
    const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'any', maxRetries: 0 });
    const controller = new AbortController();
    const stream = await client.chat.completions.create(
      { ...hello, messages: [{ role: 'user', content: 'Hi' }], stream: true },
      { signal: controller.signal },
    );
    let text = '';
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (text.length > 0) {
        expect(gateway.openai.lastRequest()?.clientClosedEarly).toBe(false);
        break; // leaving the loop aborts the SDK's request
      }
    }
    expect(text.length).toBeGreaterThan(0);
    await vi.waitFor(() => expect(gateway.openai.lastRequest()?.clientClosedEarly).toBe(true), {
      timeout: 10_000,
    });
  });

  it('before the answer: an aborted chat request closes the upstream request too', async () => {
    gateway.openai.script({ fault: { type: 'stall', ms: 30_000 } });
    const controller = new AbortController();
    const pending = postJson(chatUrl(), hello, { signal: controller.signal }).catch((e: unknown) => e);
    await vi.waitFor(() => expect(gateway.openai.requests).toHaveLength(1), { timeout: 10_000 });
    expect(gateway.openai.lastRequest()?.clientClosedEarly).toBe(false);
    controller.abort();
    expect(await pending).toBeInstanceOf(Error);
    await vi.waitFor(() => expect(gateway.openai.lastRequest()?.clientClosedEarly).toBe(true), {
      timeout: 10_000,
    });
  });
});
