import { expect, it } from 'vitest';
import { type ConformanceHarness, rejectionOf } from './harness.js';

/** A 1×1 transparent PNG. */
const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const IMAGE_URL = 'https://example.com/conformance-cat.png';

/** Registers the JSON output, image input and embedding tests (each only where the provider is capable). */
export function registerInputOutputCases(h: ConformanceHarness): void {
  const { capabilities, models } = h.options;

  it.runIf(capabilities.json)('json: a JSON-schema answer parses and has the schema keys', async () => {
    const schema = {
      type: 'object',
      properties: { name: { type: 'string' }, age: { type: 'integer' } },
      required: ['name', 'age'],
    };
    const result = await h.runtime().chat({
      model: h.ref(models.chat),
      messages: [{ role: 'user', content: 'Describe a person' }],
      responseFormat: { type: 'json', schema, name: 'person' },
    });
    const parsed = JSON.parse(result.text) as Record<string, unknown>;
    expect(Object.keys(parsed).sort()).toEqual(['age', 'name']);
    expect(JSON.stringify(h.emulator.requests[0]?.body)).toContain('"age"');
  });

  it.runIf(capabilities.vision)('vision: a base64 image reaches the vendor', async () => {
    const result = await h.runtime().chat({
      model: h.ref(models.vision ?? models.chat),
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in this picture?' },
            { type: 'image', data: PNG_BASE64, mediaType: 'image/png' },
          ],
        },
      ],
    });
    expect(JSON.stringify(h.emulator.requests[0]?.body)).toContain(PNG_BASE64);
    expect(result.text.length).toBeGreaterThan(0);
  });

  it.runIf(capabilities.vision)(
    capabilities.imageUrl
      ? 'vision: an image URL reaches the vendor'
      : 'vision: an image URL fails with UNSUPPORTED_CAPABILITY before any request',
    async () => {
      const call = h.runtime().chat({
        model: h.ref(models.vision ?? models.chat),
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is in this picture?' },
              { type: 'image', url: IMAGE_URL },
            ],
          },
        ],
      });
      if (capabilities.imageUrl) {
        await call;
        expect(JSON.stringify(h.emulator.requests[0]?.body)).toContain(IMAGE_URL);
        return;
      }
      expect((await rejectionOf(call)).code).toBe('UNSUPPORTED_CAPABILITY');
      expect(h.emulator.requests).toHaveLength(0);
    },
  );

  it.runIf(capabilities.embeddings && models.embed)(
    'embeddings: one vector per input, with usage',
    async () => {
      const result = await h
        .runtime()
        .embed({ model: h.ref(models.embed ?? ''), input: ['alpha text', 'beta text'] });
      expect(result.embeddings).toHaveLength(2);
      const [a, b] = result.embeddings;
      expect(a?.length).toBeGreaterThan(0);
      expect(b?.length).toBe(a?.length);
      expect(a).not.toEqual(b);
      expect(result.usage.inputTokens).toBeGreaterThan(0);
      const sent = JSON.stringify(h.emulator.requests.map((r) => r.body));
      expect(sent).toContain('alpha text');
      expect(sent).toContain('beta text');
    },
  );
}
