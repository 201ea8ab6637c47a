import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createScriptedAdapter, type ScriptStep } from '@pal/testkit/scripted';
import type { ProviderAdapter } from '../contracts/adapter.js';
import type { ChatRequest } from '../contracts/chat-request.js';
import { loadConfig } from '../config/load-config.js';
import { PalError } from '../errors/pal-error.js';
import type { LocalServer } from '../http/local-server.test-support.js';
import { PNG_BASE64, socketsOpenedDuring, startImageServer } from '../images/image-server.test-support.js';
import { createRuntime } from './runtime.js';

let server: LocalServer;
beforeAll(async () => {
  server = await startImageServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.received.length = 0;
});

const LOOPBACK = { allowPrivateHosts: ['127.0.0.1'] };
const ok: ScriptStep = { type: 'result', text: 'a cat' };

function bytesOnly(script: ScriptStep[] = [ok], id = 'acme') {
  const adapter = createScriptedAdapter({ id, models: [{ id: 'm1' }], script });
  return { ...adapter, imageInput: 'bytes' as const };
}

const ask = (url = `${server.url}/cat.png`, model = 'acme/m1') => ({
  model,
  messages: [
    {
      role: 'user' as const,
      content: [
        { type: 'text' as const, text: 'What is this?' },
        { type: 'image' as const, url },
      ],
    },
  ],
});

/** The image part the adapter's `n`th call received. */
function sentImage(adapter: { calls: Array<{ request: unknown }> }, n = 0): unknown {
  const request = adapter.calls[n]?.request as ChatRequest | undefined;
  if (!request) throw new Error(`the adapter got no call #${n}`);
  return (request.messages[0] as { content: unknown[] }).content[1];
}

describe('runtime: images by URL for an adapter that takes bytes', () => {
  it('downloads the image and sends it inline (base64 data + mediaType)', async () => {
    const adapter = bytesOnly();
    const runtime = createRuntime({ providers: [adapter], images: { fetchUrls: true, ...LOOPBACK } });
    const result = await runtime.chat(ask());
    expect(result.text).toBe('a cat');
    expect(sentImage(adapter)).toEqual({ type: 'image', data: PNG_BASE64, mediaType: 'image/png' });
    expect(server.received.map((r) => r.url)).toEqual(['/cat.png']);
  });

  it('downloads once per call, not again on each retry', async () => {
    const overloaded: ScriptStep = { type: 'error', error: new PalError({ code: 'OVERLOADED' }) };
    const adapter = bytesOnly([overloaded, overloaded, ok]);
    const runtime = createRuntime({
      providers: [adapter],
      images: { fetchUrls: true, ...LOOPBACK },
      policies: { retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2, budget: false } },
    });
    await runtime.chat(ask());
    expect(adapter.calls).toHaveLength(3);
    for (const n of [0, 1, 2]) expect(sentImage(adapter, n)).toMatchObject({ data: PNG_BASE64 });
    expect(server.received).toHaveLength(1);
  });

  it('streams with the image inlined', async () => {
    const adapter = bytesOnly([
      {
        type: 'stream',
        events: [
          { type: 'text-delta', text: 'a cat' },
          { type: 'finish', finishReason: 'stop' },
        ],
      },
    ]);
    const runtime = createRuntime({ providers: [adapter], images: { fetchUrls: true, ...LOOPBACK } });
    expect(await runtime.stream(ask()).text()).toBe('a cat');
    expect(sentImage(adapter)).toEqual({ type: 'image', data: PNG_BASE64, mediaType: 'image/png' });
  });

  it('a refused download fails the call before the adapter is called, naming the part, provider and model', async () => {
    const adapter = bytesOnly();
    const runtime = createRuntime({ providers: [adapter], images: { fetchUrls: true } });
    const error = (await runtime.chat(ask()).catch((e: unknown) => e)) as PalError;
    expect(error).toMatchObject({
      code: 'INVALID_REQUEST',
      provider: 'acme',
      model: 'm1',
      path: ['messages', 0, 'content', 1, 'url'],
      details: { reason: 'private-address', range: 'loopback' },
    });
    expect(error.message).toContain('messages[0].content[1].url');
    expect(error.userMessage).toContain('is not a public address');
    expect(adapter.calls).toHaveLength(0);
    expect(server.received).toHaveLength(0);
  });

  it('a refused download ends a stream with its error event', async () => {
    const adapter = bytesOnly();
    const runtime = createRuntime({ providers: [adapter], images: { fetchUrls: true, ...LOOPBACK } });
    const events = [];
    for await (const event of runtime.stream(ask(`${server.url}/page.html`))) events.push(event);
    expect(events.at(-1)).toMatchObject({
      type: 'error',
      error: { code: 'INVALID_REQUEST', details: { reason: 'content-type' } },
    });
    expect(adapter.calls).toHaveLength(0);
  });

  it('refuses 10.0.0.1 and the metadata address through the runtime without opening a socket', async () => {
    const adapter = bytesOnly();
    const runtime = createRuntime({ providers: [adapter], images: { fetchUrls: true } });
    for (const url of [
      'http://10.0.0.1/cat.png',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::ffff:127.0.0.1]/',
    ]) {
      const sockets = await socketsOpenedDuring(() =>
        expect(runtime.chat(ask(url))).rejects.toMatchObject({ details: { reason: 'private-address' } }),
      );
      expect(sockets.created).toBe(0);
    }
  });

  it('a call cancelled while the image downloads ends ABORTED', async () => {
    const adapter = bytesOnly();
    const runtime = createRuntime({ providers: [adapter], images: { fetchUrls: true, ...LOOPBACK } });
    const controller = new AbortController();
    const pending = runtime.chat(ask(`${server.url}/hang.png`), { signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    await expect(pending).rejects.toMatchObject({ code: 'ABORTED' });
    expect(adapter.calls).toHaveLength(0);
  });
});

describe('runtime: when images are not fetched', () => {
  it('sends the URL as it is when fetching is off (the default): the adapter refuses or takes it', async () => {
    const adapter = bytesOnly();
    await createRuntime({ providers: [adapter] }).chat(ask());
    expect(sentImage(adapter)).toEqual({ type: 'image', url: `${server.url}/cat.png` });
    expect(server.received).toHaveLength(0);
  });

  it('never downloads for an adapter that takes URLs', async () => {
    const adapter = createScriptedAdapter({ id: 'acme', models: [{ id: 'm1' }], script: [ok] });
    await createRuntime({ providers: [adapter], images: { fetchUrls: true, ...LOOPBACK } }).chat(ask());
    expect(sentImage(adapter)).toEqual({ type: 'image', url: `${server.url}/cat.png` });
    expect(server.received).toHaveLength(0);
  });
});

describe('runtime: images settings, globally and per provider', () => {
  function pair() {
    return { acme: bytesOnly([ok], 'acme'), beta: bytesOnly([ok], 'beta') };
  }
  async function inlined(
    runtime: ReturnType<typeof createRuntime>,
    adapters: Record<string, ProviderAdapter & { calls: Array<{ request: unknown }> }>,
  ) {
    await runtime.chat(ask(undefined, 'acme/m1'));
    await runtime.chat(ask(undefined, 'beta/m1'));
    return Object.fromEntries(
      Object.entries(adapters).map(([id, adapter]) => [id, 'data' in (sentImage(adapter) as object)]),
    );
  }

  it('providerImages switches fetching on for one provider, or off under a global on', async () => {
    const one = pair();
    const onForAcme = createRuntime({
      providers: [one.acme, one.beta],
      providerImages: { acme: { fetchUrls: true, ...LOOPBACK } },
    });
    expect(await inlined(onForAcme, one)).toEqual({ acme: true, beta: false });

    const two = pair();
    const offForBeta = createRuntime({
      providers: [two.acme, two.beta],
      images: { fetchUrls: true, ...LOOPBACK },
      providerImages: { beta: { fetchUrls: false } },
    });
    expect(await inlined(offForBeta, two)).toEqual({ acme: true, beta: false });
  });

  it('a provider keeps the global keys it does not set (its allow-list replaces the global one)', async () => {
    const adapter = bytesOnly();
    const runtime = createRuntime({
      providers: [adapter],
      images: { fetchUrls: true, allowPrivateHosts: ['10.0.0.0/8'] },
      providerImages: { acme: { maxBytes: 10 } },
    });
    // the global allow-list does not cover 127.0.0.1
    await expect(runtime.chat(ask())).rejects.toMatchObject({ details: { reason: 'private-address' } });
    const allowed = createRuntime({
      providers: [bytesOnly()],
      images: { fetchUrls: true, maxBytes: 10 },
      providerImages: { acme: LOOPBACK },
    });
    // the provider's allow-list, and the global maxBytes
    await expect(allowed.chat(ask())).rejects.toMatchObject({
      details: { reason: 'too-large', maxBytes: 10 },
    });
  });

  it('reads images and providers.<id>.images from the config, runtime options over them', async () => {
    const config = await loadConfig(
      {
        images: { fetchUrls: true, timeoutMs: 5_000 },
        providers: { acme: { images: { allowPrivateHosts: ['127.0.0.1'] } } },
      },
      { env: {}, skipProviders: true },
    );
    const adapter = bytesOnly();
    await createRuntime({ config, providers: [adapter] }).chat(ask());
    expect(sentImage(adapter)).toMatchObject({ data: PNG_BASE64 });

    const off = bytesOnly();
    await createRuntime({ config, providers: [off], images: { fetchUrls: false } }).chat(ask());
    expect(sentImage(off)).toMatchObject({ url: `${server.url}/cat.png` });
  });

  it('a config environment profile can set images', async () => {
    const config = await loadConfig(
      { environments: { test: { images: { fetchUrls: true, allowPrivateHosts: ['127.0.0.1'] } } } },
      { env: {}, environment: 'test', skipProviders: true },
    );
    const adapter = bytesOnly();
    await createRuntime({ config, providers: [adapter] }).chat(ask());
    expect(sentImage(adapter)).toMatchObject({ data: PNG_BASE64 });
  });

  it('bad options fail at once with CONFIG_ERROR naming the path', async () => {
    expect(() => createRuntime({ images: { maxBytes: -1 } })).toThrow(/images\.maxBytes/);
    expect(() => createRuntime({ providerImages: { acme: { allowPrivateHosts: ['10.0.0.0/99'] } } })).toThrow(
      /providerImages\.acme\.allowPrivateHosts\.0: must be a host name, an IP address or a CIDR range/,
    );
    await expect(
      loadConfig({ images: { fetchURLs: true } }, { env: {}, skipProviders: true }),
    ).rejects.toMatchObject({
      code: 'CONFIG_ERROR',
      message: expect.stringContaining('images: unknown key "fetchURLs"; did you mean "fetchUrls"?'),
    });
  });
});
