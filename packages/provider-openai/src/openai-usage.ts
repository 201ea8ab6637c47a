import type { Usage } from '@pal/core';
import type { CompletionUsage } from 'openai/resources/completions';
import type { ResponseUsage } from 'openai/resources/responses/responses';

/** Chat Completions (`prompt_tokens`…) or Responses API (`input_tokens`…) usage → canonical usage. */
export function toUsage(usage: CompletionUsage | ResponseUsage): Usage {
  const chat = 'prompt_tokens' in usage;
  const cached = chat
    ? usage.prompt_tokens_details?.cached_tokens
    : usage.input_tokens_details?.cached_tokens;
  const reasoning = chat
    ? usage.completion_tokens_details?.reasoning_tokens
    : usage.output_tokens_details?.reasoning_tokens;
  return {
    inputTokens: chat ? usage.prompt_tokens : usage.input_tokens,
    outputTokens: chat ? usage.completion_tokens : usage.output_tokens,
    totalTokens: usage.total_tokens,
    ...(cached ? { cachedInputTokens: cached } : {}),
    ...(reasoning ? { reasoningTokens: reasoning } : {}),
  };
}
