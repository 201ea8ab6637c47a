import { connect, constants as h2 } from 'node:http2';
import { PalError } from '@pal/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sampleVendor } from './sample-vendor.test-helper.js';
import { type Emulator, serveVendorEmulator, startEmulator } from './server.js';

let emu: Emulator;

const post = (path: string, body: unknown = {}, headers: Record<string, string> = {}, signal?: AbortSignal) =>
  fetch(`${emu.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: 'Bearer sk-test-secret-123456',
      ...headers,
    },
    body: JSON.stringify(body),
    signal,
  });

describe('emulator framework over HTTP/1.1', () => {
  beforeEach(async () => {
    emu = await serveVendorEmulator(sampleVendor);
  });
  afterEach(async () => {
    await emu.close();
  });

  it('listens on 127.0.0.1 at a random port and answers a JSON route', async () => {
    expect(emu.url).toBe(`http://127.0.0.1:${emu.port}`);
    expect(emu.port).toBeGreaterThan(0);
    const res = await post('/v1/echo', { hello: 'world' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ echo: { hello: 'world' }, text: 'default' });
  });

  it('records requests with masked secrets, parsed body, query and call numbers', async () => {
    await post('/v1/echo?x=1', { a: 1 });
    await fetch(`${emu.url}/v1/items/abc`);
    expect(emu.requests).toHaveLength(2);
    const first = emu.requests[0]!;
    expect(first).toMatchObject({
      call: 1,
      method: 'POST',
      path: '/v1/echo',
      query: { x: '1' },
      body: { a: 1 },
    });
    expect(first.headers.authorization).not.toContain('sk-test-secret-123456');
    expect(first.clientClosedEarly).toBe(false);
    expect(emu.lastRequest()).toMatchObject({ call: 2, method: 'GET', path: '/v1/items/abc' });
  });

  it('percent-decodes each path segment and captures parameters', async () => {
    const res = await fetch(`${emu.url}/v1/items/model%3Av1%2Fx?q=yes`);
    expect(await res.json()).toEqual({ id: 'model:v1/x', query: 'yes' });
    const act = await post('/v1/models/gem-2%3A1:act');
    expect(await act.json()).toEqual({ model: 'gem-2:1' });
  });

  it('answers 500 JSON naming the failure when a vendor handler throws', async () => {
    const res = await post('/v1/broken');
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('handler bug');
  });

  it('pauses a JSON answer for a stall with afterChunks', async () => {
    emu.script({ fault: { type: 'stall', ms: 120, afterChunks: 0 } });
    const started = Date.now();
    expect((await post('/v1/echo')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(115);
  });

  it('answers 404 JSON for an unknown route and records it', async () => {
    const res = await post('/v1/nowhere');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('/v1/nowhere');
    expect(emu.lastRequest()?.path).toBe('/v1/nowhere');
  });

  it('refuses a bad key through the vendor authenticate hook without consuming a scripted step', async () => {
    emu.script({ text: 'kept' });
    const res = await post('/v1/echo', {}, { authorization: 'Bearer bad-key' });
    expect(res.status).toBe(401);
    expect(await (await post('/v1/echo')).json()).toMatchObject({ text: 'kept' });
  });

  it('uses scripted steps in order, path-specific steps only on matching paths, and pinned calls', async () => {
    emu.script(
      { path: '/v1/other', text: 'for-other' },
      { text: 'first' },
      { path: /echo$/, text: 'second' },
    );
    emu.scriptCall(4, { text: 'pinned-4' });
    const texts = [];
    for (let i = 0; i < 4; i++)
      texts.push(((await (await post('/v1/echo')).json()) as { text: string }).text);
    expect(texts).toEqual(['first', 'second', 'default', 'pinned-4']);
    expect(emu.requests[0]!.step).toEqual({ text: 'first' });
  });

  it('adds step headers and lets an error fault override the vendor status and headers', async () => {
    emu.script(
      { headers: { 'x-ratelimit-remaining-requests': '7' } },
      {
        headers: { 'x-step': 'yes' },
        fault: { type: 'error', kind: 'rate_limit', status: 429, headers: { 'retry-after': '2' } },
      },
    );
    const ok = await post('/v1/echo');
    expect(ok.headers.get('x-ratelimit-remaining-requests')).toBe('7');
    const res = await post('/v1/echo');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(res.headers.get('x-step')).toBe('yes');
    expect(res.headers.get('x-error-kind')).toBe('rate_limit');
    expect(await res.json()).toEqual({ error: { kind: 'rate_limit', message: 'sample error' } });
  });

  it('streams every frame', async () => {
    const res = await post('/v1/stream');
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    expect(await res.text()).toBe('data: 1\n\ndata: 2\n\ndata: 3\n\ndata: 4\n\n');
  });

  it('waits at least the stall time between chunks', async () => {
    emu.script({ fault: { type: 'stall', ms: 150, afterChunks: 2 } });
    const started = Date.now();
    expect(await (await post('/v1/stream')).text()).toBe('data: 1\n\ndata: 2\n\ndata: 3\n\ndata: 4\n\n');
    expect(Date.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('cuts a stream after K frames so the client read fails', async () => {
    emu.script({ fault: { type: 'cut', afterChunks: 2 } });
    const res = await post('/v1/stream');
    const reader = res.body!.getReader();
    let received = '';
    const readAll = async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        received += new TextDecoder().decode(value);
      }
    };
    await expect(readAll()).rejects.toThrow();
    expect(received).toBe('data: 1\n\ndata: 2\n\n');
    expect(emu.lastRequest()?.clientClosedEarly).toBe(false);
  });

  it('writes the malformed frame or the stream-error frame after K frames, then ends', async () => {
    emu.script(
      { fault: { type: 'malformed', afterChunks: 1 } },
      { fault: { type: 'stream-error', kind: 'overloaded', afterChunks: 3 } },
    );
    expect(await (await post('/v1/stream')).text()).toBe('data: 1\n\ndata: {not json\n\n');
    expect(await (await post('/v1/stream')).text()).toBe(
      'data: 1\n\ndata: 2\n\ndata: 3\n\nevent: error\ndata: overloaded\n\n',
    );
  });

  it('resets the connection before any header', async () => {
    emu.script({ fault: { type: 'reset' } });
    await expect(post('/v1/echo')).rejects.toThrow();
    expect((await post('/v1/echo')).status).toBe(200);
  });

  it('marks clientClosedEarly when the client aborts during a stall, and close() does not hang', async () => {
    emu.script({ fault: { type: 'stall', ms: 60_000 } });
    const controller = new AbortController();
    const pending = post('/v1/echo', {}, {}, controller.signal);
    await vi.waitFor(() => expect(emu.requests).toHaveLength(1));
    controller.abort();
    await expect(pending).rejects.toThrow();
    await vi.waitFor(() => expect(emu.lastRequest()?.clientClosedEarly).toBe(true));
  });

  it('closes while a request is stalled', async () => {
    emu.script({ fault: { type: 'stall', ms: 60_000 } });
    const pending = post('/v1/echo').catch((error: unknown) => error);
    await vi.waitFor(() => expect(emu.requests).toHaveLength(1));
    await emu.close();
    expect(await pending).toBeInstanceOf(Error);
  });

  it('replays a queued fixture for the next call only', async () => {
    emu.replayFixture(
      new URL('../../package.json', import.meta.url).pathname.replace('package.json', 'tsconfig.json'),
    );
    expect(await (await post('/v1/echo')).json()).toMatchObject({ replayed: 'json' });
    expect(await (await post('/v1/echo')).json()).toMatchObject({ text: 'default' });
  });

  it('reset() clears requests, scripts and call numbering', async () => {
    await post('/v1/echo');
    emu.script({ text: 'never used' });
    emu.reset();
    expect(emu.requests).toHaveLength(0);
    expect(await (await post('/v1/echo')).json()).toMatchObject({ text: 'default' });
    expect(emu.lastRequest()?.call).toBe(1);
  });
});

describe('emulator framework over h2c', () => {
  beforeEach(async () => {
    emu = await serveVendorEmulator(sampleVendor);
  });
  afterEach(async () => {
    await emu.close();
  });

  const h2Request = (path: string, body: unknown) =>
    new Promise<{ status: number; headers: Record<string, unknown>; text: string }>((resolve, reject) => {
      const session = connect(emu.url);
      session.on('error', reject);
      const stream = session.request({
        ':method': 'POST',
        ':path': path,
        'content-type': 'application/json',
      });
      let headers: Record<string, unknown> = {};
      let text = '';
      stream.on('response', (h) => {
        headers = h;
      });
      stream.setEncoding('utf8');
      stream.on('data', (d: string) => {
        text += d;
      });
      stream.on('end', () => {
        session.close();
        resolve({ status: Number(headers[':status']), headers, text });
      });
      stream.on('error', (error) => {
        session.destroy();
        reject(error);
      });
      stream.end(JSON.stringify(body));
    });

  it('answers JSON and streams over HTTP/2 prior knowledge on the same port', async () => {
    const json = await h2Request('/v1/echo', { over: 'h2' });
    expect(json.status).toBe(200);
    expect(JSON.parse(json.text)).toEqual({ echo: { over: 'h2' }, text: 'default' });
    const stream = await h2Request('/v1/stream', {});
    expect(stream.headers['cache-control']).toBe('no-cache');
    expect(stream.headers.connection).toBeUndefined();
    expect(stream.text).toBe('data: 1\n\ndata: 2\n\ndata: 3\n\ndata: 4\n\n');
    expect(emu.requests.map((r) => r.path)).toEqual(['/v1/echo', '/v1/stream']);
    expect(Object.keys(emu.requests[0]!.headers).some((h) => h.startsWith(':'))).toBe(false);
  });

  it('resets the h2 stream for reset and cut faults', async () => {
    emu.script({ fault: { type: 'reset' } }, { fault: { type: 'cut', afterChunks: 1 } });
    await expect(h2Request('/v1/echo', {})).rejects.toMatchObject({ code: 'ERR_HTTP2_STREAM_ERROR' });
    await expect(h2Request('/v1/stream', {})).rejects.toThrow(String(h2.NGHTTP2_INTERNAL_ERROR));
  });

  it('marks clientClosedEarly when the h2 client cancels its stream', async () => {
    emu.script({ fault: { type: 'stall', ms: 60_000 } });
    const session = connect(emu.url);
    const stream = session.request({ ':method': 'POST', ':path': '/v1/echo' });
    stream.on('error', () => {});
    stream.end('{}');
    await vi.waitFor(() => expect(emu.requests).toHaveLength(1));
    stream.close(h2.NGHTTP2_CANCEL);
    await vi.waitFor(() => expect(emu.lastRequest()?.clientClosedEarly).toBe(true));
    session.destroy();
  });
});

describe('startEmulator', () => {
  it('rejects an unknown vendor or fault preset with a CONFIG_ERROR', async () => {
    await expect(startEmulator('nope' as 'openai')).rejects.toMatchObject({ code: 'CONFIG_ERROR' });
    await expect(startEmulator('openai', { faults: 'sometimes' })).rejects.toBeInstanceOf(PalError);
  });

  it('applies the flaky preset: every third call is a 429 with retry-after 1', async () => {
    emu = await serveVendorEmulator(sampleVendor, { faults: 'flaky' });
    try {
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await post('/v1/echo')).status);
      expect(statuses).toEqual([200, 200, 429, 200, 200, 429]);
      emu.scriptCall(9, { text: 'scripted wins' });
      await post('/v1/echo');
      await post('/v1/echo');
      const ninth = await post('/v1/echo');
      expect(ninth.status).toBe(200);
    } finally {
      await emu.close();
    }
  });

  it('applies the outage preset to every call', async () => {
    emu = await serveVendorEmulator(sampleVendor, { faults: 'outage' });
    try {
      const res = await post('/v1/echo');
      expect(res.status).toBe(503);
      expect(res.headers.get('x-error-kind')).toBe('unavailable');
    } finally {
      await emu.close();
    }
  });
});
