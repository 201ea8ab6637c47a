import type { FinishReason } from '@pal/core';

/** Anthropic's `stop_reason` values the gateway answers with. */
export type StopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'refusal';

/**
 * PAL's finish reason → Anthropic's `stop_reason`. A turn that called tools is `tool_use` unless
 * it was cut (`max_tokens`), whatever the vendor said (Ollama says `stop`), since Anthropic
 * clients loop on `tool_use`. PAL folds a matched stop sequence into `stop`, so `stop_sequence`
 * cannot be told apart from `end_turn`: both are `end_turn`; `error` and `other` are `end_turn` too.
 */
export function stopReasonOf(finish: FinishReason, calledTools: boolean): StopReason {
  if (finish === 'length') return 'max_tokens';
  if (finish === 'tool-calls' || calledTools) return 'tool_use';
  if (finish === 'content-filter') return 'refusal';
  return 'end_turn';
}
