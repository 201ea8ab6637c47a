import type {
  AdapterChatResult,
  AssistantContentPart,
  FinishReason,
  ProviderStreamEvent,
  ReasoningDeltaEvent,
  TextDeltaEvent,
  ToolCallEvent,
  Usage,
} from '@pal/core';
import { assertUsable } from './gemini-errors.js';
import type { GeminiResponse, GeminiUsage } from './wire-types.js';

const FILTERED = new Set(['SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'IMAGE_SAFETY']);

/** Gemini's finishReason → PAL's; a STOP that returned function calls is `tool-calls`. */
export function toFinishReason(reason: string | undefined, madeToolCalls: boolean): FinishReason {
  if (reason === 'MAX_TOKENS') return 'length';
  if (reason && FILTERED.has(reason)) return 'content-filter';
  if (madeToolCalls) return 'tool-calls';
  return reason === undefined || reason === 'STOP' ? 'stop' : 'other';
}

/**
 * `usageMetadata` → Usage. Thinking tokens are billed as output, so output = candidates + thoughts
 * (reasoningTokens reports the thoughts, a subset of output).
 */
export function toUsage(usage: GeminiUsage | undefined): Usage | undefined {
  if (!usage || usage.promptTokenCount === undefined) return undefined;
  const thoughts = usage.thoughtsTokenCount ?? 0;
  const output = (usage.candidatesTokenCount ?? 0) + thoughts;
  return {
    inputTokens: usage.promptTokenCount,
    outputTokens: output,
    totalTokens: usage.totalTokenCount ?? usage.promptTokenCount + output,
    ...(usage.cachedContentTokenCount !== undefined && { cachedInputTokens: usage.cachedContentTokenCount }),
    ...(usage.thoughtsTokenCount !== undefined && { reasoningTokens: thoughts }),
  };
}

/**
 * The events of one response's (or chunk's) parts. Gemini has no tool-call ids: calls are named
 * `call_<n>` in the order they arrive (`calls.next` counts across chunks). A call's
 * `thoughtSignature` (Gemini 3) becomes its `signature`, which the next turn must send back.
 */
function* partEvents(
  response: GeminiResponse,
  calls: { next: number },
): Generator<TextDeltaEvent | ReasoningDeltaEvent | ToolCallEvent> {
  for (const part of response.candidates?.[0]?.content?.parts ?? []) {
    if (part.functionCall) {
      const { name, args } = part.functionCall;
      yield {
        type: 'tool-call',
        id: `call_${calls.next++}`,
        name,
        arguments: args ?? {},
        ...(part.thoughtSignature && { signature: part.thoughtSignature }),
      };
    } else if (part.text) {
      yield { type: part.thought ? 'reasoning-delta' : 'text-delta', text: part.text };
    }
  }
}

/** A whole `generateContent` response → the adapter's chat result. */
export function fromGeminiResponse(
  response: GeminiResponse,
  provider: string,
  model: string,
): AdapterChatResult {
  assertUsable(response, provider, model);
  const calls = { next: 0 };
  const content: AssistantContentPart[] = [];
  for (const event of partEvents(response, calls)) {
    if (event.type === 'tool-call') {
      content.push(event);
      continue;
    }
    const type = event.type === 'text-delta' ? 'text' : 'reasoning';
    const last = content[content.length - 1];
    if (last?.type === type) last.text += event.text;
    else content.push({ type, text: event.text });
  }
  const usage = toUsage(response.usageMetadata);
  return {
    id: response.responseId ?? `gemini-${Date.now().toString(36)}`,
    model: response.modelVersion ?? model,
    content,
    finishReason: toFinishReason(response.candidates?.[0]?.finishReason, calls.next > 0),
    ...(usage && { usage }),
  };
}

/** Stream chunks → PAL events: start, text/reasoning deltas, whole tool calls, the last usage, finish. */
export async function* fromGeminiStream(
  chunks: AsyncIterable<GeminiResponse>,
  provider: string,
  model: string,
): AsyncGenerator<ProviderStreamEvent> {
  const calls = { next: 0 };
  let started = false;
  let finishReason: string | undefined;
  let usage: Usage | undefined;
  for await (const chunk of chunks) {
    assertUsable(chunk, provider, model);
    if (!started) {
      started = true;
      yield {
        type: 'start',
        provider,
        model: chunk.modelVersion ?? model,
        ...(chunk.responseId && { id: chunk.responseId }),
      };
    }
    yield* partEvents(chunk, calls);
    finishReason = chunk.candidates?.[0]?.finishReason ?? finishReason;
    usage = toUsage(chunk.usageMetadata) ?? usage;
  }
  if (usage) yield { type: 'usage', usage };
  yield {
    type: 'finish',
    finishReason: toFinishReason(finishReason, calls.next > 0),
    ...(usage && { usage }),
  };
}
