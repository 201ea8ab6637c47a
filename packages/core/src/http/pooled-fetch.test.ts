import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { type LocalServer, sendJson, startLocalServer } from './local-server.test-support.js';
import { type AgentClass, createPooledFetch, type PooledFetch, resolveAgentClass } from './pooled-fetch.js';

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

describe('resolveAgentClass', () => {
  const npmUndici = () => {
    const loaded: string[] = [];
    class NpmAgent {}
    const load = (id: string) => {
      loaded.push(id);
      return id === 'undici' ? { Agent: NpmAgent } : NpmAgent;
    };
    return { loaded, load, NpmAgent };
  };

  it("takes the class of Node's own global Agent, loading nothing", () => {
    class Agent {}
    const { loaded, load } = npmUndici();
    expect(resolveAgentClass(new Agent(), load)).toBe(Agent);
    expect(loaded).toEqual([]);
  });

  it("takes undici's dispatcher module when the global dispatcher is no plain Agent (or there is none)", () => {
    class ProxyAgent {}
    class MockAgent {}
    for (const global of [new ProxyAgent(), new MockAgent(), undefined]) {
      const { loaded, load, NpmAgent } = npmUndici();
      expect(resolveAgentClass(global, load)).toBe(NpmAgent);
      expect(loaded).toEqual(['undici/lib/dispatcher/agent.js']);
    }
  });

  it("falls back to undici's index when the dispatcher module moved", () => {
    class Agent {}
    const load = (id: string) => {
      if (id !== 'undici') throw new Error(`Cannot find module '${id}'`);
      return { Agent };
    };
    expect(resolveAgentClass(undefined, load)).toBe(Agent);
  });

  it("pools on Node's own Agent in this Node (no npm undici loaded)", async () => {
    server = await startLocalServer((_req, res) => sendJson(res, 200, {}));
    pooled = createPooledFetch();
    await (await pooled(server.url)).json();
    const global = (globalThis as unknown as Record<symbol, object>)[Symbol.for('undici.globalDispatcher.1')];
    expect(pooled.dispatcher.constructor).toBe(global?.constructor);
  });

  it("undici's own Agent (the fallback) caps connections under Node's fetch too", async () => {
    server = await startLocalServer(async (_req, res) => {
      await delay(20);
      sendJson(res, 200, {});
    });
    const NpmAgent: AgentClass = resolveAgentClass(undefined);
    const dispatcher = new NpmAgent({ connections: 1 });
    try {
      const responses = await Promise.all(
        Array.from({ length: 3 }, () => fetch(server.url, { dispatcher } as RequestInit)),
      );
      for (const response of responses) await response.json();
      expect(server.sockets).toBe(1);
      expect(server.peakInFlight).toBe(1);
    } finally {
      await dispatcher.close();
    }
  });
});
