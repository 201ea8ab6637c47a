import { type BedrockRuntimeClient, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import { withRequestHeaders } from './request-headers.js';

/** What a native-JSON InvokeModel call needs. */
export interface InvokeJsonCall {
  client: BedrockRuntimeClient;
  modelId: string;
  body: unknown;
  headers: Record<string, string>;
  signal: AbortSignal;
}

/** Sends a model's native JSON body through InvokeModel and parses the JSON answer. */
export async function invokeJson<T>(call: InvokeJsonCall): Promise<T> {
  const command = new InvokeModelCommand({
    modelId: call.modelId,
    contentType: 'application/json',
    accept: 'application/json',
    body: JSON.stringify(call.body),
  });
  const out = await call.client.send(withRequestHeaders(command, call.headers), { abortSignal: call.signal });
  return JSON.parse(new TextDecoder().decode(out.body)) as T;
}
