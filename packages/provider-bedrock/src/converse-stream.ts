import type { ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import type { ProviderStreamEvent, Usage } from '@pal/core';
import { toFinishReason, toUsage } from './converse-response.js';

interface OpenTool {
  id: string;
  name: string;
  /** Ordinal among the stream's tool calls (the `index` of its deltas). */
  index: number;
  args: string;
}

function parseArguments(args: string): unknown {
  try {
    return args.trim() === '' ? {} : JSON.parse(args);
  } catch {
    return args;
  }
}

/**
 * Translates ConverseStream events: text and reasoning deltas, tool-use blocks (id and name from
 * `contentBlockStart`, input pieces by `contentBlockIndex`, a complete `tool-call` at
 * `contentBlockStop`), usage from `metadata` and the finish reason from `messageStop` — these two
 * may arrive in either order, so `finish` is sent when the stream ends. The forced JSON tool's
 * input (`jsonTool`) streams as text.
 */
export async function* fromConverseStream(
  events: AsyncIterable<ConverseStreamOutput>,
  jsonTool: string | undefined,
): AsyncGenerator<ProviderStreamEvent> {
  const tools = new Map<number, OpenTool>();
  let toolCount = 0;
  let stopReason: string | undefined;
  let usage: Usage | undefined;
  for await (const event of events) {
    const start = event.contentBlockStart;
    if (start?.start?.toolUse) {
      const { toolUseId = '', name = '' } = start.start.toolUse;
      const tool = { id: toolUseId, name, index: toolCount++, args: '' };
      tools.set(start.contentBlockIndex ?? 0, tool);
      if (name !== jsonTool)
        yield { type: 'tool-call-delta', index: tool.index, id: tool.id, name, argumentsDelta: '' };
    }
    const delta = event.contentBlockDelta?.delta;
    if (delta?.text !== undefined && delta.text !== '') yield { type: 'text-delta', text: delta.text };
    const reasoning = delta?.reasoningContent;
    if (reasoning?.text) yield { type: 'reasoning-delta', text: reasoning.text };
    if (reasoning?.signature) yield { type: 'reasoning-delta', text: '', signature: reasoning.signature };
    const input = delta?.toolUse?.input;
    const tool = tools.get(event.contentBlockDelta?.contentBlockIndex ?? -1);
    if (input && tool) {
      tool.args += input;
      if (tool.name === jsonTool) yield { type: 'text-delta', text: input };
      else yield { type: 'tool-call-delta', index: tool.index, argumentsDelta: input };
    }
    const stopped = tools.get(event.contentBlockStop?.contentBlockIndex ?? -1);
    if (stopped && stopped.name !== jsonTool) {
      yield {
        type: 'tool-call',
        id: stopped.id,
        name: stopped.name,
        arguments: parseArguments(stopped.args),
      };
    }
    if (event.messageStop) stopReason = event.messageStop.stopReason;
    if (event.metadata?.usage) {
      usage = toUsage(event.metadata.usage);
      if (usage) yield { type: 'usage', usage };
    }
  }
  yield {
    type: 'finish',
    finishReason: toFinishReason(stopReason, jsonTool !== undefined),
    ...(usage && { usage }),
  };
}
