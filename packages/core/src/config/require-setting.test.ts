import { afterEach, describe, expect, it } from 'vitest';
import { optionalSetting, requireSetting } from './require-setting.js';
import { Secret } from './secret.js';

describe('requireSetting', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('prefers the option, then the first environment variable that is set', () => {
    process.env.PAL_TEST_A = '';
    process.env.PAL_TEST_B = 'from-b';
    expect(requireSetting({ provider: 'x', value: 'given', env: ['PAL_TEST_A'] })).toBe('given');
    expect(requireSetting({ provider: 'x', value: undefined, env: ['PAL_TEST_A', 'PAL_TEST_B'] })).toBe(
      'from-b',
    );
  });

  it('fails with CONFIG_ERROR naming the option and the variables', () => {
    delete process.env.PAL_TEST_A;
    expect(() =>
      requireSetting({ provider: 'gemini', value: '', env: ['PAL_TEST_A', 'PAL_TEST_C'] }),
    ).toThrow(
      expect.objectContaining({
        code: 'CONFIG_ERROR',
        path: ['apiKey'],
        message: 'gemini: no API key. Pass { apiKey } or set PAL_TEST_A or PAL_TEST_C.',
      }),
    );
    expect(() =>
      requireSetting({ provider: 'azure', value: undefined, env: ['PAL_TEST_A'], option: 'endpoint' }),
    ).toThrow(/azure: no endpoint\. Pass \{ endpoint \} or set PAL_TEST_A\./);
  });

  it('names no variable when the setting has none to read', () => {
    expect(() => requireSetting({ provider: 'acme', value: undefined, env: [], option: 'baseURL' })).toThrow(
      expect.objectContaining({
        code: 'CONFIG_ERROR',
        path: ['baseURL'],
        message: 'acme: no baseURL. Pass { baseURL }.',
      }),
    );
  });

  it('reveals a Secret (what loadConfig makes of { "env": ... } and inline keys)', () => {
    expect(requireSetting({ provider: 'openai', value: new Secret('sk-live-123456'), env: [] })).toBe(
      'sk-live-123456',
    );
  });

  it.each([
    [42, 'a number'],
    [{ env: 'OPENAI_API_KEY' }, 'an object'],
    [['k'], 'an array'],
  ])('refuses a key of the wrong type (%j) at construction, without printing it', (value, got) => {
    expect(() => requireSetting({ provider: 'openai', value, env: [] })).toThrow(
      expect.objectContaining({
        code: 'CONFIG_ERROR',
        path: ['apiKey'],
        message: `openai: apiKey must be a string or a Secret (e.g. { "env": "VAR" } in a config file), got ${got}.`,
      }),
    );
  });

  it('checks URLs: absolute http(s) only, and says when an undefined was joined in', () => {
    const url = (value: unknown) =>
      optionalSetting({ provider: 'openai', value, env: [], option: 'baseURL' });
    expect(url('http://127.0.0.1:8080/v1')).toBe('http://127.0.0.1:8080/v1');
    expect(url(undefined)).toBeUndefined();
    expect(() => url('undefined/v1')).toThrow(
      expect.objectContaining({
        code: 'CONFIG_ERROR',
        path: ['baseURL'],
        message:
          'openai: baseURL must be an absolute http(s) URL such as "https://api.example.com/v1", got "undefined/v1" (an undefined value was joined into it: a missing await or variable?).',
      }),
    );
    expect(() => url('ftp://host/v1')).toThrow(expect.objectContaining({ code: 'CONFIG_ERROR' }));
    expect(() => url(8080)).toThrow(
      expect.objectContaining({ message: 'openai: baseURL must be a string, got a number.' }),
    );
  });
});
