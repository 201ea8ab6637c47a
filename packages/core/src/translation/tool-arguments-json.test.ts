import { describe, expect, it } from 'vitest';
import { PalError } from '../errors/pal-error.js';
import { parseToolArguments, stringifyToolArguments } from './tool-arguments-json.js';

describe('parseToolArguments', () => {
  it('parses the JSON text of the arguments', () => {
    expect(parseToolArguments('{"city":"Paris","days":[1,2]}', 'get_weather')).toEqual({
      city: 'Paris',
      days: [1, 2],
    });
  });

  it('reads an empty or blank string as a call without arguments', () => {
    expect(parseToolArguments('', 'now')).toEqual({});
    expect(parseToolArguments('  \n', 'now')).toEqual({});
  });

  it('throws a non-retryable SERIALIZATION_ERROR naming the tool for text that is not JSON', () => {
    let thrown: unknown;
    try {
      parseToolArguments('{"city": "Par', 'get_weather');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PalError);
    expect(thrown).toMatchObject({ code: 'SERIALIZATION_ERROR', retryable: false });
    expect((thrown as PalError).message).toContain('"get_weather"');
    expect((thrown as PalError).cause).toBeInstanceOf(SyntaxError);
  });
});

describe('stringifyToolArguments', () => {
  it('writes the arguments as JSON, and missing arguments as {}', () => {
    expect(stringifyToolArguments({ a: 1 })).toBe('{"a":1}');
    expect(stringifyToolArguments(undefined)).toBe('{}');
    expect(stringifyToolArguments(null)).toBe('{}');
  });

  it('round-trips through parseToolArguments', () => {
    const args = { q: 'x', n: 2, nested: { ok: true } };
    expect(parseToolArguments(stringifyToolArguments(args), 't')).toEqual(args);
  });
});
