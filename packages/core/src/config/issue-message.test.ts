import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { configSchema } from './config-schema.js';
import { describeIssues, describeValue } from './issue-message.js';

const messages = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return [];
  return describeIssues(result.error.issues).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('describeIssues', () => {
  it('says what was expected and received, never zod\'s "Invalid input"', () => {
    const all = messages(configSchema, {
      providers: { OpenAI: {}, openai: { baseURL: 'not a url', apiKey: 42, enabled: 'yes' } },
      routing: { strategy: 'fastest', fallbackChain: [''] },
    });
    expect([...all].sort()).toEqual(
      [
        'providers.OpenAI: invalid key: provider ids are lower-case, got the string "OpenAI"',
        'providers.openai.apiKey: expected a string or an object, got 42',
        'providers.openai.baseURL: expected a URL, got the string "not a url"',
        'providers.openai.enabled: expected true or false, got the string "yes"',
        'routing.strategy: expected one of "local_first", "cost_optimized", "quality", "speed", "round_robin", "least_connections", "weighted", got the string "fastest"',
        'routing.fallbackChain.0: expected a string of at least 1 character, got the string ""',
      ].sort(),
    );
    expect(all.join('\n')).not.toContain('Invalid input');
  });

  it('never repeats a string that may be a secret', () => {
    const [message] = messages(configSchema, {
      providers: { openai: { apiKey: { env: 'sk-live-123456' } } },
    });
    expect(message).toContain('providers.openai.apiKey');
    expect(message).not.toContain('sk-live');
    expect(message).toContain('got a string of 14 characters (not shown: it may be a secret)');
  });

  it('keeps a schema message of its own and says so when nothing was received', () => {
    const schema = z.strictObject({
      env: z.string().regex(/^[A-Z]+$/, 'must be an environment variable name'),
    });
    expect(messages(schema, { env: 'a b' })).toEqual([
      'env: must be an environment variable name, got the string "a b"',
    ]);
    const issues = schema.safeParse({ env: 5 }).error?.issues ?? [];
    expect(describeIssues(issues)[0]?.message).toBe('expected a string');
    expect(messages(z.strictObject({ a: z.number() }), {})).toEqual(['a: expected a number, got undefined']);
  });

  it('names values briefly', () => {
    expect(describeValue('x'.repeat(100))).toBe(`the string "${'x'.repeat(57)}..."`);
    expect(
      [null, undefined, [1], [1, 2], {}, () => 1, Symbol('s'), 2n, Number.NaN].map(describeValue),
    ).toEqual([
      'null',
      'undefined',
      'an array (1 item)',
      'an array (2 items)',
      'an object',
      'a function',
      'a symbol',
      '2n',
      'NaN',
    ]);
  });
});

describe('a discriminated union', () => {
  it('names the values the discriminator takes and the one given', () => {
    const schema = z.object({
      parts: z.array(
        z.discriminatedUnion('type', [
          z.object({ type: z.literal('text'), text: z.string() }),
          z.object({ type: z.literal('image'), url: z.string() }),
        ]),
      ),
    });
    const result = schema.safeParse({ parts: [{ type: 'video' }] }, { reportInput: true });
    expect(describeIssues(result.error?.issues ?? [])).toEqual([
      { path: ['parts', 0, 'type'], message: 'expected one of "text", "image", got the string "video"' },
    ]);
  });
});
