import { afterEach, describe, expect, it } from 'vitest';
import { requireSetting } from './require-setting.js';

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
});
