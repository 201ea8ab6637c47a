import type {
  AdapterChatResult,
  AssistantContentPart,
  FinishReason,
  ProviderStreamEvent,
  Usage,
} from '@pal/core';
import { PalError } from '@pal/core';
import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';

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

/** OpenAI usage → canonical usage. */
export function toUsage(usage: CompletionUsage): Usage {
  const cached = usage.prompt_tokens_details?.cached_tokens;
  const reasoning = usage.completion_tokens_details?.reasoning_tokens;
  return {
    inputTokens: usage.prompt_tokens,
    outputTokens: usage.completion_tokens,
    totalTokens: usage.total_tokens,
    ...(cached ? { cachedInputTokens: cached } : {}),
    ...(reasoning ? { reasoningTokens: reasoning } : {}),
  };
}

function parseArguments(raw: string, name: string): unknown {
  try {
    return raw ? JSON.parse(raw) : {};
  } catch (cause) {
    throw new PalError({
      code: 'SERIALIZATION_ERROR',
      message: `tool call "${name}" has invalid JSON arguments`,
      cause,
    });
  }
}

/** Non-stream Chat Completions response → adapter result. */
export function fromChatCompletion(completion: ChatCompletion): AdapterChatResult {
  const choice = completion.choices[0];
  const content: AssistantContentPart[] = [];
  const message = choice?.message as
    | (ChatCompletion.Choice['message'] & { reasoning_content?: string })
    | undefined;
  if (message?.reasoning_content) content.push({ type: 'reasoning', text: message.reasoning_content });
  if (message?.content) content.push({ type: 'text', text: message.content });
  if (message?.refusal) content.push({ type: 'text', text: message.refusal });
  for (const call of message?.tool_calls ?? []) {
    if (call.type !== 'function') continue;
    content.push({
      type: 'tool-call',
      id: call.id,
      name: call.function.name,
      arguments: parseArguments(call.function.arguments, call.function.name),
    });
  }
  return {
    id: completion.id,
    model: completion.model,
    content,
    finishReason: message?.refusal ? 'content-filter' : toFinishReason(choice?.finish_reason),
    ...(completion.usage && { usage: toUsage(completion.usage) }),
  };
}

/** Chat Completions stream chunks → provider stream events. */
export async function* fromChatChunks(
  chunks: AsyncIterable<ChatCompletionChunk>,
  provider: string,
): AsyncGenerator<ProviderStreamEvent> {
  let finishReason: FinishReason = 'other';
  let usage: Usage | undefined;
  let started = false;
  for await (const chunk of chunks) {
    if (!started) {
      started = true;
      yield { type: 'start', provider, model: chunk.model, id: chunk.id };
    }
    if (chunk.usage) usage = toUsage(chunk.usage);
    const choice = chunk.choices[0];
    if (!choice) continue;
    const delta = choice.delta as ChatCompletionChunk.Choice.Delta & {
      reasoning_content?: string;
      reasoning?: string;
    };
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
  if (usage) yield { type: 'usage', usage };
  yield { type: 'finish', finishReason, ...(usage && { usage }) };
}
