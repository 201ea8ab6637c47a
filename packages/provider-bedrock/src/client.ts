import http from 'node:http';
import https from 'node:https';
import { BedrockRuntimeClient, type BedrockRuntimeClientConfig } from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { BedrockProviderOptions } from './options.js';

/** The region `bedrock()` uses: the option, then `AWS_REGION`, `AWS_DEFAULT_REGION`, else `us-east-1`. */
export function resolveRegion(options: BedrockProviderOptions): string {
  return options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
}

/**
 * Builds the Bedrock Runtime client PAL talks through: SDK retries off (`maxAttempts: 1`, PAL
 * owns retries), bearer-token auth when a token is given (or in `AWS_BEARER_TOKEN_BEDROCK` and no
 * explicit credentials), else SigV4 with the given credentials or the SDK's credential chain.
 */
export function createBedrockClient(options: BedrockProviderOptions): BedrockRuntimeClient {
  if (options.client) return options.client;
  const token =
    options.bearerToken ?? (options.credentials ? undefined : process.env.AWS_BEARER_TOKEN_BEDROCK);
  const endpoint = options.endpoint ?? options.baseURL;
  const config: BedrockRuntimeClientConfig = {
    region: resolveRegion(options),
    maxAttempts: 1,
    ...(endpoint && { endpoint }),
    ...(token
      ? { token: { token }, authSchemePreference: ['httpBearerAuth'] }
      : {
          authSchemePreference: ['sigv4'],
          ...(options.credentials && { credentials: options.credentials }),
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
