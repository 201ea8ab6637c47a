import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from './config-json-schema.js';

const committed = fileURLToPath(new URL('../../provider-runtime.schema.json', import.meta.url));

describe('configJsonSchema', () => {
  it('matches the committed provider-runtime.schema.json (run the core build to refresh it)', () => {
    expect(readFileSync(committed, 'utf8')).toBe(`${JSON.stringify(configJsonSchema, null, 2)}\n`);
  });

  it('reads as a plain object although it is built on first access (keys, spread, `in`)', () => {
    expect(Object.keys(configJsonSchema)).toEqual(Object.keys(JSON.parse(JSON.stringify(configJsonSchema))));
    expect({ ...configJsonSchema }).toEqual(JSON.parse(JSON.stringify(configJsonSchema)));
    expect('properties' in configJsonSchema).toBe(true);
    expect(configJsonSchema.title).toBe('PAL provider runtime configuration');
  });

  it('describes providers, policies, routing and environments', () => {
    const properties = configJsonSchema.properties as Record<string, unknown>;
    expect(Object.keys(properties)).toEqual(
      expect.arrayContaining(['providers', 'policies', 'routing', 'defaultModel', 'environments']),
    );
  });
});
