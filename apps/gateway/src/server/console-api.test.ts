import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { ADMIN, hello, useServer } from './server.test-support.js';

const gateway = useServer();

describe('the console API’s admin token', () => {
  it('is needed for /api/*: none or a wrong one is a 401 in PAL’s shape that repeats nothing', async () => {
    const none = await gateway.post('/api/keys', { name: 'x' });
    expect(none.status).toBe(401);
    expect(none.body.error).toMatchObject({ code: 'PROVIDER_AUTH_ERROR' });
    const wrong = await fetch(`${gateway.url}/api/providers`, {
      headers: { authorization: 'Bearer not-the-admin-token-xyz' },
    });
    expect(wrong.status).toBe(401);
    const text = await wrong.text();
    expect(text).not.toContain('not-the-admin-token-xyz');
    expect(text).toContain('The admin token is not valid');
    expect(gateway.logs()).not.toContain('not-the-admin-token-xyz');
    expect((await gateway.api('GET', '/api/providers')).status).toBe(200);
  });
});

describe('providers through /api', () => {
  it('lists the providers with where they come from', async () => {
    const { body } = await gateway.api('GET', '/api/providers');
    expect(body.map((p: { id: string; source: string }) => [p.id, p.source])).toEqual([
      ['openai', 'given'],
      ['anthropic', 'given'],
      ['ollama', 'given'],
    ]);
  });

  it('adds a provider with its key (kept encrypted, shown masked), usable at once through /v1, and audited', async () => {
    const key = 'sk-groq-secret-abcdefghijklmnop';
    const added = await gateway.api('POST', '/api/providers', {
      id: 'groq',
      package: '@pal/provider-openai',
      apiKey: key,
      baseURL: `${gateway.openai.url}/v1`,
      models: [{ id: 'llama-3.3-70b', contextWindow: 131072, inputPerMTok: 0.59, outputPerMTok: 0.79 }],
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ id: 'groq', source: 'store', enabled: true, maskedKey: 'sk-...mnop' });
    expect(added.text).not.toContain(key);

    const { key: gatewayKey } = await gateway.createKey();
    const served = await new OpenAI({
      baseURL: `${gateway.url}/v1`,
      apiKey: gatewayKey,
      maxRetries: 0,
    }).chat.completions
      .create(hello('groq/llama-3.3-70b') as never)
      .withResponse();
    expect(served.response.headers.get('x-pal-provider')).toBe('groq');
    // priced with the model's prices as given
    expect(Number(served.response.headers.get('x-pal-cost-usd'))).toBeGreaterThan(0);
    expect(gateway.openai.lastRequest()?.headers.authorization).toBe('sk-...mnop'); // the saved key went upstream (the emulator records it masked)

    const audit = await gateway.api('GET', '/api/audit?provider=groq');
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toEqual([
      'provider_added',
      'credentials_added',
      'model_changed',
    ]);
    expect(audit.body.entries[0]).toMatchObject({ actor: 'admin' });
    expect(JSON.stringify(audit.body)).not.toContain(key);
  });

  it('tests a connection: ok, or the typed error with its message for people', async () => {
    expect((await gateway.api('POST', '/api/providers/openai/test')).body).toMatchObject({
      ok: true,
      checked: true,
    });
    await gateway.api('POST', '/api/providers', {
      id: 'broken',
      package: '@pal/provider-openai',
      apiKey: 'bad-key',
      baseURL: `${gateway.openai.url}/v1`,
    });
    const failed = await gateway.api('POST', '/api/providers/broken/test');
    expect(failed.body).toMatchObject({
      ok: false,
      error: { code: 'PROVIDER_AUTH_ERROR', action: 're-enter-key' },
    });
    expect(failed.body.error.userMessage).toMatch(/key/i);
    const listed = (await gateway.api('GET', '/api/providers')).body.find(
      (p: { id: string }) => p.id === 'broken',
    );
    expect(listed.lastValidation).toEqual({ ok: false, errorCode: 'PROVIDER_AUTH_ERROR' });
    expect((await gateway.api('DELETE', '/api/providers/broken')).status).toBe(204);
  });

  it('disables and enables a provider (one of the config’s or given ones too), audited, in force at once', async () => {
    const { key } = await gateway.createKey();
    const call = () =>
      gateway.post('/v1/chat/completions', hello('ollama/llama3.2'), { authorization: `Bearer ${key}` });
    expect((await gateway.api('POST', '/api/providers/ollama/disable')).body).toMatchObject({
      id: 'ollama',
      enabled: false,
    });
    expect((await call()).status).toBe(404);
    expect((await gateway.api('POST', '/api/providers/ollama/enable')).body.enabled).toBe(true);
    expect((await call()).status).toBe(200);
    const actions = (await gateway.api('GET', '/api/audit?provider=ollama')).body.entries.map(
      (e: { action: string }) => e.action,
    );
    expect(actions).toEqual(['provider_disabled', 'provider_enabled']);
  });

  it('removes a saved provider; a given one can only be disabled (409)', async () => {
    await gateway.api('POST', '/api/providers', {
      id: 'temp',
      package: '@pal/provider-openai',
      apiKey: 'sk-temp-123456789',
      baseURL: `${gateway.openai.url}/v1`,
    });
    expect((await gateway.api('DELETE', '/api/providers/temp')).status).toBe(204);
    expect((await gateway.api('GET', '/api/providers/temp')).status).toBe(404);
    const refused = await gateway.api('DELETE', '/api/providers/openai');
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('disable it here');
  });

  it('refuses a new provider it cannot build, naming the field, and keeps nothing of it', async () => {
    const unknown = await gateway.api('POST', '/api/providers', { id: 'mystery', apiKey: 'sk-x-123456789' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.path).toEqual(['package']);
    const missing = await gateway.api('POST', '/api/providers', {
      id: 'nopkg',
      package: '@pal/provider-nope',
      apiKey: 'sk-x-123456789',
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('not installed');
    expect((await gateway.api('GET', '/api/providers/nopkg')).status).toBe(404);
    const badBody = await gateway.api('POST', '/api/providers', { id: 'Bad Id' });
    expect(badBody.status).toBe(400);
    expect(badBody.body.error.path).toEqual(['id']);
  });
});

describe('models, budgets and routing through /api', () => {
  it('edits a price: the catalog, /v1/models and the next call’s cost follow; null goes back', async () => {
    const { key } = await gateway.createKey();
    const before = await gateway.post('/v1/chat/completions', hello(), { authorization: `Bearer ${key}` });
    const edited = await gateway.api('PATCH', '/api/models/openai/gpt-5.4-mini', {
      inputPerMTok: 1000,
      outputPerMTok: 2000,
    });
    expect(edited.body).toMatchObject({
      ref: 'openai/gpt-5.4-mini',
      inputPerMTok: 1000,
      outputPerMTok: 2000,
    });
    const listed = await fetch(`${gateway.url}/v1/models/openai/gpt-5.4-mini`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect((await listed.json()).pal.pricing_per_mtok_usd).toMatchObject({ input: 1000, output: 2000 });
    const after = await gateway.post('/v1/chat/completions', hello(), { authorization: `Bearer ${key}` });
    expect(Number(after.headers.get('x-pal-cost-usd'))).toBeGreaterThan(
      100 * Number(before.headers.get('x-pal-cost-usd')),
    );
    const back = await gateway.api('PATCH', '/api/models/openai/gpt-5.4-mini', {
      inputPerMTok: null,
      outputPerMTok: null,
    });
    expect(back.body.inputPerMTok).toBe(0.75); // gpt-5.4-mini's catalog price again
    const audit = await gateway.api('GET', '/api/audit?action=model_changed&provider=openai');
    expect(audit.body.entries).toHaveLength(2);
  });

  it('saves a budget that holds from the next call (typed refusal), shows its spend, and audits it', async () => {
    const { key } = await gateway.createKey();
    await gateway.post('/v1/chat/completions', hello('anthropic/claude-haiku-4-5'), {
      authorization: `Bearer ${key}`,
    });
    const saved = await gateway.api('PUT', '/api/budgets/anthropic', { dailyUsd: 0 });
    expect(saved.body).toMatchObject({ provider: 'anthropic', dailyUsd: 0 });
    expect(saved.body.spentTodayUsd).toBeGreaterThan(0);
    const refused = await gateway.post(
      '/v1/chat/completions',
      hello('anthropic/claude-haiku-4-5', { fallbacks: [] }),
      {
        authorization: `Bearer ${key}`,
      },
    );
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('BUDGET_EXCEEDED');
    await gateway.api('PUT', '/api/budgets/anthropic', { dailyUsd: null });
    expect(
      (
        await gateway.post('/v1/chat/completions', hello('anthropic/claude-haiku-4-5'), {
          authorization: `Bearer ${key}`,
        })
      ).status,
    ).toBe(200);
    const budgets = await gateway.api('GET', '/api/budgets');
    expect(budgets.body[0].provider).toBeUndefined(); // the overall one first
    expect((await gateway.api('GET', '/api/audit?action=budget_changed')).body.entries).toHaveLength(2);
    expect((await gateway.api('PUT', '/api/budgets', { dailyUsd: -1 })).body.error.path).toEqual([
      'dailyUsd',
    ]);
  });

  it('sets the fallback chain: a failing call moves along it; a chain entry it cannot route to is a 400', async () => {
    const { key } = await gateway.createKey();
    const saved = await gateway.api('PUT', '/api/routing', { fallbackChain: ['anthropic'], strategy: null });
    expect(saved.body).toMatchObject({
      fallbackChain: ['anthropic'],
      autoFallback: true,
      askBeforeSwitching: false,
    });
    expect(saved.body.strategies).toContain('cost_optimized');
    gateway.openai.script({ fault: { type: 'error', kind: 'server' } });
    const moved = await gateway.post('/v1/chat/completions', hello(), { authorization: `Bearer ${key}` });
    expect(moved.status).toBe(200);
    expect(moved.headers.get('x-pal-provider')).toBe('anthropic');

    // asking before switching: the gateway does not move the call on its own…
    await gateway.api('PUT', '/api/routing', { askBeforeSwitching: true });
    gateway.openai.script({ fault: { type: 'error', kind: 'server' } });
    expect(
      (await gateway.post('/v1/chat/completions', hello(), { authorization: `Bearer ${key}` })).status,
    ).toBe(502);
    // …but goes where the call itself says it may
    gateway.openai.script({ fault: { type: 'error', kind: 'server' } });
    const named = await gateway.post(
      '/v1/chat/completions',
      hello('openai/gpt-5.4-mini', { fallbacks: ['anthropic/claude-haiku-4-5'] }),
      {
        authorization: `Bearer ${key}`,
      },
    );
    expect(named.headers.get('x-pal-provider')).toBe('anthropic');

    const bad = await gateway.api('PUT', '/api/routing', { fallbackChain: ['anthropic', 'nope'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.path).toEqual(['fallbackChain', 1]);
    await gateway.api('PUT', '/api/routing', { fallbackChain: [], askBeforeSwitching: false });
    expect(
      (await gateway.api('GET', '/api/audit?action=settings_changed')).body.entries.length,
    ).toBeGreaterThanOrEqual(3);
  });
});

describe('usage, audit and status through /api', () => {
  it('answers spend by provider and model, this month’s projection, a series, and the ledger’s rows', async () => {
    const { key } = await gateway.createKey();
    const answer = await gateway.post('/v1/chat/completions', hello('ollama/llama3.2'), {
      authorization: `Bearer ${key}`,
    });
    const usage = await gateway.api(
      'GET',
      `/api/usage?since=${new Date(Date.now() - 86_400_000).toISOString()}&bucket=hour`,
    );
    expect(usage.status).toBe(200);
    expect(usage.body.byProvider.map((p: { provider: string }) => p.provider)).toContain('ollama');
    expect(usage.body.message).toMatch(/^You're on track for \$/);
    expect(usage.body.timeseries.length).toBeGreaterThanOrEqual(24);
    const calls = await gateway.api(
      'GET',
      `/api/usage/calls?requestId=${answer.headers.get('x-request-id')}`,
    );
    expect(calls.body.entries).toEqual([
      expect.objectContaining({ provider: 'ollama', outcome: 'success', attempts: 1 }),
    ]);
    expect((await gateway.api('GET', '/api/usage?bucket=week')).body.error.path).toEqual(['bucket']);
  });

  it('pages the audit log with filters, and reports the router’s status', async () => {
    const page = await gateway.api('GET', '/api/audit?limit=2');
    expect(page.body.entries).toHaveLength(2);
    expect(page.body.entries[0]).toHaveProperty('at');
    const next = await gateway.api('GET', `/api/audit?limit=2&after=${page.body.next}`);
    expect(next.body.entries[0].id).toBeGreaterThan(page.body.entries[1].id);
    expect((await gateway.api('GET', '/api/audit?action=nope')).status).toBe(400);
    const status = await gateway.api('GET', '/api/status');
    expect(status.body).toMatchObject({ ready: true, sandbox: false, providers: { registered: 4 } });
    expect(status.body.targets.length).toBeGreaterThan(0);
  });

  it('streams a playground answer after its estimate', async () => {
    const estimate = await gateway.api('POST', '/api/playground/estimate', {
      model: 'openai/gpt-5.4-mini',
      prompt: 'Hi there',
    });
    expect(estimate.body).toMatchObject({ provider: 'openai', model: 'gpt-5.4-mini', maxOutputTokens: 512 });
    expect(estimate.body.maxCostUsd).toBeGreaterThan(0);
    const streamed = await gateway.api('POST', '/api/playground', {
      model: 'openai/gpt-5.4-mini',
      prompt: 'Hi there',
    });
    const events = [...streamed.text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
    expect(events[0]).toBe('estimate');
    expect(events).toContain('delta');
    expect(events.at(-1)).toBe('done');
    expect(streamed.text).toContain('"costUsd":"');
  });
});

describe('the admin token header names', () => {
  it('an actor given in x-pal-actor', async () => {
    await fetch(`${gateway.url}/api/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'x-pal-actor': 'ann', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'ann’s key' }),
    });
    const created = (await gateway.api('GET', '/api/audit?action=key_created')).body.entries.at(-1);
    expect(created).toMatchObject({ actor: 'admin:ann', metadata: { name: 'ann’s key' } });
  });
});
