import type { ConverseCommandOutput, TokenUsage } from '@aws-sdk/client-bedrock-runtime';
import {
  type AdapterChatResult,
  type AssistantContentPart,
  type FinishReason,
  makeUsage,
  type Usage,
} from '@pal/core';

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

/** PAL's finish reason for a Bedrock `stopReason`; a forced JSON tool call counts as a normal stop. */
export function toFinishReason(stopReason: string | undefined, jsonMode: boolean): FinishReason {
  const reason = FINISH_REASONS[stopReason ?? ''] ?? 'other';
  return jsonMode && reason === 'tool-calls' ? 'stop' : reason;
}

/**
 * PAL usage from Bedrock's: Bedrock's `inputTokens` excludes cache reads and writes, PAL's
 * `inputTokens` includes them (`cachedInputTokens` is a subset).
 */
export function toUsage(usage: TokenUsage | undefined): Usage | undefined {
  if (!usage) return undefined;
  const cacheRead = usage.cacheReadInputTokens ?? 0;
  const cacheWrite = usage.cacheWriteInputTokens ?? 0;
  return makeUsage({
    inputTokens: (usage.inputTokens ?? 0) + cacheRead + cacheWrite,
    outputTokens: usage.outputTokens ?? 0,
    ...(usage.totalTokens !== undefined && { totalTokens: usage.totalTokens }),
    ...(cacheRead > 0 && { cachedInputTokens: cacheRead }),
    ...(cacheWrite > 0 && { cacheWriteTokens: cacheWrite }),
  });
}

/** Translates a Converse answer; the forced JSON tool's input (`jsonTool`) becomes JSON text. */
export function fromConverseOutput(
  output: ConverseCommandOutput,
  model: string,
  jsonTool: string | undefined,
  requestId: string,
): AdapterChatResult {
  const content: AssistantContentPart[] = [];
  for (const block of output.output?.message?.content ?? []) {
    if (block.text !== undefined) content.push({ type: 'text', text: block.text });
    const reasoning = block.reasoningContent?.reasoningText;
    if (reasoning?.text !== undefined) {
      content.push({
        type: 'reasoning',
        text: reasoning.text,
        ...(reasoning.signature && { signature: reasoning.signature }),
      });
    }
    const tool = block.toolUse;
    if (!tool?.name) continue;
    if (tool.name === jsonTool) content.push({ type: 'text', text: JSON.stringify(tool.input ?? {}) });
    else
      content.push({
        type: 'tool-call',
        id: tool.toolUseId ?? '',
        name: tool.name,
        arguments: tool.input ?? {},
      });
  }
  const usage = toUsage(output.usage);
  return {
    id: output.$metadata.requestId ?? requestId,
    model,
    content,
    finishReason: toFinishReason(output.stopReason, jsonTool !== undefined),
    ...(usage && { usage }),
  };
}
