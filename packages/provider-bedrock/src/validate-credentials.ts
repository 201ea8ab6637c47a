import {
  type BedrockRuntimeClient,
  ConverseCommand,
  CountTokensCommand,
} from '@aws-sdk/client-bedrock-runtime';
import type { ErrorMapper } from '@pal/core/provider';
import { withRequestHeaders } from './request-headers.js';

/** The model CountTokens is asked about (CountTokens serves Claude 3.5+ models): Claude Haiku 4.5. */
export const COUNT_TOKENS_MODEL = 'anthropic.claude-haiku-4-5-20251001-v1:0';
/** The cheapest catalog chat model, for the 1-token fallback probe. */
export const PROBE_MODEL = 'amazon.nova-lite-v1:0';

/** What `validateBedrockCredentials` needs. */
export interface CredentialCheck {
  client: BedrockRuntimeClient;
  toPalError: ErrorMapper;
  headers: Record<string, string>;
  signal?: AbortSignal;
}

/**
 * Checks the credentials with the cheapest call Bedrock Runtime offers. First `CountTokens`
 * (free of charge): success, or a ValidationException / unknown model (the signature was
 * accepted before the request was looked at), means the credentials work; bad keys fail with
 * UnrecognizedClientException. If the identity may not call CountTokens (AccessDeniedException),
 * falls back to a Converse call with `maxTokens: 1` on Nova Lite (≈ 10 input + 1 output tokens,
 * well under $0.00001). Throws the mapped PalError when the credentials fail.
 */
export async function validateBedrockCredentials(check: CredentialCheck): Promise<void> {
  const { client, toPalError, headers } = check;
  const options = check.signal ? { abortSignal: check.signal } : {};
  const messages = [{ role: 'user' as const, content: [{ text: 'ping' }] }];
  try {
    const count = new CountTokensCommand({ modelId: COUNT_TOKENS_MODEL, input: { converse: { messages } } });
    await client.send(withRequestHeaders(count, headers), options);
    return;
  } catch (error) {
    const mapped = toPalError(error, { model: COUNT_TOKENS_MODEL });
    if (mapped.code === 'INVALID_REQUEST' || mapped.code === 'MODEL_NOT_FOUND') return;
    if ((error as { name?: string }).name !== 'AccessDeniedException') throw mapped;
  }
  try {
    const probe = new ConverseCommand({ modelId: PROBE_MODEL, messages, inferenceConfig: { maxTokens: 1 } });
    await client.send(withRequestHeaders(probe, headers), options);
  } catch (error) {
    throw toPalError(error, { model: PROBE_MODEL });
  }
}
