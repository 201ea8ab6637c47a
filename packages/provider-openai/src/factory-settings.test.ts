import { Secret } from '@pal/core';
import { describe, expect, it } from 'vitest';
import { openai } from './openai.js';
import { openaiCompatible } from './openai-compatible.js';

describe('factory settings are checked at construction', () => {
  it('refuses a baseURL that is not an absolute http(s) URL (a forgotten await) with CONFIG_ERROR', () => {
    expect(() => openai({ apiKey: 'sk-test', baseURL: 'undefined/v1' })).toThrow(
      expect.objectContaining({ code: 'CONFIG_ERROR', path: ['baseURL'] }),
    );
    expect(() =>
      openaiCompatible({ id: 'local', baseURL: 'localhost:1234/v1', requiresApiKey: false }),
    ).toThrow(expect.objectContaining({ code: 'CONFIG_ERROR', path: ['baseURL'] }));
  });

  it('refuses a key of the wrong type and takes a Secret', () => {
    expect(() => openai({ apiKey: 42 as never })).toThrow(
      expect.objectContaining({
        code: 'CONFIG_ERROR',
        message: expect.stringContaining('apiKey must be a string or a Secret'),
      }),
    );
    expect(
      openai({ apiKey: new Secret('sk-test-123456') as never, baseURL: 'http://127.0.0.1:1/v1' }).id,
    ).toBe('openai');
  });
});
