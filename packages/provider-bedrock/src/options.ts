import type { BedrockRuntimeClient, BedrockRuntimeClientConfig } from '@aws-sdk/client-bedrock-runtime';
import type { ModelInfo, Secret } from '@pal/core';

/**
 * Static AWS credentials. Each value is a string or a `Secret` (what `loadConfig` makes of
 * `{ "env": "AWS_SECRET_ACCESS_KEY" }` in a config file's `options.credentials`).
 */
export interface BedrockStaticCredentials {
  accessKeyId: string | Secret;
  secretAccessKey: string | Secret;
  sessionToken?: string | Secret;
  /** When temporary credentials stop working. */
  expiration?: Date;
}

/** A function returning credentials, called by the AWS SDK whenever it needs them (e.g. `fromIni()`). */
export type BedrockCredentialProvider = Extract<
  NonNullable<BedrockRuntimeClientConfig['credentials']>,
  (...args: never[]) => unknown
>;

/** Options for `bedrock()`. Everything is optional: with none, the SDK's own defaults and environment apply. */
export interface BedrockProviderOptions {
  /** AWS region. Default: `AWS_REGION`, then `AWS_DEFAULT_REGION`, else `us-east-1`. */
  region?: string;
  /**
   * Static credentials or a credential provider. Default: the AWS SDK's credential chain (env
   * `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`/`AWS_SESSION_TOKEN`, `AWS_PROFILE` and the shared
   * config files, SSO, web identity, ECS / EC2 instance roles).
   */
  credentials?: BedrockStaticCredentials | BedrockCredentialProvider;
  /**
   * A Bedrock API key (string or `Secret`), sent as `Authorization: Bearer …` instead of SigV4.
   * Default: env `AWS_BEARER_TOKEN_BEDROCK` when no `credentials` are given.
   */
  bearerToken?: string | Secret;
  /** Alias of `bearerToken`: what a config file's `apiKey` sets. */
  apiKey?: string | Secret;
  /** Endpoint override (`https://bedrock-runtime.eu-west-1.amazonaws.com`, a VPC endpoint, an emulator). */
  endpoint?: string;
  /** Alias of `endpoint`. */
  baseURL?: string;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /** Extra or replacement catalog entries (same id replaces the built-in entry). */
  models?: ModelInfo[];
  /** The model used when a request names only the provider (default: Claude Haiku 4.5's US inference profile, `us.anthropic.claude-haiku-4-5-20251001-v1:0`). */
  defaultModel?: string;
  /** A ready-made client; region, credentials, endpoint and transport options are then ignored. */
  client?: BedrockRuntimeClient;
  /** Provider id used in model refs (default `"bedrock"`). */
  id?: string;
  /**
   * Use HTTP/1.1 with keep-alive agents instead of the SDK's default HTTP/2 handler
   * (for proxies or servers that do not speak HTTP/2).
   */
  http1?: boolean;
  /** With `http1`, the most sockets per host (default 50, the SDK's own default). */
  maxConnections?: number;
  /** Most Titan embedding calls in flight at once (Titan takes one text per call; default 8). */
  embeddingConcurrency?: number;
}
