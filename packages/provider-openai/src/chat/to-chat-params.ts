import type { ChatRequest, Message, ToolChoice } from '@pal/core';
import {
  contentText,
  mergeProviderOptions,
  readProviderOptions,
  stringifyToolArguments,
  type Warn,
  warnUnsentToolErrors,
  warnUnsupported,
} from '@pal/core/provider';
import type {
  ChatCompletionContentPart,
  ChatCompletionCreateParamsBase,
  ChatCompletionMessageParam,
  ChatCompletionToolChoiceOption,
} from 'openai/resources/chat/completions';
import { functionDefinition, jsonSchemaDefinition } from '../function-definitions.js';
import { imageUrlOf } from '../message-content.js';
import { openaiProviderOptionsSchema, PROTECTED_CHAT_KEYS } from '../provider-options.js';

/** Dialect switches for hosts that speak an older or narrower Chat Completions. */
export interface ChatDialect {
  /** `max_completion_tokens` (OpenAI today) or `max_tokens` (most compatible hosts). */
  maxTokensField: 'max_completion_tokens' | 'max_tokens';
  /** Whether the host accepts `stream_options.include_usage`. */
  streamUsage: boolean;
}

function toMessage(message: Message): ChatCompletionMessageParam {
  switch (message.role) {
    case 'system':
      return { role: 'system', content: message.content };
    case 'tool':
      return { role: 'tool', tool_call_id: message.toolCallId, content: contentText(message.content) };
    case 'user': {
      if (typeof message.content === 'string') return { role: 'user', content: message.content };
      const parts = message.content.map(
        (part): ChatCompletionContentPart =>
          part.type === 'text'
            ? { type: 'text', text: part.text }
            : { type: 'image_url', image_url: { url: imageUrlOf(part) } },
      );
      return { role: 'user', content: parts, ...(message.name !== undefined && { name: message.name }) };
    }
    case 'assistant': {
      if (typeof message.content === 'string') return { role: 'assistant', content: message.content };
      const text = contentText(message.content);
      const calls = message.content.flatMap((p) =>
        p.type === 'tool-call'
          ? [
              {
                id: p.id,
                type: 'function' as const,
                function: { name: p.name, arguments: stringifyToolArguments(p.arguments) },
              },
            ]
          : [],
      );
      return { role: 'assistant', content: text || null, ...(calls.length > 0 && { tool_calls: calls }) };
    }
  }
}

function toToolChoice(choice: ToolChoice): ChatCompletionToolChoiceOption {
  return typeof choice === 'string' ? choice : { type: 'function', function: { name: choice.name } };
}

/** Warns about what of `request` Chat Completions does not take (none of it is sent). */
export function warnUnsentChat(request: ChatRequest, warn: Warn): void {
  warnUnsupported(
    request,
    ['topK'],
    warn,
    'Chat Completions has no top_k (a host that takes one reads providerOptions)',
  );
  if (request.reasoning?.budgetTokens !== undefined) {
    const details = 'OpenAI-style APIs take a reasoning effort, not a token budget';
    warn({ type: 'unsupported-setting', setting: 'reasoning.budgetTokens', details });
  }
  warnUnsentToolErrors(request.messages, warn, 'Chat Completions');
}

/**
 * Canonical request → Chat Completions body (without `stream`). `providerOptions[provider]` is
 * validated and merged in; it cannot replace a field PAL writes. What the API does not take is
 * reported to `warn`.
 */
export function toChatParams(
  request: ChatRequest,
  dialect: ChatDialect,
  provider = 'openai',
  warn: Warn = () => {},
): ChatCompletionCreateParamsBase {
  const options = readProviderOptions(request, provider, openaiProviderOptionsSchema, PROTECTED_CHAT_KEYS);
  warnUnsentChat(request, warn);
  const format = request.responseFormat;
  const body = {
    model: request.model,
    messages: request.messages.map(toMessage),
    ...(request.temperature !== undefined && { temperature: request.temperature }),
    ...(request.topP !== undefined && { top_p: request.topP }),
    ...(request.maxOutputTokens !== undefined && { [dialect.maxTokensField]: request.maxOutputTokens }),
    ...(request.stop !== undefined && { stop: request.stop }),
    ...(request.seed !== undefined && { seed: request.seed }),
    ...(request.presencePenalty !== undefined && { presence_penalty: request.presencePenalty }),
    ...(request.frequencyPenalty !== undefined && { frequency_penalty: request.frequencyPenalty }),
    ...(request.reasoning?.effort !== undefined && { reasoning_effort: request.reasoning.effort }),
    ...(request.metadata?.user !== undefined && { user: request.metadata.user }),
    ...(request.tools?.length && {
      tools: request.tools.map((t) => ({ type: 'function' as const, function: functionDefinition(t) })),
    }),
    ...(request.toolChoice !== undefined && { tool_choice: toToolChoice(request.toolChoice) }),
    ...(format?.type === 'json' && {
      response_format: format.schema
        ? { type: 'json_schema', json_schema: jsonSchemaDefinition(format) }
        : { type: 'json_object' },
    }),
  } as ChatCompletionCreateParamsBase;
  return mergeProviderOptions(body, options, PROTECTED_CHAT_KEYS, ['providerOptions', provider]);
}
