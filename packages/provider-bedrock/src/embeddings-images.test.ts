import { embedRequestSchema, imageRequestSchema } from '@pal/core/provider';
import { describe, expect, it } from 'vitest';
import { adapterFor, callContext, useBedrockEmulator } from './bedrock.test-support.js';

const emulator = useBedrockEmulator();
const embed = (input: unknown, options = {}) =>
  adapterFor(emulator.current, options).embed?.(embedRequestSchema.parse(input), callContext());

describe('embeddings through InvokeModel', () => {
  it('sends one Titan call per input, concurrently under the cap, and keeps the input order', async () => {
    const inputs = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'];
    const result = await embed(
      { model: 'amazon.titan-embed-text-v2:0', input: inputs, dimensions: 256 },
      { embeddingConcurrency: 2 },
    );
    expect(result?.embeddings).toHaveLength(5);
    expect(result?.embeddings[0]).toHaveLength(256);
    const sent = emulator.current.requests.map((r) => (r.body as { inputText: string }).inputText);
    expect([...sent].sort()).toEqual([...inputs].sort());
    expect(
      emulator.current.requests.every((r) => r.path === '/model/amazon.titan-embed-text-v2:0/invoke'),
    ).toBe(true);
    // the same text embeds to the same vector, so order is checkable
    const single = await embed({ model: 'amazon.titan-embed-text-v2:0', input: 'gamma', dimensions: 256 });
    expect(result?.embeddings[2]).toEqual(single?.embeddings[0]);
    expect(result?.usage?.inputTokens).toBe(inputs.reduce((sum, t) => sum + Math.ceil(t.length / 4), 0));
  });

  it('splits Cohere batches at 96 texts', async () => {
    const inputs = Array.from({ length: 200 }, (_, i) => `text ${i}`);
    const result = await embed({ model: 'cohere.embed-english-v3', input: inputs });
    expect(result?.embeddings).toHaveLength(200);
    const sizes = emulator.current.requests.map((r) => (r.body as { texts: string[] }).texts.length);
    expect(sizes.sort((a, b) => b - a)).toEqual([96, 96, 8]);
    expect(emulator.current.requests[0]?.body).toMatchObject({ input_type: 'search_document' });
  });

  it('refuses a model it cannot embed with', async () => {
    await expect(
      embed({ model: 'us.anthropic.claude-haiku-4-5-20251001-v1:0', input: 'x' }),
    ).rejects.toMatchObject({
      code: 'UNSUPPORTED_CAPABILITY',
    });
    expect(emulator.current.requests).toHaveLength(0);
  });

  it('maps an InvokeModel ValidationException to INVALID_REQUEST', async () => {
    await expect(
      embed({ model: 'amazon.titan-embed-text-v2:0', input: 'x', dimensions: 300 }),
    ).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
      status: 400,
    });
  });
});

describe('image generation through InvokeModel', () => {
  it.each(['amazon.nova-canvas-v1:0', 'amazon.titan-image-generator-v2:0'])(
    'generates PNGs with %s',
    async (model) => {
      const request = imageRequestSchema.parse({
        model,
        prompt: 'a red square',
        n: 2,
        size: '512x512',
        seed: 7,
      });
      const result = await adapterFor(emulator.current).generateImage?.(request, callContext());
      expect(result?.images).toHaveLength(2);
      expect(result?.images[0]?.mediaType).toBe('image/png');
      expect(
        Buffer.from(result?.images[0]?.data ?? '', 'base64')
          .subarray(1, 4)
          .toString(),
      ).toBe('PNG');
      expect(emulator.current.lastRequest()?.body).toEqual({
        taskType: 'TEXT_IMAGE',
        textToImageParams: { text: 'a red square' },
        imageGenerationConfig: { numberOfImages: 2, width: 512, height: 512, seed: 7 },
      });
    },
  );

  it('maps a throttled image call to PROVIDER_RATE_LIMIT_ERROR', async () => {
    emulator.current.script({ fault: { type: 'error', kind: 'rate_limit' } });
    const request = imageRequestSchema.parse({ model: 'amazon.nova-canvas-v1:0', prompt: 'x' });
    await expect(adapterFor(emulator.current).generateImage?.(request, callContext())).rejects.toMatchObject({
      code: 'PROVIDER_RATE_LIMIT_ERROR',
    });
  });
});
