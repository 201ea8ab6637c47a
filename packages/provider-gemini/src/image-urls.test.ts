import { createRuntime, isPalError, type PalError } from '@pal/core';
import {
  type Emulator,
  type ImageServer,
  startEmulator,
  startImageServer,
  TEST_PNG_BASE64,
} from '@pal/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { gemini } from './gemini.js';

/** Images given by URL reach Gemini inline, through the runtime's `images.fetchUrls`. */

const KEY = 'AIza-test-SECRET-key-0123456789';
let emu: Emulator;
let images: ImageServer;
beforeAll(async () => {
  emu = await startEmulator('gemini');
  images = await startImageServer();
});
afterAll(async () => {
  await emu.close();
  await images.close();
});
beforeEach(() => {
  emu.reset();
  images.reset();
});

const adapter = () => gemini({ apiKey: KEY, baseURL: emu.url });
const LOOPBACK = { allowPrivateHosts: ['127.0.0.1'] };
const ask = (url: string) => ({
  model: 'gemini/gemini-2.5-flash',
  messages: [
    {
      role: 'user' as const,
      content: [
        { type: 'text' as const, text: 'What is in this picture?' },
        { type: 'image' as const, url },
      ],
    },
  ],
});

async function failure(promise: Promise<unknown>): Promise<PalError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isPalError(error), 'the call was expected to fail with a PalError').toBe(true);
  return error as PalError;
}

describe('gemini: images by URL', () => {
  it('with images.fetchUrls, the image is downloaded and reaches Gemini as inlineData', async () => {
    const runtime = createRuntime({ providers: [adapter()], images: { fetchUrls: true, ...LOOPBACK } });
    const result = await runtime.chat(ask(`${images.url}/cat.png`));
    expect(result.text.length).toBeGreaterThan(0);
    expect((emu.lastRequest()!.body as any).contents).toEqual([
      {
        role: 'user',
        parts: [
          { text: 'What is in this picture?' },
          { inlineData: { mimeType: 'image/png', data: TEST_PNG_BASE64 } },
        ],
      },
    ]);
    expect(images.requests.map((r) => r.url)).toEqual(['/cat.png']);
  });

  it('streams with the image inline too, set for this provider only (providerImages)', async () => {
    const runtime = createRuntime({
      providers: [adapter()],
      providerImages: { gemini: { fetchUrls: true, ...LOOPBACK } },
    });
    const text = await runtime.stream(ask(`${images.url}/cat.png`)).text();
    expect(text.length).toBeGreaterThan(0);
    expect(JSON.stringify(emu.lastRequest()?.body)).toContain(TEST_PNG_BASE64);
    expect(emu.lastRequest()?.path).toContain(':streamGenerateContent');
  });

  it('without it, the URL is refused before any request, and the message names the option', async () => {
    const error = await failure(createRuntime({ providers: [adapter()] }).chat(ask(`${images.url}/cat.png`)));
    expect(error.code).toBe('UNSUPPORTED_CAPABILITY');
    expect(error.message).toContain('images: { fetchUrls: true }');
    expect(emu.requests).toHaveLength(0);
    expect(images.requests).toHaveLength(0);
  });

  it('refuses 127.0.0.1 when loopback is not allowed, reaching neither the image host nor Gemini', async () => {
    const runtime = createRuntime({ providers: [adapter()], images: { fetchUrls: true } });
    const connections = images.connections;
    const error = await failure(runtime.chat(ask(`${images.url}/cat.png`)));
    expect(error).toMatchObject({
      code: 'INVALID_REQUEST',
      provider: 'gemini',
      path: ['messages', 0, 'content', 1, 'url'],
      details: { reason: 'private-address', range: 'loopback' },
    });
    expect(error.message).toContain('images.allowPrivateHosts');
    expect(images.connections).toBe(connections);
    expect(images.requests).toHaveLength(0);
    expect(emu.requests).toHaveLength(0);
  });

  it('refuses a page that is no image, and a redirect to the metadata address', async () => {
    const runtime = createRuntime({ providers: [adapter()], images: { fetchUrls: true, ...LOOPBACK } });
    expect((await failure(runtime.chat(ask(`${images.url}/page.html`)))).details).toMatchObject({
      reason: 'content-type',
    });
    const metadata = encodeURIComponent('http://169.254.169.254/latest/meta-data/');
    const error = await failure(runtime.chat(ask(`${images.url}/redirect?to=${metadata}`)));
    expect(error.details).toMatchObject({ reason: 'private-address', range: 'link-local' });
    expect(emu.requests).toHaveLength(0);
  });
});
