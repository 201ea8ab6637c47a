import type { ChatRequest, Message } from '@pal/core';
import {
  appendBuiltInTools,
  contentText,
  mergeProviderOptions,
  readProviderOptions,
  stringifyToolArguments,
  type Warn,
  warnUnsentNames,
  warnUnsentToolErrors,
  warnUnsupported,
} from '@pal/core/provider';
import type { ResponseCreateParamsBase, ResponseInputItem } from 'openai/resources/responses/responses';
import { functionDefinition, jsonSchemaDefinition } from '../function-definitions.js';
import { imageUrlOf } from '../message-content.js';
import {
  isFunctionTool,
  openaiProviderOptionsSchema,
  PROTECTED_REASONING_KEYS,
  PROTECTED_RESPONSES_KEYS,
  PROTECTED_TEXT_KEYS,
} from '../provider-options.js';

function toInputItems(message: Message): ResponseInputItem[] {
  switch (message.role) {
    case 'system':
      return [{ role: 'developer', content: message.content }];
    case 'tool':
      return [
        { type: 'function_call_output', call_id: message.toolCallId, output: contentText(message.content) },
      ];
    case 'user':
      return [
        {
          role: 'user',
          content:
            typeof message.content === 'string'
              ? message.content
              : message.content.map((p) =>
                  p.type === 'text'
                    ? { type: 'input_text' as const, text: p.text }
                    : { type: 'input_image' as const, detail: 'auto' as const, image_url: imageUrlOf(p) },
                ),
        },
      ];
    case 'assistant': {
      if (typeof message.content === 'string') return [{ role: 'assistant', content: message.content }];
      return message.content.flatMap((p): ResponseInputItem[] => {
        if (p.type === 'text') return [{ role: 'assistant', content: p.text }];
        if (p.type === 'tool-call') {
          const args = stringifyToolArguments(p.arguments);
          return [{ type: 'function_call', call_id: p.id, name: p.name, arguments: args }];
        }
        return [];
      });
    }
  }
}

/** Warns about what of `request` the Responses API does not take (none of it is sent). */
function warnUnsent(request: ChatRequest, warn: Warn): void {
  const settings = ['topK', 'stop', 'seed', 'presencePenalty', 'frequencyPenalty'] as const;
  warnUnsupported(request, settings, warn, 'the Responses API has no such setting');
  if (request.reasoning?.budgetTokens !== undefined) {
    const details = 'the Responses API takes a reasoning effort, not a token budget';
    warn({ type: 'unsupported-setting', setting: 'reasoning.budgetTokens', details });
  }
  warnUnsentNames(request.messages, warn, 'The Responses API');
  warnUnsentToolErrors(request.messages, warn, 'The Responses API');
}

/**
 * Canonical request → Responses API body (without `stream`). `providerOptions[provider]` is
 * validated and merged in (`reasoning` and `text` field by field, built-in `tools` after the
 * function tools); it cannot replace a field PAL writes. What the API does not take (stop, seed,
 * penalties, topK, a reasoning budget) is reported to `warn`.
 */
export function toResponsesParams(
  request: ChatRequest,
  provider = 'openai',
  warn: Warn = () => {},
): ResponseCreateParamsBase {
  const options = readProviderOptions(
    request,
    provider,
    openaiProviderOptionsSchema,
    PROTECTED_RESPONSES_KEYS,
  );
  warnUnsent(request, warn);
  const format = request.responseFormat;
  const choice = request.toolChoice;
  const body = {
    model: request.model,
    input: request.messages.flatMap(toInputItems),
    ...(request.temperature !== undefined && { temperature: request.temperature }),
    ...(request.topP !== undefined && { top_p: request.topP }),
    ...(request.maxOutputTokens !== undefined && { max_output_tokens: request.maxOutputTokens }),
    ...(request.reasoning?.effort !== undefined && { reasoning: { effort: request.reasoning.effort } }),
    ...(request.metadata?.user !== undefined && { safety_identifier: request.metadata.user }),
    ...(request.tools?.length && {
      tools: request.tools.map((t) => ({
        type: 'function' as const,
        strict: false,
        ...functionDefinition(t),
      })),
    }),
    ...(choice !== undefined && {
      tool_choice: typeof choice === 'string' ? choice : { type: 'function' as const, name: choice.name },
    }),
    ...(format?.type === 'json' && {
      text: {
        format: format.schema
          ? { type: 'json_schema', strict: false, ...jsonSchemaDefinition(format) }
          : { type: 'json_object' },
      },
    }),
  } as ResponseCreateParamsBase;
  if (!options) return body;
  const at = ['providerOptions', provider] as const;
  const { reasoning, text, tools, ...rest } = options;
  const merged = mergeProviderOptions(body, rest, PROTECTED_RESPONSES_KEYS, at);
  if (reasoning) {
    merged.reasoning = mergeProviderOptions(merged.reasoning ?? {}, reasoning, PROTECTED_REASONING_KEYS, [
      ...at,
      'reasoning',
    ]) as ResponseCreateParamsBase['reasoning'];
  }
  if (text) {
    merged.text = mergeProviderOptions(merged.text ?? {}, text, PROTECTED_TEXT_KEYS, [
      ...at,
      'text',
    ]) as ResponseCreateParamsBase['text'];
  }
  const allTools = appendBuiltInTools(merged.tools, tools, isFunctionTool, at);
  if (allTools) merged.tools = allTools;
  return merged;
}
