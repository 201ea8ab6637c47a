import { describe, expect, it } from 'vitest';
import { isPalError, type PalError } from '../errors/pal-error.js';
import { appendBuiltInTools, mergeProviderOptions, readProviderOptions, z } from './provider-options.js';

function thrown(run: () => unknown): PalError {
  try {
    run();
  } catch (error) {
    if (isPalError(error)) return error;
    throw error;
  }
  throw new Error('expected a PalError');
}

const strict = z.strictObject({
  keep_alive: z.union([z.string(), z.number()]).optional(),
  options: z.looseObject({ num_ctx: z.number().int().positive().optional() }).optional(),
});
const loose = z.looseObject({ store: z.boolean().optional() });

describe('readProviderOptions', () => {
  it("returns the provider's own options, parsed, and undefined when it has none", () => {
    const request = { providerOptions: { acme: { store: true, extra: 1 }, other: { store: 'x' } } };
    expect(readProviderOptions(request, 'acme', loose)).toEqual({ store: true, extra: 1 });
    expect(readProviderOptions(request, 'nobody', loose)).toBeUndefined();
    expect(readProviderOptions({}, 'acme', loose)).toBeUndefined();
  });

  it('refuses a wrongly typed known field with INVALID_REQUEST naming providerOptions.<id>.<field>', () => {
    const error = thrown(() =>
      readProviderOptions({ providerOptions: { acme: { store: 'yes' } } }, 'acme', loose),
    );
    expect(error).toMatchObject({
      code: 'INVALID_REQUEST',
      provider: 'acme',
      retryable: false,
      path: ['providerOptions', 'acme', 'store'],
    });
    expect(error.message).toMatch(/^Invalid providerOptions\.acme\.store: /);
    const nested = thrown(() =>
      readProviderOptions({ providerOptions: { local: { options: { num_ctx: -1 } } } }, 'local', strict),
    );
    expect(nested.path).toEqual(['providerOptions', 'local', 'options', 'num_ctx']);
  });

  it('refuses an unknown key of a strict schema, with a did-you-mean when one is close', () => {
    const typo = thrown(() =>
      readProviderOptions({ providerOptions: { local: { keep_alve: '5m' } } }, 'local', strict),
    );
    expect(typo.path).toEqual(['providerOptions', 'local', 'keep_alve']);
    expect(typo.message).toContain('did you mean "keep_alive"?');
    const unknown = thrown(() =>
      readProviderOptions({ providerOptions: { local: { zzz: 1 } } }, 'local', strict),
    );
    expect(unknown.message).toBe(
      'Invalid providerOptions.local.zzz: unknown field (not a local option PAL passes on)',
    );
  });

  it('refuses a protected key before parsing, so a strict schema does not call it unknown', () => {
    const request = { providerOptions: { local: { model: 'x' } } };
    const error = thrown(() => readProviderOptions(request, 'local', strict, { model: 'model' }));
    expect(error.message).toBe(
      'Invalid providerOptions.local.model: PAL sets it from the request: use model instead',
    );
  });
});

describe('mergeProviderOptions', () => {
  const protectedKeys = { model: 'model', max_tokens: 'maxOutputTokens' };

  it('merges options PAL does not translate over the body', () => {
    const body = { model: 'm', max_tokens: 5 };
    expect(
      mergeProviderOptions(body, { service_tier: 'auto' }, protectedKeys, ['providerOptions', 'acme']),
    ).toEqual({
      model: 'm',
      max_tokens: 5,
      service_tier: 'auto',
    });
    expect(mergeProviderOptions(body, undefined, protectedKeys, ['providerOptions', 'acme'])).toBe(body);
  });

  it('refuses a key PAL writes, naming it and the request field to use instead', () => {
    const error = thrown(() =>
      mergeProviderOptions({ model: 'm' }, { model: 'other' }, protectedKeys, ['providerOptions', 'acme']),
    );
    expect(error).toMatchObject({
      code: 'INVALID_REQUEST',
      provider: 'acme',
      path: ['providerOptions', 'acme', 'model'],
    });
    expect(error.message).toBe(
      'Invalid providerOptions.acme.model: PAL sets it from the request: use model instead',
    );
    const nested = thrown(() =>
      mergeProviderOptions({}, { max_tokens: 9 }, protectedKeys, ['providerOptions', 'acme', 'inner']),
    );
    expect(nested.path).toEqual(['providerOptions', 'acme', 'inner', 'max_tokens']);
    expect(nested.message).toContain('use maxOutputTokens instead');
  });

  it('ignores a protected key given as undefined, and inherited names', () => {
    expect(
      mergeProviderOptions({ a: 1 }, { model: undefined }, protectedKeys, ['providerOptions', 'acme']),
    ).toEqual({
      a: 1,
      model: undefined,
    });
    expect(mergeProviderOptions({}, { toString: 1 }, protectedKeys, ['providerOptions', 'acme'])).toEqual({
      toString: 1,
    });
  });
});

describe('appendBuiltInTools', () => {
  const isFunction = (tool: object) => 'functionDeclarations' in tool;
  const at = ['providerOptions', 'gem'] as const;

  it("appends the vendor's built-in tools after the translated ones", () => {
    const translated = [{ functionDeclarations: [{ name: 'f' }] }];
    expect(appendBuiltInTools(translated, [{ googleSearch: {} }], isFunction, at)).toEqual([
      { functionDeclarations: [{ name: 'f' }] },
      { googleSearch: {} },
    ]);
    expect(appendBuiltInTools(undefined, [{ codeExecution: {} }], isFunction, at)).toEqual([
      { codeExecution: {} },
    ]);
    expect(appendBuiltInTools(translated, undefined, isFunction, at)).toEqual(translated);
    expect(appendBuiltInTools(undefined, [], isFunction, at)).toBeUndefined();
  });

  it('refuses a function tool, naming its index', () => {
    const error = thrown(() =>
      appendBuiltInTools([], [{ googleSearch: {} }, { functionDeclarations: [] }], isFunction, at),
    );
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', path: ['providerOptions', 'gem', 'tools', 1] });
    expect(error.message).toContain('give it in tools');
  });
});
