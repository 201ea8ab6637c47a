import { describe, expect, it } from 'vitest';
import { hello, useServer } from './server.test-support.js';

const gateway = useServer();

/** The samples of a Prometheus text exposition: `name{labels} value` lines, checked to parse. */
function samples(text: string): Array<{ name: string; labels: Record<string, string>; value: number }> {
  const out: Array<{ name: string; labels: Record<string, string>; value: number }> = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (-?[\d.e+-]+|NaN|\+Inf|-Inf)$/.exec(line);
    if (!match) throw new Error(`not a Prometheus sample line: ${line}`);
    const labels = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
    );
    out.push({ name: match[1] as string, labels: labels as Record<string, string>, value: Number(match[3]) });
  }
  return out;
}

describe('operations endpoints', () => {
  it('GET /metrics is a Prometheus exposition counting the calls served, without a key in it', async () => {
    const { key } = await gateway.createKey();
    await gateway.post('/v1/chat/completions', hello(), { authorization: `Bearer ${key}` });
    const response = await fetch(`${gateway.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    const parsed = samples(text);
    const requests = parsed.find(
      (s) =>
        s.name === 'pal_requests_total' && s.labels.provider === 'openai' && s.labels.outcome === 'success',
    );
    expect(requests?.value).toBeGreaterThanOrEqual(1);
    expect(parsed.some((s) => s.name === 'pal_cost_usd_total')).toBe(true);
    expect(text).not.toContain(key);
  });

  it('GET /healthz answers; GET /readyz is 503 while no provider is usable', async () => {
    expect(await (await fetch(`${gateway.url}/healthz`)).json()).toEqual({ ok: true });
    expect((await fetch(`${gateway.url}/readyz`)).status).toBe(200);
    for (const id of ['openai', 'anthropic', 'ollama'])
      await gateway.api('POST', `/api/providers/${id}/disable`);
    const down = await fetch(`${gateway.url}/readyz`);
    expect(down.status).toBe(503);
    expect((await down.json()).ready).toBe(false);
    for (const id of ['openai', 'anthropic', 'ollama'])
      await gateway.api('POST', `/api/providers/${id}/enable`);
    expect((await fetch(`${gateway.url}/readyz`)).status).toBe(200);
  });

  it('a body over the limit is a 413; bad JSON a 400; an unknown model a 404 in OpenAI’s shape', async () => {
    const { key } = await gateway.createKey();
    const auth = { authorization: `Bearer ${key}` };
    const big = await gateway.post(
      '/v1/chat/completions',
      hello('openai/gpt-5.4-mini', { pad: 'x'.repeat(5 * 1024 * 1024) }),
      auth,
    );
    expect(big.status).toBe(413);
    const badJson = await gateway.post('/v1/chat/completions', '{"model":', auth);
    expect(badJson.status).toBe(400);
    expect(badJson.body.error.message).toBe('The request body is not valid JSON');
    const unknown = await gateway.post('/v1/chat/completions', hello('openai/gpt-5-nope'), auth);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({
      type: 'not_found_error',
      code: 'MODEL_NOT_FOUND',
      param: 'model',
    });
  });
});
