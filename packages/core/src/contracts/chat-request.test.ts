import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { chatRequestSchema } from './chat-request.js';

describe('chatRequestSchema', () => {
  it('names what is wrong with message content', () => {
    const result = chatRequestSchema.safeParse({ model: 'm', messages: [{ role: 'user', content: 42 }] });
    expect(result.success).toBe(false);
    const issue = result.error!.issues[0]!;
    expect(issue.path).toEqual(['messages', 0, 'content']);
    expect(issue.message).toMatch(/string or a non-empty array/);
  });

  it('converts a zod response schema and zod tool parameters to JSON Schema', () => {
    const parsed = chatRequestSchema.parse({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
      tools: [{ name: 'get_weather', parameters: z.object({ city: z.string() }) }],
      responseFormat: { type: 'json', schema: z.object({ answer: z.number() }) },
      stop: 'END',
    });
    expect(parsed.tools![0]!.parameters).toMatchObject({
      type: 'object',
      properties: { city: { type: 'string' } },
    });
    expect(parsed.responseFormat).toMatchObject({
      type: 'json',
      schema: { properties: { answer: { type: 'number' } } },
    });
    expect(parsed.stop).toEqual(['END']);
  });

  it('requires exactly one image source and a media type for inline data', () => {
    const noSource = chatRequestSchema.safeParse({
      model: 'm',
      messages: [{ role: 'user', content: [{ type: 'image' }] }],
    });
    expect(noSource.success).toBe(false);
    const noType = chatRequestSchema.safeParse({
      model: 'm',
      messages: [{ role: 'user', content: [{ type: 'image', data: 'iVBOR' }] }],
    });
    expect(noType.error!.issues.map((i) => i.path.join('.'))).toContain('messages.0.content.0.mediaType');
  });

  it('rejects out-of-range sampling parameters by path', () => {
    const result = chatRequestSchema.safeParse({
      model: 'm',
      messages: [{ role: 'user', content: 'x' }],
      temperature: 3,
    });
    expect(result.error!.issues[0]!.path).toEqual(['temperature']);
  });

  it("keeps an assistant tool call's signature, which the vendor wants back unchanged", () => {
    const call = { type: 'tool-call', id: 'c1', name: 'f', arguments: {}, signature: 'SIG==' } as const;
    const parsed = chatRequestSchema.parse({
      model: 'm',
      messages: [
        { role: 'user', content: 'x' },
        { role: 'assistant', content: [call] },
      ],
    });
    expect(parsed.messages[1]!.content).toEqual([call]);
  });
});
