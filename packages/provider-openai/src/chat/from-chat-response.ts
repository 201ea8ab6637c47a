import type {
  AdapterChatResult,
  AssistantContentPart,
  FinishReason,
  ProviderStreamEvent,
  Usage,
} from '@pal/core';
import { parseToolArguments, truncatedStreamError } from '@pal/core/provider';
import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions';
import { toUsage } from '../openai-usage.js';

const FINISH: Record<string, FinishReason> = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool-calls',
  function_call: 'tool-calls',
  content_filter: 'content-filter',
};

/** OpenAI `finish_reason` → canonical. */
export function toFinishReason(reason: string | null | undefined): FinishReason {
  return (reason && FINISH[reason]) || 'other';
}

/** Reasoning text as compatible hosts send it (DeepSeek/vLLM `reasoning_content`, OpenRouter/Groq `reasoning`). */
type WithReasoning = { reasoning_content?: string | null; reasoning?: string | null };

/** Non-stream Chat Completions response → adapter result. */
export function fromChatCompletion(completion: ChatCompletion): AdapterChatResult {
  const choice = completion.choices[0];
  const message = choice?.message as (ChatCompletion.Choice['message'] & WithReasoning) | undefined;
  const content: AssistantContentPart[] = [];
  const reasoning = message?.reasoning_content ?? message?.reasoning;
  if (reasoning) content.push({ type: 'reasoning', text: reasoning });
  if (message?.content) content.push({ type: 'text', text: message.content });
  if (message?.refusal) content.push({ type: 'text', text: message.refusal });
  for (const call of message?.tool_calls ?? []) {
    if (call.type !== 'function') continue;
    const { name, arguments: args } = call.function;
    content.push({ type: 'tool-call', id: call.id, name, arguments: parseToolArguments(args, name) });
  }
  return {
    id: completion.id,
    model: completion.model,
    content,
    finishReason: message?.refusal ? 'content-filter' : toFinishReason(choice?.finish_reason),
    ...(completion.usage && { usage: toUsage(completion.usage) }),
  };
}

/**
 * Chat Completions stream chunks → provider stream events. Usage comes in the last chunk
 * (`stream_options.include_usage`); Azure's leading chunks with an empty `model` (prompt filter
 * results) do not start the stream. A stream that ends without a finish reason was cut: STREAM_ERROR.
 */
export async function* fromChatChunks(
  chunks: AsyncIterable<ChatCompletionChunk>,
  provider: string,
): AsyncGenerator<ProviderStreamEvent> {
  let finishReason: FinishReason | undefined;
  let usage: Usage | undefined;
  let started = false;
  for await (const chunk of chunks) {
    if (!started && chunk.model) {
      started = true;
      yield { type: 'start', provider, model: chunk.model, id: chunk.id };
    }
    if (chunk.usage) usage = toUsage(chunk.usage);
    const choice = chunk.choices[0];
    if (!choice) continue;
    const delta = choice.delta as ChatCompletionChunk.Choice.Delta & WithReasoning;
    const reasoning = delta.reasoning_content ?? delta.reasoning;
    if (reasoning) yield { type: 'reasoning-delta', text: reasoning };
    if (delta.content) yield { type: 'text-delta', text: delta.content };
    if (delta.refusal) yield { type: 'text-delta', text: delta.refusal };
    for (const call of delta.tool_calls ?? []) {
      yield {
        type: 'tool-call-delta',
        index: call.index,
        ...(call.id && { id: call.id }),
        ...(call.function?.name && { name: call.function.name }),
        argumentsDelta: call.function?.arguments ?? '',
      };
    }
    if (choice.finish_reason) finishReason = toFinishReason(choice.finish_reason);
  }
  if (!finishReason) throw truncatedStreamError({ provider });
  if (usage) yield { type: 'usage', usage };
  yield { type: 'finish', finishReason, ...(usage && { usage }) };
}
