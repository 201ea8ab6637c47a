import type { ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import type { ProviderStreamEvent, Usage } from '@pal/core';
import { toFinishReason, toUsage } from './converse-response.js';

/**
 * Translates ConverseStream events: text and reasoning deltas, tool-use blocks (id and name from
 * `contentBlockStart`, input pieces by `contentBlockIndex`; the kernel assembles the complete
 * call), usage from `metadata` and the finish reason from `messageStop`. Those two may arrive in
 * either order, so `finish` is sent when the stream ends.
 */
export async function* fromConverseStream(
  events: AsyncIterable<ConverseStreamOutput>,
): AsyncGenerator<ProviderStreamEvent> {
  /** Open tool-use blocks by content block index: their ordinal among tool calls, and name. */
  const tools = new Map<number, { index: number; name: string }>();
  let stopReason: string | undefined;
  let usage: Usage | undefined;
  for await (const event of events) {
    const toolStart = event.contentBlockStart?.start?.toolUse;
    if (toolStart) {
      const tool = { index: tools.size, name: toolStart.name ?? '' };
      tools.set(event.contentBlockStart?.contentBlockIndex ?? 0, tool);
      yield {
        type: 'tool-call-delta',
        index: tool.index,
        id: toolStart.toolUseId,
        name: tool.name,
        argumentsDelta: '',
      };
    }
    const delta = event.contentBlockDelta?.delta;
    if (delta?.text) yield { type: 'text-delta', text: delta.text };
    if (delta?.reasoningContent?.text) yield { type: 'reasoning-delta', text: delta.reasoningContent.text };
    const signature = delta?.reasoningContent?.signature;
    if (signature) yield { type: 'reasoning-delta', text: '', signature };
    const tool = tools.get(event.contentBlockDelta?.contentBlockIndex ?? -1);
    const input = delta?.toolUse?.input;
    if (input && tool) yield { type: 'tool-call-delta', index: tool.index, argumentsDelta: input };
    if (event.messageStop) stopReason = event.messageStop.stopReason;
    if (event.metadata?.usage) {
      usage = toUsage(event.metadata.usage);
      if (usage) yield { type: 'usage', usage };
    }
  }
  yield {
    type: 'finish',
    finishReason: toFinishReason(stopReason),
    ...(usage && { usage }),
  };
}
