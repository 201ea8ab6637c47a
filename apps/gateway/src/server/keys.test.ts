import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { hello, useServer } from './server.test-support.js';

const gateway = useServer();
const client = (apiKey: string) => new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey, maxRetries: 0 });

describe('gateway keys on /v1', () => {
  it('refuses every call while no key exists (outside the sandbox), saying how to create one', async () => {
    const answer = await gateway.post('/v1/chat/completions', hello(), {
      authorization: 'Bearer sk-whatever-1234',
    });
    expect(answer.status).toBe(401);
    expect(answer.body.error).toMatchObject({ type: 'authentication_error', code: 'PROVIDER_AUTH_ERROR' });
    expect(answer.body.error.message).toContain('pal keys create');
    expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(gateway.openai.requests).toHaveLength(0);
  });

  it('serves a live key through the openai SDK and the Anthropic SDK (x-api-key), and names the key id in the logs, never the key', async () => {
    const { id, key } = await gateway.createKey();
    const completion = await client(key).chat.completions.create(hello() as never);
    expect(completion.choices[0]?.message.content).toBeTruthy();
    const message = await new Anthropic({ baseURL: gateway.url, apiKey: key, maxRetries: 0 }).messages.create(
      {
        model: 'anthropic/claude-haiku-4-5',
        max_tokens: 20,
        messages: [{ role: 'user', content: 'Hi' }],
      },
    );
    expect(message.content[0]?.type).toBe('text');
    const logs = gateway.logs();
    expect(logs).toContain(`"keyId":"${id}"`);
    expect(logs).toContain(`"gatewayKey":"${id}"`);
    expect(logs).not.toContain(key);
  });

  it('a wrong or missing key is a 401 that repeats neither in the body nor in the logs', async () => {
    await gateway.createKey();
    const wrong = 'sk-pal-this-is-not-a-key-0000000000000000000';
    const error = await client(wrong)
      .chat.completions.create(hello() as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    const raw = await gateway.post('/v1/chat/completions', hello(), { authorization: `Bearer ${wrong}` });
    expect(raw.status).toBe(401);
    expect(raw.body.error.message).toBe('The gateway key is not valid (wrong, unknown or revoked)');
    expect(raw.text).not.toContain(wrong);
    const missing = await gateway.post('/v1/messages', {
      model: 'anthropic/claude-haiku-4-5',
      max_tokens: 5,
      messages: [],
    });
    expect(missing.status).toBe(401);
    expect(missing.body).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
    expect(gateway.logs()).not.toContain(wrong);
    expect(gateway.logs()).toContain('"status":401');
    expect(gateway.openai.requests).toHaveLength(0);
  });

  it('refuses a revoked key at once', async () => {
    const { id, key } = await gateway.createKey();
    expect(
      (await gateway.post('/v1/chat/completions', hello(), { authorization: `Bearer ${key}` })).status,
    ).toBe(200);
    expect((await gateway.api('DELETE', `/api/keys/${id}`)).status).toBe(204);
    expect(
      (await gateway.post('/v1/chat/completions', hello(), { authorization: `Bearer ${key}` })).status,
    ).toBe(401);
  });

  it('keeps a key to its allowed models: another is a 403 in the caller’s dialect, and fallbacks stay inside', async () => {
    const { key } = await gateway.createKey({ allowedModels: ['anthropic/*', 'ollama'] });
    const denied = await client(key)
      .chat.completions.create(hello('openai/gpt-5.4-mini') as never)
      .catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(OpenAI.PermissionDeniedError);
    const raw = await gateway.post('/v1/chat/completions', hello('openai/gpt-5.4-mini'), {
      authorization: `Bearer ${key}`,
    });
    expect(raw.body.error).toMatchObject({
      type: 'permission_error',
      param: 'model',
      pal: { action: 'pick-another-model' },
    });
    expect(raw.body.error.message).toContain('"anthropic/*"');
    const anthropicShape = await gateway.post(
      '/v1/messages',
      { model: 'openai/gpt-5.4-mini', max_tokens: 5, messages: [{ role: 'user', content: 'Hi' }] },
      { 'x-api-key': key },
    );
    expect(anthropicShape.status).toBe(403);
    expect(anthropicShape.body.error.type).toBe('permission_error');
    // a fallback the call names must be allowed too
    const fallback = await gateway.post(
      '/v1/chat/completions',
      hello('anthropic/claude-haiku-4-5', { fallbacks: ['openai/gpt-5.4-mini'] }),
      { authorization: `Bearer ${key}` },
    );
    expect(fallback.status).toBe(403);
    expect(fallback.body.error.param).toBe('fallbacks.0');
    // auto routes only to what the key allows
    const auto = await gateway.post('/v1/chat/completions', hello('auto'), {
      authorization: `Bearer ${key}`,
    });
    expect(auto.status).toBe(200);
    expect(['anthropic', 'ollama']).toContain(auto.headers.get('x-pal-provider'));
    expect(gateway.openai.requests).toHaveLength(0);
  });

  it('holds a key to its requests per minute: a 429 with retry-after', async () => {
    const { key } = await gateway.createKey({ requestsPerMinute: 2 });
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof gateway.post>> | undefined;
    for (let i = 0; i < 3; i++) {
      last = await gateway.post('/v1/chat/completions', hello(), { authorization: `Bearer ${key}` });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(last?.body.error).toMatchObject({ type: 'rate_limit_error', code: 'PROVIDER_RATE_LIMIT_ERROR' });
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThanOrEqual(29);
    expect(gateway.openai.requests).toHaveLength(2);
  });

  it('holds a key to its daily budget: a typed BUDGET_EXCEEDED 429 naming the key’s scope, nothing sent', async () => {
    const { id, key } = await gateway.createKey({ dailyUsd: 0.000001 });
    const error = await client(key)
      .chat.completions.create(hello() as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const raw = await gateway.post('/v1/chat/completions', hello(), { authorization: `Bearer ${key}` });
    expect(raw.status).toBe(429);
    expect(raw.body.error).toMatchObject({ code: 'BUDGET_EXCEEDED', pal: { action: 'raise-budget' } });
    expect(raw.body.error.message).toContain(`scope:key:${id}:day`);
    expect(Number(raw.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(gateway.openai.requests).toHaveLength(0);
    // the key's spend is what its budget counted; another key is not held to it
    const { key: other } = await gateway.createKey({ dailyUsd: 1 });
    expect(
      (await gateway.post('/v1/chat/completions', hello(), { authorization: `Bearer ${other}` })).status,
    ).toBe(200);
  });

  it('counts a key’s spend against its budget, as GET /api/keys/:id shows', async () => {
    const { id, key } = await gateway.createKey({ dailyUsd: 1, monthlyUsd: 10 });
    await gateway.post('/v1/chat/completions', hello(), { authorization: `Bearer ${key}` });
    const shown = await gateway.api('GET', `/api/keys/${id}`);
    expect(shown.body.usage.map((u: { scope: string }) => u.scope)).toEqual([
      `scope:key:${id}:day`,
      `scope:key:${id}:month`,
    ]);
    expect(shown.body.usage[0].spentUsd).toBeGreaterThan(0);
    expect(shown.body.key).toBeUndefined();
  });

  it('accepts the admin token on /v1 (the console’s playground)', async () => {
    const answer = await gateway.post('/v1/chat/completions', hello(), {
      authorization: 'Bearer test-admin-token-0123456789abcdef',
    });
    expect(answer.status).toBe(200);
  });
});
