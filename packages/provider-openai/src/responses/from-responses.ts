import type {
  AdapterChatResult,
  AssistantContentPart,
  FinishReason,
  ProviderStreamEvent,
  Usage,
} from '@pal/core';
import { PalError } from '@pal/core';
import type { Response, ResponseStreamEvent, ResponseUsage } from 'openai/resources/responses/responses';

/** Responses API usage → canonical usage. */
export function toResponsesUsage(usage: ResponseUsage): Usage {
  const cached = usage.input_tokens_details?.cached_tokens;
  const reasoning = usage.output_tokens_details?.reasoning_tokens;
  return {
    inputTokens: usage.input_tokens,
    outputTokens: usage.output_tokens,
    totalTokens: usage.total_tokens,
    ...(cached ? { cachedInputTokens: cached } : {}),
    ...(reasoning ? { reasoningTokens: reasoning } : {}),
  };
}

function finishOf(response: Response, hasToolCalls: boolean): FinishReason {
  if (response.status === 'incomplete') {
    return response.incomplete_details?.reason === 'content_filter' ? 'content-filter' : 'length';
  }
  if (response.status === 'failed') return 'error';
  return hasToolCalls ? 'tool-calls' : 'stop';
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

/** A completed Responses API response → adapter result. */
export function fromResponse(response: Response): AdapterChatResult {
  const content: AssistantContentPart[] = [];
  for (const item of response.output) {
    if (item.type === 'reasoning') {
      const text = item.summary.map((s) => s.text).join('');
      if (text) content.push({ type: 'reasoning', text });
    } else if (item.type === 'message') {
      for (const part of item.content) {
        content.push({ type: 'text', text: part.type === 'output_text' ? part.text : part.refusal });
      }
    } else if (item.type === 'function_call') {
      content.push({
        type: 'tool-call',
        id: item.call_id,
        name: item.name,
        arguments: parseArguments(item.arguments, item.name),
      });
    }
  }
  return {
    id: response.id,
    model: response.model,
    content,
    finishReason: finishOf(
      response,
      content.some((p) => p.type === 'tool-call'),
    ),
    ...(response.usage && { usage: toResponsesUsage(response.usage) }),
  };
}

/**
 * Responses API stream events → provider stream events. Vendor `error` / `response.failed`
 * events are thrown as SDK-shaped errors (`{ error: { code, message } }`) for `toPalError`.
 */
export async function* fromResponseEvents(
  events: AsyncIterable<ResponseStreamEvent>,
  provider: string,
): AsyncGenerator<ProviderStreamEvent> {
  let sawToolCall = false;
  for await (const event of events) {
    switch (event.type) {
      case 'response.created':
        yield { type: 'start', provider, model: event.response.model, id: event.response.id };
        break;
      case 'response.output_text.delta':
        yield { type: 'text-delta', text: event.delta };
        break;
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta':
        yield { type: 'reasoning-delta', text: event.delta };
        break;
      case 'response.output_item.added':
        if (event.item.type === 'function_call') {
          sawToolCall = true;
          yield {
            type: 'tool-call-delta',
            index: event.output_index,
            id: event.item.call_id,
            name: event.item.name,
            argumentsDelta: '',
          };
        }
        break;
      case 'response.function_call_arguments.delta':
        yield { type: 'tool-call-delta', index: event.output_index, argumentsDelta: event.delta };
        break;
      case 'response.completed':
      case 'response.incomplete': {
        const usage = event.response.usage ? toResponsesUsage(event.response.usage) : undefined;
        if (usage) yield { type: 'usage', usage };
        yield {
          type: 'finish',
          finishReason: finishOf(event.response, sawToolCall),
          ...(usage && { usage }),
        };
        return;
      }
      case 'error':
        throw Object.assign(new Error(event.message), {
          error: { code: event.code, message: event.message },
        });
      case 'response.failed':
        throw Object.assign(new Error(event.response.error?.message ?? 'response failed'), {
          error: { code: event.response.error?.code, message: event.response.error?.message },
        });
    }
  }
}
