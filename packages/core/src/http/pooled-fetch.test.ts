import { afterEach, describe, expect, it } from 'vitest';
import { type LocalServer, sendJson, startLocalServer } from './local-server.test-support.js';
import { createPooledFetch, type PooledFetch } from './pooled-fetch.js';

let server: LocalServer;
let pooled: PooledFetch;
afterEach(async () => {
  await pooled?.close();
  await server?.close();
});

describe('createPooledFetch', () => {
  it('works as an SDK fetch (url + init) and with a global Request, keeping one socket alive', async () => {
    server = await startLocalServer((req, res) => sendJson(res, 200, { echo: req.body, method: req.method }));
    pooled = createPooledFetch({ maxConnections: 1, keepAliveMs: 5_000 });
    const first = await pooled(`${server.url}/a`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ a: 1 }),
    });
    expect(await first.json()).toEqual({ echo: '{"a":1}', method: 'POST' });
    const second = await pooled(new Request(`${server.url}/b`, { method: 'PUT', body: 'raw' }));
    expect(await second.json()).toEqual({ echo: 'raw', method: 'PUT' });
    expect(server.received[1]?.headers['content-length']).toBe('3');
    expect(server.sockets).toBe(1);
  });

  it("answers with Node's own Response (its fetch drives the pool) and closes the pool", async () => {
    server = await startLocalServer((_req, res) => sendJson(res, 200, { ok: true }));
    pooled = createPooledFetch({ maxConnections: 2 });
    const response = await pooled(`${server.url}/a`);
    expect(response).toBeInstanceOf(Response);
    expect(await response.json()).toEqual({ ok: true });
    expect(typeof pooled.dispatcher.dispatch).toBe('function');
    await pooled.close();
    await expect(pooled(`${server.url}/b`)).rejects.toThrow();
  });
});
