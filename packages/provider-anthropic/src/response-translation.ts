import type Anthropic from '@anthropic-ai/sdk';
import type { AdapterChatResult, AssistantContentPart, FinishReason, Usage } from '@pal/core';
import { usageFromCacheSplit } from '@pal/core/provider';

/** Anthropic's usage counters (cache counters may be absent or null). */
export type AnthropicUsageCounters = Partial<
  Record<
    'input_tokens' | 'output_tokens' | 'cache_read_input_tokens' | 'cache_creation_input_tokens',
    number | null
  >
> & {
  /** Cache writes by lifetime (their sum is `cache_creation_input_tokens`). */
  cache_creation?: { ephemeral_5m_input_tokens?: number; ephemeral_1h_input_tokens?: number } | null;
  output_tokens_details?: { thinking_tokens?: number } | null;
};

/**
 * Anthropic usage → canonical usage. Anthropic's `input_tokens` excludes cache reads and writes;
 * PAL's `inputTokens` is the whole prompt, with reads and writes as its subsets.
 */
export function toUsage(usage: AnthropicUsageCounters): Usage {
  return usageFromCacheSplit({
    input: usage.input_tokens,
    output: usage.output_tokens,
    cacheRead: usage.cache_read_input_tokens,
    cacheWrite: usage.cache_creation_input_tokens,
    cacheWrite1h: usage.cache_creation?.ephemeral_1h_input_tokens,
    reasoning: usage.output_tokens_details?.thinking_tokens,
  });
}

/** `stop_reason` → canonical finish reason. */
export function toFinishReason(stopReason: string | null | undefined): FinishReason {
  switch (stopReason) {
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool-calls';
    case 'refusal':
      return 'content-filter';
    default:
      return 'other';
  }
}

/**
 * A Messages API response → the adapter result: thinking → reasoning parts (with signature;
 * redacted thinking as opaque `redactedData`),
 * text → text, tool_use → tool calls.
 */
export function fromAnthropicMessage(message: Anthropic.Message): AdapterChatResult {
  const content = message.content.flatMap((block): AssistantContentPart[] => {
    if (block.type === 'text') return [{ type: 'text', text: block.text }];
    if (block.type === 'thinking')
      return [{ type: 'reasoning', text: block.thinking, signature: block.signature }];
    if (block.type === 'redacted_thinking')
      return [{ type: 'reasoning', text: '', redactedData: block.data }];
    if (block.type !== 'tool_use') return [];
    return [{ type: 'tool-call', id: block.id, name: block.name, arguments: block.input }];
  });
  return {
    id: message.id,
    model: message.model,
    content,
    finishReason: toFinishReason(message.stop_reason),
    usage: toUsage(message.usage),
  };
}
