import type { Usage } from '@pal/core';

/** Anthropic's usage counters. */
export interface AnthropicUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

/**
 * PAL usage → Anthropic's: PAL's `inputTokens` is the whole prompt, of which cache reads and
 * writes are parts; Anthropic's `input_tokens` leaves both out and counts them on their own.
 */
export function anthropicUsageOf(usage: Usage): AnthropicUsage {
  const read = usage.cachedInputTokens ?? 0;
  const write = usage.cacheWriteTokens ?? 0;
  return {
    input_tokens: Math.max(0, usage.inputTokens - read - write),
    output_tokens: usage.outputTokens,
    cache_creation_input_tokens: write,
    cache_read_input_tokens: read,
  };
}
