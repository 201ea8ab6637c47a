import { createRuntime, isPalError, loadConfig, type PalError } from '@pal/core';
import { type ImageServer, startImageServer, TEST_PNG_BASE64 } from '@pal/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { adapterFor, HAIKU, useBedrockEmulator } from './bedrock.test-support.js';

/** Images given by URL reach Bedrock Converse as bytes, through the runtime's `images.fetchUrls`. */

const emulator = useBedrockEmulator();
let images: ImageServer;
beforeAll(async () => {
  images = await startImageServer();
});
afterAll(() => images.close());
beforeEach(() => images.reset());

const LOOPBACK = { allowPrivateHosts: ['127.0.0.1'] };
const ask = (url: string) => ({
  model: `bedrock/${HAIKU}`,
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

const converseImage = { image: { format: 'png', source: { bytes: TEST_PNG_BASE64 } } };

describe('bedrock: images by URL', () => {
  it('with images.fetchUrls, the image is downloaded and reaches Converse as png bytes', async () => {
    const runtime = createRuntime({
      providers: [adapterFor(emulator.current)],
      images: { fetchUrls: true, ...LOOPBACK },
    });
    const result = await runtime.chat(ask(`${images.url}/cat.png`));
    expect(result.text.length).toBeGreaterThan(0);
    // the SDK sends the bytes base64-encoded in the JSON body
    expect(emulator.current.lastRequest()?.body).toMatchObject({
      messages: [{ role: 'user', content: [{ text: 'What is this?' }, converseImage] }],
    });
    expect(images.requests.map((r) => r.url)).toEqual(['/cat.png']);
  });

  it('takes the setting from the config, for this provider (providers.bedrock.images), and streams', async () => {
    const config = await loadConfig(
      { providers: { bedrock: { images: { fetchUrls: true, ...LOOPBACK } } } },
      { env: {}, skipProviders: true },
    );
    const runtime = createRuntime({ config, providers: [adapterFor(emulator.current)] });
    const text = await runtime.stream(ask(`${images.url}/cat.png`)).text();
    expect(text.length).toBeGreaterThan(0);
    expect(emulator.current.lastRequest()?.path).toBe(`/model/${HAIKU}/converse-stream`);
    expect(emulator.current.lastRequest()?.body).toMatchObject({
      messages: [{ content: [{ text: 'What is this?' }, converseImage] }],
    });
  });

  it('without it, the URL is refused before any request, and the message names the option', async () => {
    const runtime = createRuntime({ providers: [adapterFor(emulator.current)] });
    const error = await failure(runtime.chat(ask(`${images.url}/cat.png`)));
    expect(error.code).toBe('UNSUPPORTED_CAPABILITY');
    expect(error.message).toContain('images: { fetchUrls: true }');
    expect(emulator.current.requests).toHaveLength(0);
    expect(images.requests).toHaveLength(0);
  });

  it('refuses loopback unless allowed, an oversize image, and a redirect to a private address', async () => {
    const strict = createRuntime({ providers: [adapterFor(emulator.current)], images: { fetchUrls: true } });
    const loopback = await failure(strict.chat(ask(`${images.url}/cat.png`)));
    expect(loopback).toMatchObject({
      code: 'INVALID_REQUEST',
      provider: 'bedrock',
      details: { reason: 'private-address', range: 'loopback' },
    });
    expect(images.requests).toHaveLength(0);

    const small = createRuntime({
      providers: [adapterFor(emulator.current)],
      images: { fetchUrls: true, maxBytes: 16, ...LOOPBACK },
    });
    const big = await failure(small.chat(ask(`${images.url}/cat.png`)));
    expect(big.details).toMatchObject({ reason: 'too-large', maxBytes: 16 });
    expect(big.message).toContain('images.maxBytes (16 bytes)');

    const allowed = createRuntime({
      providers: [adapterFor(emulator.current)],
      images: { fetchUrls: true, ...LOOPBACK },
    });
    const to = encodeURIComponent('http://10.0.0.1/cat.png');
    const redirected = await failure(allowed.chat(ask(`${images.url}/redirect?to=${to}`)));
    expect(redirected.details).toMatchObject({
      reason: 'private-address',
      range: 'private',
      address: '10.0.0.1',
    });
    expect(emulator.current.requests).toHaveLength(0);
  });
});
