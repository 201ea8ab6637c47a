import type { ChatRequest } from '../contracts/chat-request.js';
import type { ModelInfo } from '../contracts/model-info.js';
import { PalError } from '../errors/pal-error.js';
import { estimateTokens } from '../accounting/estimate-tokens.js';

/**
 * Refuses, before anything is sent, a prompt whose estimated input tokens exceed the model's
 * context window: CONTEXT_LENGTH_EXCEEDED naming the window and the estimate. Models without a
 * known window pass. The estimate is PAL's heuristic (see `estimateTokens`); providers whose own
 * count you trust more are registered with `checkContextWindow: false`.
 */
export function assertFitsContext(
  request: ChatRequest,
  provider: string,
  model: ModelInfo | undefined,
): void {
  const window = model?.contextWindow;
  if (!model || !window) return;
  const { inputTokens } = estimateTokens(request, model);
  if (inputTokens <= window) return;
  const ref = `${provider}/${model.id}`;
  throw new PalError({
    code: 'CONTEXT_LENGTH_EXCEEDED',
    message: `The prompt is about ${inputTokens.toLocaleString('en-US')} tokens (estimated), more than the ${window.toLocaleString('en-US')}-token context window of ${ref}; nothing was sent`,
    userMessage: `This conversation is about ${inputTokens.toLocaleString('en-US')} tokens, more than ${model.displayName} can read (${window.toLocaleString('en-US')} tokens). Shorten it or pick a model with a larger context window.`,
    retryable: false,
    provider,
    model: model.id,
    path: ['messages'],
    details: { contextWindow: window, estimatedInputTokens: inputTokens },
  });
}
