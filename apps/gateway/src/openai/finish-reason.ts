import type { FinishReason } from '@pal/core';

/** OpenAI's `finish_reason` values. */
export type OpenAIFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

/**
 * PAL's finish reason in OpenAI's words. OpenAI has no `error` or `other`: they are `stop` (the
 * answer simply ended), and PAL's own reason is kept beside it in the body's `pal.finish_reason`.
 */
export function toOpenAIFinishReason(reason: FinishReason): OpenAIFinishReason {
  switch (reason) {
    case 'length':
      return 'length';
    case 'tool-calls':
      return 'tool_calls';
    case 'content-filter':
      return 'content_filter';
    default:
      return 'stop';
  }
}
