import type { AdapterChatResult, AssistantContentPart, FinishReason, ProviderStreamEvent } from '@pal/core';
import { parseToolArguments, truncatedStreamError } from '@pal/core/provider';
import { APIError } from 'openai';
import type { Response, ResponseStreamEvent } from 'openai/resources/responses/responses';
import { toUsage } from '../openai-usage.js';

function finishOf(response: Response, hasToolCalls: boolean): FinishReason {
  if (response.status === 'incomplete') {
    return response.incomplete_details?.reason === 'content_filter' ? 'content-filter' : 'length';
  }
  if (response.status === 'failed') return 'error';
  return hasToolCalls ? 'tool-calls' : 'stop';
}

/** A vendor error reported inside a stream, as the SDK's own error type (no HTTP status) for `toPalError`. */
function streamError(error: { code?: string | null; message?: string } | null | undefined): APIError {
  const message = error?.message ?? 'the response failed';
  return new APIError(undefined, { code: error?.code ?? undefined, message }, message, undefined);
}

/** A completed Responses API response → adapter result (reasoning summaries, text, function calls). */
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
      const args = parseToolArguments(item.arguments, item.name);
      content.push({ type: 'tool-call', id: item.call_id, name: item.name, arguments: args });
    }
  }
  const hasToolCalls = content.some((p) => p.type === 'tool-call');
  return {
    id: response.id,
    model: response.model,
    content,
    finishReason: finishOf(response, hasToolCalls),
    ...(response.usage && { usage: toUsage(response.usage) }),
  };
}

/**
 * Responses API stream events → provider stream events. Vendor `error` / `response.failed`
 * events are thrown as the SDK's `APIError` (no status; the code says what failed) for `toPalError`;
 * a stream that ends before `response.completed` / `response.incomplete` was cut: STREAM_ERROR.
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
          const { call_id: id, name, arguments: args } = event.item;
          yield { type: 'tool-call-delta', index: event.output_index, id, name, argumentsDelta: args };
        }
        break;
      case 'response.function_call_arguments.delta':
        yield { type: 'tool-call-delta', index: event.output_index, argumentsDelta: event.delta };
        break;
      case 'response.completed':
      case 'response.incomplete': {
        const usage = event.response.usage ? toUsage(event.response.usage) : undefined;
        if (usage) yield { type: 'usage', usage };
        yield {
          type: 'finish',
          finishReason: finishOf(event.response, sawToolCall),
          ...(usage && { usage }),
        };
        return;
      }
      case 'error':
        throw streamError(event);
      case 'response.failed':
        throw streamError(event.response.error);
    }
  }
  throw truncatedStreamError({ provider });
}
