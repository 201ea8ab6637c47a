import { type PalError, Secret } from '@pal/core';
import { describe, expect, it } from 'vitest';
import { type AzureOpenAIOptions, azureOpenAI } from './azure-openai.js';
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

  it('asks for the baseURL of an OpenAI-compatible host, which no environment variable gives', () => {
    expect(() => openaiCompatible({ id: 'acme', apiKey: 'sk-test' } as never)).toThrow(
      expect.objectContaining({
        code: 'CONFIG_ERROR',
        path: ['baseURL'],
        message: 'acme: no baseURL. Pass { baseURL }.',
      }),
    );
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

const KEY = 'azure-key-0123456789abcdef';
const endpoint = 'https://my-resource.openai.azure.com';

/** What `azureOpenAI(options)` throws at construction. */
function refusal(options: AzureOpenAIOptions): PalError {
  try {
    azureOpenAI(options);
  } catch (error) {
    return error as PalError;
  }
  throw new Error('expected azureOpenAI() to throw');
}

describe('azureOpenAI settings are checked at construction', () => {
  it('takes a Secret key, and a baseURL as the endpoint (what a config file sets)', () => {
    expect(azureOpenAI({ endpoint, apiKey: new Secret(KEY) }).id).toBe('azure');
    expect(azureOpenAI({ baseURL: endpoint, apiKey: new Secret(KEY), apiVersion: '2024-10-21' }).id).toBe(
      'azure',
    );
  });

  it.each<[string, AzureOpenAIOptions, string, string]>([
    [
      'a wrong-typed key',
      { endpoint, apiKey: 12345678 as never },
      'apiKey',
      'azure: apiKey must be a string or a Secret (e.g. { "env": "VAR" } in a config file), got a number.',
    ],
    [
      'a wrong-typed apiVersion',
      { endpoint, apiKey: new Secret(KEY), apiVersion: 20241021 as never },
      'apiVersion',
      'azure: apiVersion must be a string, got a number.',
    ],
    [
      'an endpoint with an undefined value joined in',
      { endpoint: 'undefined/openai', apiKey: new Secret(KEY) },
      'endpoint',
      'azure: endpoint must be an absolute http(s) URL such as "https://api.example.com/v1", got "undefined/openai" (an undefined value was joined into it: a missing await or variable?).',
    ],
    [
      'a baseURL without a scheme',
      { baseURL: 'my-resource.openai.azure.com', apiKey: KEY },
      'baseURL',
      'azure: baseURL must be an absolute http(s) URL such as "https://api.example.com/v1", got "my-resource.openai.azure.com".',
    ],
  ])(
    'refuses %s with a CONFIG_ERROR naming it, and no key in the message',
    (_case, options, option, message) => {
      const error = refusal(options);
      expect(error).toMatchObject({ code: 'CONFIG_ERROR', provider: 'azure', path: [option], message });
      expect(error.message).not.toContain(KEY);
    },
  );
});
