import { type BedrockRuntimeClient, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import { PalError } from '@pal/core';
import { withRequestHeaders } from './request-headers.js';

/** What a native-JSON InvokeModel call needs besides the model and body. */
export interface InvokeTarget {
  client: BedrockRuntimeClient;
  headers: Record<string, string>;
  signal: AbortSignal;
}

/** Sends a model's native JSON body through InvokeModel and parses the JSON answer. */
export async function invokeJson<T>(target: InvokeTarget, modelId: string, body: unknown): Promise<T> {
  const command = new InvokeModelCommand({
    modelId,
    contentType: 'application/json',
    accept: 'application/json',
    body: JSON.stringify(body),
  });
  const out = await target.client.send(withRequestHeaders(command, target.headers), {
    abortSignal: target.signal,
  });
  return JSON.parse(new TextDecoder().decode(out.body)) as T;
}

/** The UNSUPPORTED_CAPABILITY error for a model PAL cannot call through InvokeModel for `task`. */
export function unsupportedModel(model: string, task: string, supported: string): PalError {
  const message = `Bedrock ${task} supports ${supported}, not "${model}"`;
  return new PalError({
    code: 'UNSUPPORTED_CAPABILITY',
    message,
    provider: 'bedrock',
    model,
    path: ['model'],
  });
}
