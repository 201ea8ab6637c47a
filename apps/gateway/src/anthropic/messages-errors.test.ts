import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it, vi } from 'vitest';
import { postJson, useGateway } from '../openai/openai-gateway.test-support.js';

const gateway = useGateway();
const client = () => new Anthropic({ baseURL: gateway.url, apiKey: 'any', maxRetries: 0 });
const messages = () => `${gateway.url}/v1/messages`;
const hello = [{ role: 'user', content: 'Hi' }];

describe('/v1/messages headers', () => {
  it("accepts the 0.x SDK's x-api-key and anthropic-version 2023-06-01 (keys are not checked here)", async () => {
    const answer = await postJson(
      messages(),
      { model: 'openai/gpt-5.4-mini', max_tokens: 16, messages: hello },
      {
        headers: {
          'x-api-key': 'sk-ant-whatever',
          'anthropic-version': '2023-06-01',
          'anthropic-beta': 'x-2025',
        },
      },
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ type: 'message', role: 'assistant' });
    // the caller's key is the gateway's business: it is not sent upstream
    const upstream = gateway.openai.lastRequest()?.headers ?? {};
    expect(upstream.authorization).toBe('sk-...enai'); // the provider's own key (sk-test-openai), masked
    expect(upstream).not.toHaveProperty('x-api-key');
  });
});

describe('/v1/messages failures, in Anthropic error shape', () => {
  it('answers an unknown model with 404 not_found_error and PAL code MODEL_NOT_FOUND (SDK NotFoundError)', async () => {
    const error = await client()
      .messages.create({
        model: 'openai/gpt-5.4-mnii',
        max_tokens: 16,
        messages: [{ role: 'user', content: 'Hi' }],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.NotFoundError);
    const notFound = error as InstanceType<typeof Anthropic.NotFoundError>;
    expect(notFound.status).toBe(404);
    expect(notFound.error).toMatchObject({
      type: 'error',
      error: { type: 'not_found_error', code: 'MODEL_NOT_FOUND', pal: { code: 'MODEL_NOT_FOUND' } },
    });
    expect(notFound.requestID).toMatch(/^[0-9a-f-]{36}$/);
    expect(gateway.openai.requests).toHaveLength(0);
  });

  it('answers an unknown model in a stream with a 404 before any event, not a 200 stream', async () => {
    const answer = await postJson(messages(), {
      model: 'nope/x',
      max_tokens: 16,
      stream: true,
      messages: hello,
    });
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(answer.body).toMatchObject({
      type: 'error',
      error: { type: 'not_found_error', code: 'PROVIDER_NOT_FOUND' },
    });
  });

  it('refuses a body without max_tokens with 400 naming the field', async () => {
    const answer = await postJson(messages(), { model: 'openai/gpt-5.4-mini', messages: hello });
    expect(answer.status).toBe(400);
    expect(answer.body.type).toBe('error');
    expect(answer.body.error).toMatchObject({ type: 'invalid_request_error', code: 'INVALID_REQUEST' });
    expect(answer.body.error.message).toMatch(/^Invalid request body: max_tokens: /);
    expect(gateway.openai.requests).toHaveLength(0);
  });

  it('refuses a message with a wrong role with 400 naming messages.N.role (SDK BadRequestError)', async () => {
    const error = await client()
      .messages.create({
        model: 'openai/gpt-5.4-mini',
        max_tokens: 16,
        messages: [{ role: 'user', content: 'Hi' }, { role: 'system', content: 'Be terse' } as never],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    const bad = error as InstanceType<typeof Anthropic.BadRequestError>;
    expect(bad.error).toMatchObject({ error: { type: 'invalid_request_error', code: 'INVALID_REQUEST' } });
    expect((bad.error as { error: { message: string } }).error.message).toMatch(
      /messages\.1\.role: expected one of "user", "assistant"/,
    );
  });

  it('names the field of a bad block: an unknown block type, a tool_use in a user turn, an unknown key', async () => {
    const document = await postJson(messages(), {
      model: 'openai/gpt-5.4-mini',
      max_tokens: 16,
      messages: [{ role: 'user', content: [{ type: 'document', source: {} }] }],
    });
    expect(document.status).toBe(400);
    expect(document.body.error.message).toMatch(
      /messages\.0\.content\.0\.type: expected one of "text", "image"/,
    );

    const misplaced = await postJson(messages(), {
      model: 'openai/gpt-5.4-mini',
      max_tokens: 16,
      messages: [{ role: 'user', content: [{ type: 'tool_use', id: 't1', name: 'f', input: {} }] }],
    });
    expect(misplaced.status).toBe(400);
    expect(misplaced.body.error.message).toMatch(
      /messages\.0\.content\.0\.type: a tool_use block belongs in an assistant turn/,
    );

    const typo = await postJson(messages(), {
      model: 'openai/gpt-5.4-mini',
      max_tokens: 16,
      messages: hello,
      temprature: 1,
    });
    expect(typo.status).toBe(400);
    expect(typo.body.error.message).toMatch(/unknown key "temprature"/);
    expect(gateway.openai.requests).toHaveLength(0);
  });

  it('refuses a thinking budget not below max_tokens, and an unknown x-pal-provider-hint', async () => {
    const budget = await postJson(messages(), {
      model: 'openai/gpt-5.4-mini',
      max_tokens: 2000,
      thinking: { type: 'enabled', budget_tokens: 4000 },
      messages: hello,
    });
    expect(budget.status).toBe(400);
    expect(budget.body.error.message).toMatch(
      /thinking\.budget_tokens: budget_tokens \(4000\) must be less than max_tokens/,
    );

    const hint = await postJson(
      messages(),
      { model: 'openai/gpt-5.4-mini', max_tokens: 16, messages: hello },
      { headers: { 'x-pal-provider-hint': 'fastest' } },
    );
    expect(hint.status).toBe(400);
    expect(hint.body.error.message).toMatch(/x-pal-provider-hint/);
  });

  it('passes a vendor 429 on with its status, retry-after and rate_limit_error', async () => {
    gateway.openai.script({ fault: { type: 'error', kind: 'rate_limit', headers: { 'retry-after': '7' } } });
    const answer = await postJson(messages(), {
      model: 'openai/gpt-5.4-mini',
      max_tokens: 16,
      messages: hello,
    });
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('7');
    expect(answer.body.error).toMatchObject({ type: 'rate_limit_error', code: 'PROVIDER_RATE_LIMIT_ERROR' });
  });

  it('ends a stream that fails after its first token with an `event: error` the SDK throws', async () => {
    gateway.openai.script({
      text: 'A long answer that breaks',
      chunks: 6,
      fault: { type: 'stream-error', kind: 'server', afterChunks: 3 },
    });
    const stream = client().messages.stream({
      model: 'openai/gpt-5.4-mini',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'Hi' }],
    });
    const texts: string[] = [];
    stream.on('text', (text) => texts.push(text));
    const error = await stream.finalMessage().catch((e: unknown) => e);
    expect(texts.length).toBeGreaterThan(0); // the failure came mid-stream, after a 200
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect((error as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({
      type: 'error',
      error: { type: 'api_error', code: expect.stringMatching(/^(PROVIDER_API_ERROR|STREAM_ERROR)$/) },
    });
  });

  it('closes the upstream connection when the client aborts mid-stream', async () => {
    gateway.openai.script({
      text: 'one two three four five six seven eight nine ten',
      chunks: 10,
      fault: { type: 'stall', ms: 60_000, afterChunks: 3 },
    });
    const stream = client().messages.stream({
      model: 'openai/gpt-5.4-mini',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'Count' }],
    });
    const ended = stream.finalMessage().catch((e: unknown) => e);
    await new Promise<void>((resolve) => stream.once('text', () => resolve()));
    expect(gateway.openai.lastRequest()?.clientClosedEarly).toBe(false);
    stream.abort();
    expect(await ended).toBeInstanceOf(Anthropic.APIUserAbortError);
    await vi.waitFor(() => expect(gateway.openai.lastRequest()?.clientClosedEarly).toBe(true), {
      timeout: 10_000,
    });
  });
});
