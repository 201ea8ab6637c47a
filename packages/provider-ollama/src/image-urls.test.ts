import { createRuntime, isPalError, type PalError } from '@pal/core';
import {
  type Emulator,
  type ImageServer,
  startEmulator,
  startImageServer,
  TEST_PNG_BASE64,
} from '@pal/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ollama } from './ollama-provider.js';

/** Images given by URL reach Ollama as base64 `images`, through the runtime's `images.fetchUrls`. */

let emulator: Emulator;
let images: ImageServer;
beforeAll(async () => {
  emulator = await startEmulator('ollama');
  images = await startImageServer({
    '/fake.png': { contentType: 'image/png', body: '<!doctype html><html><body>Not found</body></html>' },
  });
});
afterAll(async () => {
  await emulator.close();
  await images.close();
});
beforeEach(() => {
  emulator.reset();
  images.reset();
});

const LOOPBACK = { allowPrivateHosts: ['127.0.0.1'] };
const adapter = () => ollama({ baseURL: emulator.url });
const ask = (url: string) => ({
  model: 'ollama/llava',
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

async function failure(promise: Promise<unknown>): Promise<PalError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isPalError(error), 'the call was expected to fail with a PalError').toBe(true);
  return error as PalError;
}

describe('ollama: images by URL', () => {
  it('with images.fetchUrls, the image is downloaded and reaches Ollama in `images`', async () => {
    const runtime = createRuntime({ providers: [adapter()], images: { fetchUrls: true, ...LOOPBACK } });
    const result = await runtime.chat(ask(`${images.url}/cat.png`));
    expect(result.text.length).toBeGreaterThan(0);
    expect((emulator.requests[0]!.body as any).messages).toEqual([
      { role: 'user', content: 'What is this?', images: [TEST_PNG_BASE64] },
    ]);
    expect(images.requests.map((r) => r.url)).toEqual(['/cat.png']);
  });

  it('streams with the image inline too', async () => {
    const runtime = createRuntime({ providers: [adapter()], images: { fetchUrls: true, ...LOOPBACK } });
    expect((await runtime.stream(ask(`${images.url}/cat.png`)).text()).length).toBeGreaterThan(0);
    expect((emulator.requests[0]!.body as any).messages[0].images).toEqual([TEST_PNG_BASE64]);
  });

  it('without it, the URL is refused before any request, and the message names the option', async () => {
    const error = await failure(createRuntime({ providers: [adapter()] }).chat(ask(`${images.url}/cat.png`)));
    expect(error.code).toBe('UNSUPPORTED_CAPABILITY');
    expect(error.path).toEqual(['messages', 0, 'content', 1, 'url']);
    expect(error.message).toContain('images: { fetchUrls: true }');
    expect(emulator.requests).toHaveLength(0);
    expect(images.requests).toHaveLength(0);
  });

  it('refuses loopback unless allowed, and HTML labelled image/png', async () => {
    const strict = createRuntime({ providers: [adapter()], images: { fetchUrls: true } });
    expect((await failure(strict.chat(ask(`${images.url}/cat.png`)))).details).toMatchObject({
      reason: 'private-address',
      range: 'loopback',
    });
    expect(images.requests).toHaveLength(0);
    const allowed = createRuntime({ providers: [adapter()], images: { fetchUrls: true, ...LOOPBACK } });
    const fake = await failure(allowed.chat(ask(`${images.url}/fake.png`)));
    expect(fake).toMatchObject({ code: 'INVALID_REQUEST', details: { reason: 'not-an-image' } });
    expect(fake.message).toContain('is labelled image/png but its bytes are not');
    expect(emulator.requests).toHaveLength(0);
  });
});
