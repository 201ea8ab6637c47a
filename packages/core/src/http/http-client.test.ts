import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { RateLimitInfo } from '../contracts/adapter.js';
import type { ErrorCode } from '../errors/error-code.js';
import { isPalError, type PalError } from '../errors/pal-error.js';
import { createHttpClient, type HttpClient } from './http-client.js';
import { type LocalServer, sendJson, startLocalServer } from './local-server.test-support.js';
import { parseNDJSON } from './parse-ndjson.js';
import { parseSSE } from './parse-sse.js';

const KEY = 'sk-test-abcdefghijklmnop1234';
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function setup(
  handler: Parameters<typeof startLocalServer>[0],
  options: Partial<Parameters<typeof createHttpClient>[0]> = {},
): Promise<{ server: LocalServer; client: HttpClient }> {
  const server = await startLocalServer(handler);
  const client = createHttpClient({
    provider: 'acme',
    baseUrl: `${server.url}/v1/`,
    auth: { bearer: KEY },
    ...options,
  });
  cleanups.push(
    () => server.close(),
    () => client.close(),
  );
  return { server, client };
}

async function rejection(promise: Promise<unknown>): Promise<PalError> {
  try {
    await promise;
  } catch (error) {
    if (isPalError(error)) return error;
    throw error;
  }
  throw new Error('expected a PalError');
}

describe('createHttpClient: requests', () => {
  it('sends JSON with auth, client, ctx and request headers and decodes the answer', async () => {
    const { server, client } = await setup(
      (_req, res) => sendJson(res, 200, { ok: true }, { 'x-request-id': 'r1' }),
      {
        headers: { 'user-agent': 'pal-test' },
      },
    );
    const response = await client.request<{ ok: boolean }>('/chat', {
      json: { model: 'm', n: 1 },
      searchParams: { stream: false, skip: undefined },
      headers: { 'x-extra': '1' },
      ctx: { headers: { traceparent: '00-abc-def-01' } },
    });
    expect(response).toMatchObject({ data: { ok: true }, status: 200 });
    expect(response.headers.get('x-request-id')).toBe('r1');
    const [received] = server.received;
    expect(received?.method).toBe('POST');
    expect(received?.url).toBe('/v1/chat?stream=false');
    expect(JSON.parse(received?.body ?? '')).toEqual({ model: 'm', n: 1 });
    expect(received?.headers).toMatchObject({
      authorization: `Bearer ${KEY}`,
      'content-type': 'application/json',
      'user-agent': 'pal-test',
      'x-extra': '1',
      traceparent: '00-abc-def-01',
    });
  });

  it('uses a custom auth header and GET without a body', async () => {
    const { server, client } = await setup((_req, res) => sendJson(res, 200, []), {
      auth: { header: 'x-api-key', value: KEY },
    });
    await client.request('models');
    expect(server.received[0]).toMatchObject({ method: 'GET', url: '/v1/models', body: '' });
    expect(server.received[0]?.headers['x-api-key']).toBe(KEY);
  });

  it('reports vendor rate-limit headers to the context', async () => {
    const reports: RateLimitInfo[] = [];
    const { client } = await setup((_req, res) =>
      sendJson(res, 200, {}, { 'x-ratelimit-remaining-requests': '9', 'x-ratelimit-reset-requests': '6m0s' }),
    );
    await client.request('x', { ctx: { reportRateLimit: (info) => reports.push(info) } });
    expect(reports).toEqual([{ remainingRequests: 9, resetRequestsMs: 360_000 }]);
  });

  it('turns a 2xx body that is not JSON into SERIALIZATION_ERROR', async () => {
    const { client } = await setup((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"truncated');
    });
    expect((await rejection(client.request('x'))).code).toBe('SERIALIZATION_ERROR');
  });
});

describe('createHttpClient: error mapping', () => {
  it.each<[string, number, unknown, Record<string, string>, ErrorCode, number | undefined]>([
    [
      '401',
      401,
      { error: { message: 'Incorrect API key', type: 'invalid_request_error', code: 'invalid_api_key' } },
      {},
      'PROVIDER_AUTH_ERROR',
      undefined,
    ],
    [
      '429 + retry-after',
      429,
      { error: { message: 'Rate limit reached', code: 'rate_limit_exceeded' } },
      { 'retry-after': '3' },
      'PROVIDER_RATE_LIMIT_ERROR',
      3000,
    ],
    [
      '429 + retry-after-ms',
      429,
      { error: 'slow down' },
      { 'retry-after-ms': '250' },
      'PROVIDER_RATE_LIMIT_ERROR',
      250,
    ],
    [
      '404 model',
      404,
      { error: 'model "llama9" not found, try pulling it first' },
      {},
      'MODEL_NOT_FOUND',
      undefined,
    ],
    ['500', 500, { error: 'boom' }, {}, 'PROVIDER_API_ERROR', undefined],
    ['503 busy', 503, { error: 'server busy, please try again.' }, {}, 'OVERLOADED', undefined],
    [
      '529',
      529,
      { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
      {},
      'OVERLOADED',
      undefined,
    ],
    [
      '400 context',
      400,
      { error: { message: "This model's maximum context length is 8192 tokens" } },
      {},
      'CONTEXT_LENGTH_EXCEEDED',
      undefined,
    ],
    ['502 html', 502, '<html>bad gateway</html>', {}, 'PROVIDER_API_ERROR', undefined],
  ])('%s', async (_name, status, body, headers, code, retryAfterMs) => {
    const { client } = await setup((_req, res) => {
      if (typeof body === 'string') {
        res.writeHead(status, { 'content-type': 'text/html', ...headers });
        res.end(body);
      } else sendJson(res, status, body, headers);
    });
    const error = await rejection(client.request('chat', { json: {}, model: 'm-1' }));
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(error.retryAfterMs).toBe(retryAfterMs);
    expect(error.provider).toBe('acme');
    expect(error.model).toBe('m-1');
  });

  it('masks the key when the vendor echoes it back', async () => {
    const { client } = await setup((_req, res) =>
      sendJson(res, 401, { error: { message: `Incorrect API key provided: ${KEY}` } }),
    );
    const error = await rejection(client.request('x'));
    expect(error.message).toContain('401 Incorrect API key provided');
    expect(JSON.stringify(error)).not.toContain('abcdefghijklmnop');
  });

  it('maps a refused connection to NETWORK_ERROR', async () => {
    const server = await startLocalServer((_req, res) => {
      res.end();
    });
    const url = server.url;
    await server.close();
    const client = createHttpClient({ provider: 'acme', baseUrl: url });
    cleanups.push(() => client.close());
    const error = await rejection(client.request('x'));
    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('maps a connection dropped mid-response to NETWORK_ERROR', async () => {
    const { client } = await setup((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"partial":');
      setTimeout(() => res.destroy(), 10);
    });
    expect((await rejection(client.request('x'))).code).toBe('NETWORK_ERROR');
  });
});

describe('createHttpClient: abort', () => {
  it('aborts a request in flight through ctx.signal', async () => {
    const { server, client } = await setup(async (_req, res) => {
      await delay(5_000);
      sendJson(res, 200, {});
    });
    const controller = new AbortController();
    const pending = client.request('slow', { ctx: { signal: controller.signal } });
    while (server.received.length === 0) await delay(5);
    controller.abort();
    expect((await rejection(pending)).code).toBe('ABORTED');
  });

  it('does not send anything when the signal is already aborted', async () => {
    const { server, client } = await setup((_req, res) => sendJson(res, 200, {}));
    const error = await rejection(client.request('x', { ctx: { signal: AbortSignal.abort() } }));
    expect(error.code).toBe('ABORTED');
    expect(server.received).toHaveLength(0);
  });

  it('passes a PalError abort reason through (the kernel aborts with TIMEOUT)', async () => {
    const { server, client } = await setup(async (_req, res) => {
      await delay(5_000);
      sendJson(res, 200, {});
    });
    const controller = new AbortController();
    const pending = client.request('slow', { ctx: { signal: controller.signal } });
    while (server.received.length === 0) await delay(5);
    const { PalError } = await import('../errors/pal-error.js');
    controller.abort(new PalError({ code: 'TIMEOUT', message: 'total timeout' }));
    expect((await rejection(pending)).code).toBe('TIMEOUT');
  });
});

describe('createHttpClient: streams', () => {
  it('streams SSE written in pieces that split events', async () => {
    const { client } = await setup(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const piece of ['data: {"t":"Hel', 'lo"}\n', '\nevent: done\nda', 'ta: {}\n\n']) {
        res.write(piece);
        await delay(5);
      }
      res.end();
    });
    const { body, status, headers } = await client.stream('chat', { json: { stream: true } });
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('text/event-stream');
    const events = [];
    for await (const event of parseSSE(body)) events.push(event);
    expect(events).toEqual([{ data: '{"t":"Hello"}' }, { event: 'done', data: '{}' }]);
  });

  it('streams NDJSON whose last line has no newline', async () => {
    const { client } = await setup(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      res.write('{"message":{"content":"a"}}\n{"mess');
      await delay(5);
      res.end('age":{"content":"b"}}\n{"done":true}');
    });
    const { body } = await client.stream('api/chat', { json: {} });
    const lines = [];
    for await (const line of parseNDJSON(body)) lines.push(line);
    expect(lines).toEqual([{ message: { content: 'a' } }, { message: { content: 'b' } }, { done: true }]);
  });

  it('maps an error status before the stream starts', async () => {
    const { client } = await setup((_req, res) =>
      sendJson(res, 429, { error: 'slow' }, { 'retry-after': '1' }),
    );
    const error = await rejection(client.stream('chat', { json: {} }));
    expect(error).toMatchObject({ code: 'PROVIDER_RATE_LIMIT_ERROR', retryAfterMs: 1000 });
  });

  it('closes the upstream connection when the consumer stops reading', async () => {
    let closed = false;
    const { client } = await setup(async (_req, res) => {
      res.on('close', () => {
        closed = true;
      });
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (let i = 0; i < 200 && !closed; i++) {
        res.write(`data: ${i}\n\n`);
        await delay(5);
      }
      res.end();
    });
    const { body } = await client.stream('chat', { json: {} });
    for await (const event of parseSSE(body)) {
      if (event.data === '2') break;
    }
    while (!closed) await delay(5);
    expect(closed).toBe(true);
  });
});

describe('createHttpClient: connection pool', () => {
  /** A handler that holds each answer until `release` requests are in flight at once (or 150 ms passed). */
  function barrier(release: number) {
    const waiting: Array<() => void> = [];
    return async (_req: unknown, res: import('node:http').ServerResponse) => {
      await new Promise<void>((resolve) => {
        waiting.push(resolve);
        if (waiting.length >= release) for (const go of waiting.splice(0)) go();
        else setTimeout(resolve, 150);
      });
      sendJson(res, 200, { ok: true });
    };
  }

  it('never opens more sockets than maxConnections and queues the rest', async () => {
    const { server, client } = await setup(barrier(3), { maxConnections: 2 });
    const results = await Promise.all(Array.from({ length: 6 }, () => client.request('x')));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(server.received).toHaveLength(6);
    expect(server.sockets).toBeLessThanOrEqual(2);
    expect(server.peakInFlight).toBeLessThanOrEqual(2);
  });

  it('runs requests in parallel up to a higher cap (control for the test above)', async () => {
    const { server, client } = await setup(barrier(3), { maxConnections: 3 });
    await Promise.all(Array.from({ length: 3 }, () => client.request('x')));
    expect(server.peakInFlight).toBe(3);
  });

  it('reuses kept-alive sockets for sequential requests', async () => {
    const { server, client } = await setup((_req, res) => sendJson(res, 200, {}), { keepAliveMs: 5_000 });
    for (let i = 0; i < 20; i++) await client.request('x');
    expect(server.received).toHaveLength(20);
    // undici may open a second socket while the first is being released, never one per request
    expect(server.sockets).toBeLessThanOrEqual(2);
  });

  it('uses a fetch passed in instead of its own pool', async () => {
    const seen: string[] = [];
    const { client } = await setup((_req, res) => sendJson(res, 200, {}), {
      fetch: (input, init) => {
        seen.push(input instanceof Request ? input.url : String(input));
        return globalThis.fetch(input, init);
      },
    });
    await client.request('x');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/\/v1\/x$/);
  });
});
