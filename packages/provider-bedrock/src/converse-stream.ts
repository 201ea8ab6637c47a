import type { ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import type { ProviderStreamEvent, Usage } from '@pal/core';
import { redactedDataOf, toFinishReason, toUsage } from './converse-response.js';

/** A redacted reasoning block's bytes as one `reasoning-delta` with its `redactedData`. */
function redactedDelta(pieces: Uint8Array[]): ProviderStreamEvent {
  return { type: 'reasoning-delta', text: '', redactedData: redactedDataOf(Buffer.concat(pieces)) };
}

/**
 * Translates ConverseStream events: text and reasoning deltas (a reasoning signature on its own
 * delta; a redacted reasoning block's `redactedContent` bytes, gathered by `contentBlockIndex`,
 * as one delta with `redactedData` when the block stops), tool-use blocks (id and name from
 * `contentBlockStart`, input pieces by `contentBlockIndex`; the kernel assembles the complete
 * call), usage from `metadata` and the finish reason from `messageStop`. Those two may arrive in
 * either order, so `finish` is sent when the stream ends.
 */
export async function* fromConverseStream(
  events: AsyncIterable<ConverseStreamOutput>,
): AsyncGenerator<ProviderStreamEvent> {
  /** Open tool-use blocks by content block index: their ordinal among tool calls, and name. */
  const tools = new Map<number, { index: number; name: string }>();
  /** Open redacted reasoning blocks by content block index: their bytes so far. */
  const redacted = new Map<number, Uint8Array[]>();
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
    const bytes = delta?.reasoningContent?.redactedContent;
    if (bytes) {
      const block = event.contentBlockDelta?.contentBlockIndex ?? 0;
      redacted.set(block, [...(redacted.get(block) ?? []), bytes]);
    }
    const stopped = event.contentBlockStop?.contentBlockIndex ?? -1;
    const pieces = redacted.get(stopped);
    if (pieces) {
      redacted.delete(stopped);
      yield redactedDelta(pieces);
    }
    const tool = tools.get(event.contentBlockDelta?.contentBlockIndex ?? -1);
    const input = delta?.toolUse?.input;
    if (input && tool) yield { type: 'tool-call-delta', index: tool.index, argumentsDelta: input };
    if (event.messageStop) stopReason = event.messageStop.stopReason;
    if (event.metadata?.usage) {
      usage = toUsage(event.metadata.usage);
      if (usage) yield { type: 'usage', usage };
    }
  }
  // a redacted block the stream never closed still goes back whole
  for (const pieces of redacted.values()) yield redactedDelta(pieces);
  yield {
    type: 'finish',
    finishReason: toFinishReason(stopReason),
    ...(usage && { usage }),
  };
}
