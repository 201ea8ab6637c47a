import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { sampleFromSchema, sampleToolArguments } from './sample-value.js';

/** A zod schema's JSON Schema (as PAL sends it upstream), sampled, then checked by zod itself. */
function sampleValid<T extends z.ZodType>(schema: T): z.output<T> {
  const value = sampleFromSchema(z.toJSONSchema(schema));
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`${JSON.stringify(value)}: ${parsed.error.message}`);
  return parsed.data;
}

describe('sampleFromSchema', () => {
  it('answers a weather tool with a real city and a unit from its enum, not the property names', () => {
    const args = sampleFromSchema({
      type: 'object',
      properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
      required: ['city', 'unit'],
    });
    expect(args).toEqual({ city: 'Paris', unit: 'celsius' });
  });

  it("gives zod's int() (bounded by ±MAX_SAFE_INTEGER) a small positive number", () => {
    const person = sampleValid(z.object({ name: z.string(), age: z.number().int(), count: z.int() }));
    expect(person).toEqual({ name: 'Ada Lovelace', age: 30, count: 3 });
  });

  it('reads names in camelCase, snake_case and with a generic last word', () => {
    expect(
      sampleFromSchema({
        type: 'object',
        properties: {
          departureCity: { type: 'string' },
          country_name: { type: 'string' },
          first_name: { type: 'string' },
          userEmail: { type: 'string' },
          max_results: { type: 'integer' },
          latitude: { type: 'number' },
          price: { type: 'number' },
        },
      }),
    ).toEqual({
      departureCity: 'Paris',
      country_name: 'France',
      first_name: 'Ada',
      userEmail: 'ada@example.com',
      max_results: 3,
      latitude: 48.8566,
      price: 19.99,
    });
  });

  it('respects string formats', () => {
    const value = sampleValid(
      z.object({
        contact: z.email(),
        day: z.iso.date(),
        at: z.iso.datetime(),
        clock: z.iso.time(),
        site: z.url(),
        ref: z.uuid(),
        host: z.ipv4(),
      }),
    );
    expect(value).toEqual({
      contact: 'ada@example.com',
      day: '2025-06-01',
      at: '2025-06-01T09:30:00Z',
      clock: '09:30:00',
      site: 'https://example.com',
      ref: '3f2b8c1e-5d4a-4b6f-9a7e-1c2d3e4f5a6b',
      host: '192.0.2.1',
    });
  });

  it('respects numeric bounds, exclusive bounds and multipleOf', () => {
    const value = sampleValid(
      z.object({
        age: z.int().min(40).max(60),
        count: z.int().max(2),
        stars: z.number().gt(4.5).lte(5),
        ratio: z.number().min(0).max(1),
        even: z.int().multipleOf(4),
        temperature: z.number().min(-10).max(0),
      }),
    );
    expect(value).toEqual({ age: 40, count: 2, stars: 4.75, ratio: 0.7, even: 4, temperature: 0 });
    expect(sampleFromSchema({ type: 'integer', exclusiveMinimum: true, minimum: 10 })).toBe(11);
  });

  it('respects string lengths and simple patterns', () => {
    const value = sampleValid(
      z.object({
        city: z.string().max(3),
        code: z.string().min(10),
        zip: z.string().regex(/^\d+$/),
      }),
    );
    expect(value.city).toBe('Par');
    expect(value.code.length).toBeGreaterThanOrEqual(10);
    expect(value.zip).toBe('123');
  });

  it('gives arrays one or two distinct, item-named values and honours minItems / maxItems', () => {
    const value = sampleValid(
      z.object({
        cities: z.array(z.string()),
        tags: z.array(z.string()).max(1),
        people: z.array(z.object({ name: z.string(), age: z.int() })).min(1),
        scores: z.array(z.number()).length(3),
      }),
    );
    expect(value).toEqual({
      cities: ['Paris', 'London'],
      tags: ['travel'],
      people: [
        { name: 'Ada Lovelace', age: 30 },
        { name: 'Alan Turing', age: 31 },
      ],
      scores: [4.5, 5, 5.5],
    });
  });

  it('takes const, the first enum value, booleans, nullable unions, $refs, allOf and examples', () => {
    const value = sampleValid(
      z.object({
        kind: z.literal('forecast'),
        unit: z.enum(['celsius', 'fahrenheit']),
        subscribe: z.boolean(),
        note: z.string().nullable(),
        when: z.union([z.null(), z.iso.date()]),
      }),
    );
    expect(value).toEqual({
      kind: 'forecast',
      unit: 'celsius',
      subscribe: true,
      note: 'A sunny weekend in Paris with museum visits.',
      when: '2025-06-01',
    });
    expect(
      sampleFromSchema({
        type: 'object',
        properties: { home: { $ref: '#/$defs/place' }, extra: { allOf: [{ $ref: '#/$defs/place' }] } },
        $defs: { place: { type: 'object', properties: { city: { type: 'string' } } } },
      }),
    ).toEqual({ home: { city: 'Paris' }, extra: { city: 'Paris' } });
    expect(sampleFromSchema({ type: 'string', examples: ['Lyon'] })).toBe('Lyon');
  });

  it('stops on recursive schemas and reads OpenAPI-style types the Gemini emulator lowers', () => {
    const tree = sampleFromSchema({
      $ref: '#/$defs/node',
      $defs: {
        node: {
          type: 'object',
          properties: { children: { type: 'array', items: { $ref: '#/$defs/node' } } },
        },
      },
    });
    expect(JSON.stringify(tree).length).toBeLessThan(100_000);
    expect(sampleFromSchema({ type: ['string', 'null'] }, 'city')).toBe('Paris');
  });

  it('falls back to a readable phrase for names it does not know', () => {
    expect(sampleFromSchema({ type: 'object', properties: { dish: { type: 'string' } } })).toEqual({
      dish: 'example dish',
    });
  });

  it('is deterministic', () => {
    const schema = z.toJSONSchema(
      z.object({ city: z.string(), days: z.int().positive(), tags: z.array(z.string()) }),
    );
    expect(sampleFromSchema(schema)).toEqual(sampleFromSchema(schema));
  });
});

describe('sampleToolArguments', () => {
  it('is always an object: the sample, or {} for a tool without (object) parameters', () => {
    expect(sampleToolArguments(undefined)).toEqual({});
    expect(sampleToolArguments({ type: 'string' })).toEqual({});
    expect(sampleToolArguments({ type: 'object', properties: { city: { type: 'string' } } })).toEqual({
      city: 'Paris',
    });
  });
});
