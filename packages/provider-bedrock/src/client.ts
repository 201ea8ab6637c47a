import http from 'node:http';
import https from 'node:https';
import { BedrockRuntimeClient, type BedrockRuntimeClientConfig } from '@aws-sdk/client-bedrock-runtime';
import { PalError } from '@pal/core';
import { optionalSetting } from '@pal/core/provider';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { BedrockProviderOptions } from './options.js';

/** The region `bedrock()` uses: the option, then `AWS_REGION`, `AWS_DEFAULT_REGION`, else `us-east-1`. */
export function resolveRegion(options: BedrockProviderOptions): string {
  return (
    optionalSetting({
      provider: options.id ?? 'bedrock',
      value: options.region,
      env: ['AWS_REGION', 'AWS_DEFAULT_REGION'],
      option: 'region',
    }) ?? 'us-east-1'
  );
}

/**
 * The credentials the SDK gets: static ones checked and revealed (each a string or a `Secret`,
 * else a CONFIG_ERROR naming it), a credential provider as it is.
 */
function sdkCredentials(provider: string, credentials: BedrockProviderOptions['credentials']) {
  if (credentials === undefined || typeof credentials === 'function') return credentials;
  const given = typeof credentials === 'object' && credentials !== null;
  const read = (name: 'accessKeyId' | 'secretAccessKey' | 'sessionToken') =>
    optionalSetting({ provider, value: credentials[name], env: [], option: `credentials.${name}` });
  const accessKeyId = given ? read('accessKeyId') : undefined;
  const secretAccessKey = given ? read('secretAccessKey') : undefined;
  if (!accessKeyId || !secretAccessKey) {
    throw new PalError({
      code: 'CONFIG_ERROR',
      provider,
      path: ['credentials'],
      message: `${provider}: credentials must be { accessKeyId, secretAccessKey, sessionToken? } or a credential provider function (leave them out for the AWS credential chain).`,
    });
  }
  const sessionToken = read('sessionToken');
  return {
    accessKeyId,
    secretAccessKey,
    ...(sessionToken && { sessionToken }),
    ...(credentials.expiration && { expiration: credentials.expiration }),
  };
}

/**
 * Builds the Bedrock Runtime client PAL talks through: SDK retries off (`maxAttempts: 1`, PAL
 * owns retries), bearer-token auth when a token is given (or in `AWS_BEARER_TOKEN_BEDROCK` and no
 * explicit credentials), else SigV4 with the given credentials or the SDK's credential chain. Every
 * setting is checked here, at construction: a wrong type or an endpoint that is not an absolute
 * http(s) URL is a CONFIG_ERROR naming the option, and a `Secret` is revealed only for the SDK.
 */
export function createBedrockClient(options: BedrockProviderOptions): BedrockRuntimeClient {
  if (options.client) return options.client;
  const provider = options.id ?? 'bedrock';
  const credentials = sdkCredentials(provider, options.credentials);
  const token = optionalSetting({
    provider,
    value: options.bearerToken ?? options.apiKey,
    env: credentials ? [] : ['AWS_BEARER_TOKEN_BEDROCK'],
    option: options.bearerToken === undefined && options.apiKey !== undefined ? 'apiKey' : 'bearerToken',
  });
  const endpoint = optionalSetting({
    provider,
    value: options.endpoint ?? options.baseURL,
    env: [],
    option: options.endpoint === undefined && options.baseURL !== undefined ? 'baseURL' : 'endpoint',
  });
  const config: BedrockRuntimeClientConfig = {
    region: resolveRegion(options),
    maxAttempts: 1,
    ...(endpoint && { endpoint }),
    ...(token
      ? { token: { token }, authSchemePreference: ['httpBearerAuth'] }
      : {
          authSchemePreference: ['sigv4'],
          ...(credentials && { credentials }),
        }),
  };
  if (options.http1) {
    const agentOptions = { keepAlive: true, maxSockets: options.maxConnections ?? 50 };
    config.requestHandler = new NodeHttpHandler({
      httpAgent: new http.Agent(agentOptions),
      httpsAgent: new https.Agent(agentOptions),
    });
  }
  return new BedrockRuntimeClient(config);
}
