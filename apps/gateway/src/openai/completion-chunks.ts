import { type ChatResult, type FinishEvent, PalError } from '@pal/core';
import type { RoutingInfo } from '@pal/router';
import { openaiDialect } from '../http/dialect.js';
import { toFailure } from '../http/gateway-error.js';
import type { OpenedStream } from '../http/open-stream.js';
import { type PalField, palField } from '../http/pal-field.js';
import { costUsd, describeWarnings } from '../http/pal-headers.js';
import type { SseFrame } from '../http/sse.js';
import { type OpenAIFinishReason, toOpenAIFinishReason } from './finish-reason.js';
import { toOpenAIUsage } from './openai-usage.js';
import { toOpenAIToolCall } from './to-completion.js';

/** What the chunks of one streamed answer share, and how to reach the call's final result. */
export interface ChunkContext {
  id: string;
  created: number;
  /** `provider/model` that serves the stream. */
  model: string;
  requestId: string;
  includeUsage: boolean;
  notes: readonly string[];
  /** The routed stream's result (attempts, cost, routing), settled once the events have ended. */
  result: () => Promise<ChatResult & { routing?: RoutingInfo }>;
}

const data = (value: unknown): SseFrame => ({ data: JSON.stringify(value) });

/**
 * A routed stream's events as OpenAI's `chat.completion.chunk` frames: a first chunk with the
 * role, `content` deltas (`reasoning_content` for reasoning), tool calls by `index` (the first
 * delta of a call carries `id`, `type` and `name`, later ones argument pieces; a call a provider
 * sent whole comes as one delta), a chunk with `finish_reason`, the usage chunk (`choices: []`,
 * with PAL's `pal` field) when `include_usage` was asked for, then `data: [DONE]`. The cost cannot
 * be a response header here (headers go out before the first token, the cost is known after the
 * last), so it is in the usage chunk's `pal` field and, always, in a `: pal {…}` SSE comment just
 * before `[DONE]`. A failure after the first token is a `data: {"error": …}` frame in OpenAI's
 * shape (what the openai SDK throws from) and the stream ends without `[DONE]`. Closing the
 * frames (the client went away) closes the routed stream and its upstream request.
 */
export async function* completionFrames(opened: OpenedStream, ctx: ChunkContext): AsyncGenerator<SseFrame> {
  const base = { id: ctx.id, object: 'chat.completion.chunk', created: ctx.created, model: ctx.model };
  const chunk = (delta: Record<string, unknown>, finish: OpenAIFinishReason | null = null) => ({
    ...base,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  });
  const toolIndex = new Map<number, number>(); // PAL's delta index → OpenAI's index, in call order
  const streamed = new Set<string>(); // ids of calls sent as deltas (their whole `tool-call` is not repeated)
  let nextIndex = 0;
  let finish: FinishEvent | undefined;
  try {
    yield data(chunk({ role: 'assistant', content: '' }));
    for (;;) {
      const step = await opened.rest.next();
      if (step.done) break;
      const event = step.value;
      if (event.type === 'text-delta') {
        if (event.text) yield data(chunk({ content: event.text }));
      } else if (event.type === 'reasoning-delta') {
        if (event.text) yield data(chunk({ reasoning_content: event.text }));
      } else if (event.type === 'tool-call-delta') {
        let index = toolIndex.get(event.index);
        const first = index === undefined;
        if (index === undefined) {
          index = nextIndex++;
          toolIndex.set(event.index, index);
          if (event.id) streamed.add(event.id);
        }
        yield data(
          chunk({
            tool_calls: [
              {
                index,
                ...(first && { id: event.id, type: 'function' }),
                function: { ...(first && { name: event.name }), arguments: event.argumentsDelta },
              },
            ],
          }),
        );
      } else if (event.type === 'tool-call') {
        if (!streamed.has(event.id))
          yield data(chunk({ tool_calls: [{ index: nextIndex++, ...toOpenAIToolCall(event) }] }));
      } else if (event.type === 'finish') {
        finish = event;
        yield data(chunk({}, toOpenAIFinishReason(event.finishReason)));
      } else if (event.type === 'error') {
        yield errorFrame(event.error);
        return;
      }
    }
    if (!finish) {
      yield errorFrame(new PalError({ code: 'STREAM_ERROR', message: 'The stream ended without finishing' }));
      return;
    }
    const pal = await finalPal(ctx, finish);
    if (ctx.includeUsage) yield data({ ...base, choices: [], usage: toOpenAIUsage(finish.usage), pal });
    yield { comment: `pal ${JSON.stringify(pal)}` };
    yield { data: '[DONE]' };
  } finally {
    await opened.rest.return?.();
  }
}

function errorFrame(error: PalError): SseFrame {
  return data(openaiDialect.body(toFailure(error)));
}

/** The `pal` field from the call's result; from the finish event when the result failed to decode. */
async function finalPal(ctx: ChunkContext, finish: FinishEvent): Promise<PalField> {
  try {
    return palField(await ctx.result(), ctx.notes);
  } catch {
    const [provider = '', model = ''] = ctx.model.split(/\/(.*)/s);
    const warnings = [...ctx.notes, ...describeWarnings(finish.warnings)];
    return {
      request_id: ctx.requestId,
      provider,
      model,
      cost_usd: costUsd(finish.cost),
      finish_reason: finish.finishReason,
      ...(warnings.length > 0 && { warnings }),
    };
  }
}
