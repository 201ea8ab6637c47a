import type { ChatRequest } from '../contracts/chat-request.js';
import type { Capability, ModelInfo } from '../contracts/model-info.js';
import { PalError } from '../errors/pal-error.js';

/** The kind of call being checked. */
export type Operation = 'chat' | 'stream' | 'embed' | 'image';

/** The capabilities a call needs from its model. */
export function requiredCapabilities(operation: Operation, request?: ChatRequest): Capability[] {
  if (operation === 'embed') return ['embeddings'];
  if (operation === 'image') return ['imageGeneration'];
  const needs: Capability[] = [];
  if (operation === 'stream') needs.push('streaming');
  if (request?.tools && request.tools.length > 0) needs.push('tools');
  if (request?.responseFormat?.type === 'json') needs.push('json');
  if (request && hasImages(request)) needs.push('vision');
  return needs;
}

/**
 * Throws `UNSUPPORTED_CAPABILITY` when the catalog says `model` cannot do what the call
 * needs. Models missing from the catalog are not checked (the vendor decides).
 */
export function assertCapabilities(
  provider: string,
  model: ModelInfo | undefined,
  operation: Operation,
  request?: ChatRequest,
): void {
  if (!model) return;
  const missing = requiredCapabilities(operation, request).filter(
    (capability) => !supports(model, capability),
  );
  if (missing.length === 0) return;
  throw new PalError({
    code: 'UNSUPPORTED_CAPABILITY',
    message: `${provider}/${model.id} does not support ${missing.join(', ')}`,
    provider,
    model: model.id,
    retryable: false,
    details: { missing },
  });
}

/** True when the catalog says `model` has `capability` (its kind counts for embeddings and images). */
function supports(model: ModelInfo, capability: Capability): boolean {
  if (model.capabilities[capability]) return true;
  if (capability === 'embeddings') return model.kind === 'embedding';
  if (capability === 'imageGeneration') return model.kind === 'image';
  return false;
}

function hasImages(request: ChatRequest): boolean {
  return request.messages.some(
    (message) =>
      message.role === 'user' &&
      Array.isArray(message.content) &&
      message.content.some((p) => p.type === 'image'),
  );
}
