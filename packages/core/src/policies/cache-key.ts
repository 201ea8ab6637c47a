import { createHash } from 'node:crypto';
import type { ChatRequest } from '../contracts/chat-request.js';
import { canonicalJson } from './canonical-json.js';

/**
 * The response cache's key for a chat request on a provider: the SHA-256 of the canonical JSON of
 * everything that shapes the answer (provider, model, messages, sampling parameters, tools, tool
 * choice, response format, reasoning, and the provider's own options). Metadata, the signal and
 * other providers' options do not change the key.
 */
export function responseCacheKey(providerId: string, request: ChatRequest): string {
  const shape = {
    v: 1,
    provider: providerId,
    model: request.model,
    messages: request.messages,
    temperature: request.temperature,
    topP: request.topP,
    topK: request.topK,
    maxOutputTokens: request.maxOutputTokens,
    stop: request.stop,
    seed: request.seed,
    presencePenalty: request.presencePenalty,
    frequencyPenalty: request.frequencyPenalty,
    tools: request.tools,
    toolChoice: request.toolChoice,
    responseFormat: request.responseFormat,
    reasoning: request.reasoning,
    providerOptions: request.providerOptions?.[providerId],
  };
  return createHash('sha256').update(canonicalJson(shape)).digest('hex');
}
