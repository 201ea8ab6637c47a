import type { ChatResult, ToolCall } from '@pal/core';
import { stringifyToolArguments } from '@pal/core/provider';
import type { RoutingInfo } from '@pal/router';
import { palField } from '../http/pal-field.js';
import { toOpenAIFinishReason } from './finish-reason.js';
import { toOpenAIUsage } from './openai-usage.js';

/** The id of an answer: the vendor's, else one made from PAL's request id. */
export function completionId(vendorId: string | undefined, requestId: string): string {
  return vendorId ? vendorId : `chatcmpl-${requestId}`;
}

/** `provider/model` of the target that served: the id to send again to reach the same target. */
export function servedModel(provider: string, model: string): string {
  return `${provider}/${model}`;
}

/** A tool call in OpenAI's shape, its arguments a JSON string. */
export function toOpenAIToolCall(call: ToolCall) {
  return {
    id: call.id,
    type: 'function' as const,
    function: { name: call.name, arguments: stringifyToolArguments(call.arguments) },
  };
}

/**
 * A routed chat result as OpenAI's `chat.completion`: one choice whose message holds the text
 * (`null` when the model only called tools), `tool_calls` with JSON-string arguments, and the
 * reasoning as `reasoning_content` (the field OpenAI-compatible servers and the AI SDK use);
 * OpenAI's usage; and PAL's `pal` field (request id, cost, attempts, routing, warnings).
 */
export function toCompletion(
  result: ChatResult & { routing?: RoutingInfo },
  notes: readonly string[],
  created: number,
) {
  const toolCalls = result.toolCalls.map(toOpenAIToolCall);
  return {
    id: completionId(result.id, result.requestId),
    object: 'chat.completion' as const,
    created,
    model: servedModel(result.provider, result.model),
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant' as const,
          content: result.text === '' && toolCalls.length > 0 ? null : result.text,
          refusal: null,
          ...(toolCalls.length > 0 && { tool_calls: toolCalls }),
          ...(result.reasoning && { reasoning_content: result.reasoning }),
        },
        logprobs: null,
        finish_reason: toOpenAIFinishReason(result.finishReason),
      },
    ],
    usage: toOpenAIUsage(result.usage),
    pal: palField(result, notes),
  };
}
