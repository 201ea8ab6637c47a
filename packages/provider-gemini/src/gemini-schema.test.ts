import { describe, expect, it } from 'vitest';
import { isEmptyObjectSchema, toGeminiSchema } from './gemini-schema.js';

describe('toGeminiSchema', () => {
  it('drops keywords outside the OpenAPI subset, recursively', () => {
    expect(
      toGeminiSchema({
        $schema: 'http://json-schema.org/draft-07/schema#',
        type: 'object',
        additionalProperties: false,
        default: {},
        properties: {
          list: { type: 'array', items: { type: 'string', examples: ['x'], format: 'email' }, minItems: 1 },
          when: { type: 'string', format: 'date-time' },
        },
        required: ['list'],
      }),
    ).toEqual({
      type: 'object',
      properties: {
        list: { type: 'array', items: { type: 'string' }, minItems: 1 },
        when: { type: 'string', format: 'date-time' },
      },
      required: ['list'],
    });
  });

  it('turns nullable unions into nullable, const into enum and oneOf into anyOf', () => {
    expect(toGeminiSchema({ type: ['string', 'null'] })).toEqual({ type: 'string', nullable: true });
    expect(toGeminiSchema({ anyOf: [{ type: 'integer' }, { type: 'null' }] })).toEqual({
      type: 'integer',
      nullable: true,
    });
    expect(toGeminiSchema({ type: 'string', const: 'on' })).toEqual({ type: 'string', enum: ['on'] });
    expect(toGeminiSchema({ oneOf: [{ type: 'string' }, { type: 'number' }] })).toEqual({
      anyOf: [{ type: 'string' }, { type: 'number' }],
    });
  });

  it('cleans what zod 4 emits (draft-7) for z.object({ name: z.string(), nick: z.string().nullable().optional() })', () => {
    const schema = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: { name: { type: 'string' }, nick: { anyOf: [{ type: 'string' }, { type: 'null' }] } },
      required: ['name'],
      additionalProperties: false,
    };
    expect(toGeminiSchema(schema)).toEqual({
      type: 'object',
      properties: { name: { type: 'string' }, nick: { type: 'string', nullable: true } },
      required: ['name'],
    });
  });

  it('knows an empty parameters object (which Gemini wants omitted)', () => {
    expect(isEmptyObjectSchema(toGeminiSchema({ type: 'object', properties: {}, required: [] }))).toBe(true);
    expect(
      isEmptyObjectSchema(toGeminiSchema({ type: 'object', properties: { a: { type: 'string' } } })),
    ).toBe(false);
  });
});
