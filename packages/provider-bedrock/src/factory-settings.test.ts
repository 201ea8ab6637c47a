import { type PalError, Secret } from '@pal/core';
import { describe, expect, it } from 'vitest';
import { bedrock } from './bedrock-provider.js';
import { createBedrockClient } from './client.js';
import type { BedrockProviderOptions } from './options.js';

const SECRET_KEY = 'wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY';
const keys = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: new Secret(SECRET_KEY) };

/** What `bedrock(options)` throws at construction. */
function refusal(options: BedrockProviderOptions): PalError {
  try {
    bedrock(options);
  } catch (error) {
    return error as PalError;
  }
  throw new Error('expected bedrock() to throw');
}

describe('bedrock settings are checked at construction', () => {
  it('hands the SDK the values of Secret credentials and tokens, not their masked form', async () => {
    const signed = createBedrockClient({
      credentials: { ...keys, accessKeyId: new Secret('AKIDEXAMPLE'), sessionToken: new Secret('session-1') },
    });
    expect(await (signed.config.credentials as () => Promise<object>)()).toMatchObject({
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: SECRET_KEY,
      sessionToken: 'session-1',
    });
    for (const token of [
      { bearerToken: new Secret('bedrock-key-1') },
      { apiKey: new Secret('bedrock-key-1') },
    ]) {
      const client = createBedrockClient(token);
      expect(await (client.config.token as () => Promise<object>)()).toEqual({ token: 'bedrock-key-1' });
    }
  });

  it.each<[string, BedrockProviderOptions, string[], string]>([
    [
      'a wrong-typed access key id',
      { credentials: { ...keys, accessKeyId: 12345678 as never } },
      ['credentials.accessKeyId'],
      'bedrock: credentials.accessKeyId must be a string or a Secret (e.g. { "env": "VAR" } in a config file), got a number.',
    ],
    [
      'a wrong-typed session token',
      { credentials: { ...keys, sessionToken: { token: 'x' } as never } },
      ['credentials.sessionToken'],
      'bedrock: credentials.sessionToken must be a string or a Secret (e.g. { "env": "VAR" } in a config file), got an object.',
    ],
    [
      'credentials without a secret access key',
      { credentials: { accessKeyId: 'AKIDEXAMPLE' } as never },
      ['credentials'],
      'bedrock: credentials must be { accessKeyId, secretAccessKey, sessionToken? } or a credential provider function (leave them out for the AWS credential chain).',
    ],
    [
      'credentials given as a string',
      { credentials: SECRET_KEY as never },
      ['credentials'],
      'bedrock: credentials must be { accessKeyId, secretAccessKey, sessionToken? } or a credential provider function (leave them out for the AWS credential chain).',
    ],
    [
      'a wrong-typed apiKey',
      { credentials: keys, apiKey: 42 as never },
      ['apiKey'],
      'bedrock: apiKey must be a string or a Secret (e.g. { "env": "VAR" } in a config file), got a number.',
    ],
    [
      'a wrong-typed region',
      { credentials: keys, region: ['us-east-1'] as never },
      ['region'],
      'bedrock: region must be a string, got an array.',
    ],
    [
      'an endpoint with an undefined value joined in',
      { credentials: keys, endpoint: 'undefined/bedrock' },
      ['endpoint'],
      'bedrock: endpoint must be an absolute http(s) URL such as "https://api.example.com/v1", got "undefined/bedrock" (an undefined value was joined into it: a missing await or variable?).',
    ],
    [
      'a baseURL without a scheme',
      { credentials: keys, baseURL: 'localhost:4566' },
      ['baseURL'],
      'bedrock: baseURL must be an absolute http(s) URL such as "https://api.example.com/v1", got "localhost:4566".',
    ],
  ])(
    'refuses %s with a CONFIG_ERROR naming it, and no secret in the message',
    (_case, options, path, message) => {
      const error = refusal(options);
      expect(error).toMatchObject({ code: 'CONFIG_ERROR', provider: 'bedrock', path, message });
      expect(error.message).not.toContain(SECRET_KEY);
    },
  );
});

describe('bedrock baseURL (for telemetry)', () => {
  it('is the endpoint given, else the region’s runtime endpoint; unknown for a ready-made client', () => {
    expect(bedrock({ region: 'eu-west-1', credentials: keys }).baseURL).toBe(
      'https://bedrock-runtime.eu-west-1.amazonaws.com',
    );
    expect(bedrock({ endpoint: 'http://127.0.0.1:4010', credentials: keys }).baseURL).toBe(
      'http://127.0.0.1:4010',
    );
    expect(bedrock({ client: createBedrockClient({ credentials: keys }) }).baseURL).toBeUndefined();
  });
});
