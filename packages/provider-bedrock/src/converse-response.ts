import type { ConverseCommandOutput, TokenUsage } from '@aws-sdk/client-bedrock-runtime';
import type { AdapterChatResult, AssistantContentPart, FinishReason, Usage } from '@pal/core';
import { usageFromCacheSplit } from '@pal/core/provider';

const FINISH_REASONS: Record<string, FinishReason> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  tool_use: 'tool-calls',
  content_filtered: 'content-filter',
  guardrail_intervened: 'content-filter',
  malformed_model_output: 'error',
  malformed_tool_use: 'error',
};

/** PAL's finish reason for a Bedrock `stopReason`. */
export function toFinishReason(stopReason: string | undefined): FinishReason {
  return FINISH_REASONS[stopReason ?? ''] ?? 'other';
}

/**
 * PAL usage from Bedrock's: Bedrock's `inputTokens` excludes cache reads and writes, PAL's
 * includes them (`cachedInputTokens` is a subset).
 */
export function toUsage(usage: TokenUsage | undefined): Usage | undefined {
  if (!usage) return undefined;
  const { inputTokens: input, outputTokens: output, totalTokens: total } = usage;
  return usageFromCacheSplit({
    input,
    output,
    cacheRead: usage.cacheReadInputTokens,
    cacheWrite: usage.cacheWriteInputTokens,
    total,
  });
}

/** Claude's redacted (encrypted) thinking, bytes in Converse, as the base64 PAL keeps in `redactedData`. */
export const redactedDataOf = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/**
 * Translates a Converse answer: text, reasoning (signed text, and redacted thinking as opaque
 * `redactedData`, both to be sent back unchanged on the next turn) and tool calls, in their order.
 */
export function fromConverseOutput(
  output: ConverseCommandOutput,
  model: string,
): Omit<AdapterChatResult, 'id'> {
  const content: AssistantContentPart[] = [];
  for (const { text, reasoningContent, toolUse } of output.output?.message?.content ?? []) {
    if (text !== undefined) content.push({ type: 'text', text });
    if (reasoningContent?.redactedContent) {
      content.push({
        type: 'reasoning',
        text: '',
        redactedData: redactedDataOf(reasoningContent.redactedContent),
      });
    }
    const reasoning = reasoningContent?.reasoningText;
    if (reasoning?.text !== undefined) {
      content.push({
        type: 'reasoning',
        text: reasoning.text,
        ...(reasoning.signature && { signature: reasoning.signature }),
      });
    }
    if (!toolUse?.name) continue;
    content.push({
      type: 'tool-call',
      id: toolUse.toolUseId ?? '',
      name: toolUse.name,
      arguments: toolUse.input ?? {},
    });
  }
  const usage = toUsage(output.usage);
  return {
    model,
    content,
    finishReason: toFinishReason(output.stopReason),
    ...(usage && { usage }),
  };
}
