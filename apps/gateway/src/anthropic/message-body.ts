import type { AssistantContentPart, ChatResult } from '@pal/core';
import { type AnthropicUsage, anthropicUsageOf } from './anthropic-usage.js';
import { messageIdOf } from './message-id.js';
import { type StopReason, stopReasonOf } from './stop-reason.js';

/** A content block of an answer. */
export type AnswerBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: unknown }
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'redacted_thinking'; data: string };

/** The Messages API answer (`type: "message"`). */
export interface AnthropicMessage {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: AnswerBlock[];
  stop_reason: StopReason;
  stop_sequence: null;
  usage: AnthropicUsage;
}

/** A PAL part as an Anthropic block (reasoning without a signature gets an empty one: only Claude signs). */
export function answerBlockOf(part: AssistantContentPart): AnswerBlock {
  if (part.type === 'text') return { type: 'text', text: part.text };
  if (part.type === 'tool-call')
    return { type: 'tool_use', id: part.id, name: part.name, input: part.arguments ?? {} };
  if (part.redactedData !== undefined) return { type: 'redacted_thinking', data: part.redactedData };
  return { type: 'thinking', thinking: part.text, signature: part.signature ?? '' };
}

/** The `model` answered: the served target as `provider/model`, so a fallback is visible. */
export function servedModel(provider: string, model: string): string {
  return `${provider}/${model}`;
}

/** A PAL chat result → the Messages API answer. */
export function toAnthropicMessage(result: ChatResult): AnthropicMessage {
  return {
    id: messageIdOf(result.id, result.requestId),
    type: 'message',
    role: 'assistant',
    model: servedModel(result.provider, result.model),
    content: result.content.map(answerBlockOf),
    stop_reason: stopReasonOf(result.finishReason, result.toolCalls.length > 0),
    stop_sequence: null,
    usage: anthropicUsageOf(result.usage),
  };
}
