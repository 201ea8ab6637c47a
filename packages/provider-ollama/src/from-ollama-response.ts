import { randomUUID } from 'node:crypto';
import type { AssistantContentPart, FinishReason, Usage } from '@pal/core';
import { makeUsage } from '@pal/core/provider';

/** One `/api/chat` object: the whole answer (`stream: false`) or one NDJSON line of a stream. */
export interface OllamaChatChunk {
  model?: string;
  message?: {
    role?: string;
    content?: string;
    thinking?: string;
    tool_calls?: Array<{ id?: string; function?: { name?: string; arguments?: unknown } }>;
  };
  done?: boolean;
  done_reason?: string;
  prompt_eval_count?: number;
  eval_count?: number;
  /** Set on an error line in the middle of a stream. */
  error?: string;
}

/** Ollama's `done_reason` → PAL's finish reason; any tool call makes it `tool-calls`. */
export function toFinishReason(doneReason: string | undefined, toolCalls = 0): FinishReason {
  if (toolCalls > 0) return 'tool-calls';
  if (doneReason === 'stop' || doneReason === undefined) return 'stop';
  if (doneReason === 'length') return 'length';
  return 'other';
}

/** Usage from the final object's counters; undefined when Ollama sent neither (the kernel then estimates). */
export function toUsage(chunk: OllamaChatChunk): Usage | undefined {
  if (chunk.prompt_eval_count === undefined && chunk.eval_count === undefined) return undefined;
  // Ollama leaves prompt_eval_count out when the whole prompt came from its cache
  return makeUsage({ inputTokens: chunk.prompt_eval_count ?? 0, outputTokens: chunk.eval_count ?? 0 });
}

/** Tool calls as PAL parts. Ollama sends arguments as an object; older servers send no call id, so one is made. */
export function toToolCallParts(
  chunk: OllamaChatChunk,
): Array<Extract<AssistantContentPart, { type: 'tool-call' }>> {
  return (chunk.message?.tool_calls ?? []).map((call) => ({
    type: 'tool-call',
    id: call.id || `call_${randomUUID().replace(/-/g, '').slice(0, 24)}`,
    name: call.function?.name ?? '',
    arguments: call.function?.arguments ?? {},
  }));
}

/** The content parts of a non-stream answer: reasoning, text, then tool calls. */
export function toContentParts(chunk: OllamaChatChunk): AssistantContentPart[] {
  const parts: AssistantContentPart[] = [];
  if (chunk.message?.thinking) parts.push({ type: 'reasoning', text: chunk.message.thinking });
  if (chunk.message?.content) parts.push({ type: 'text', text: chunk.message.content });
  parts.push(...toToolCallParts(chunk));
  return parts;
}
