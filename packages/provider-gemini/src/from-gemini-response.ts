import {
  type AdapterChatResult,
  type AssistantContentPart,
  type FinishReason,
  PalError,
  type ProviderStreamEvent,
  type Usage,
  palErrorFromHttp,
} from '@pal/core';
import { toolCallId } from './to-gemini-request.js';
import type { GeminiResponse, GeminiUsage } from './wire-types.js';

const FILTERED = new Set(['SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'IMAGE_SAFETY']);

/** Gemini's finishReason → PAL's; a STOP that returned function calls is `tool-calls`. */
export function toFinishReason(reason: string | undefined, madeToolCalls: boolean): FinishReason {
  if (reason === 'MAX_TOKENS') return 'length';
  if (reason && FILTERED.has(reason)) return 'content-filter';
  if (madeToolCalls) return 'tool-calls';
  if (reason === undefined || reason === 'STOP') return 'stop';
  return 'other';
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

/** Throws CONTENT_FILTERED for a blocked prompt, or the error object Gemini wrote into a stream. */
export function assertUsable(response: GeminiResponse, provider: string, model: string): void {
  if (response.error) {
    throw palErrorFromHttp({ status: response.error.code, body: { error: response.error }, provider, model });
  }
  const block = response.promptFeedback?.blockReason;
  if (block && !response.candidates?.length) {
    throw new PalError({
      code: 'CONTENT_FILTERED',
      provider,
      model,
      status: 200,
      message: `${provider}: Gemini blocked the prompt (${block})${response.promptFeedback?.blockReasonMessage ? `: ${response.promptFeedback.blockReasonMessage}` : ''}`,
      details: { blockReason: block },
    });
  }
}

/** A whole `generateContent` response → the adapter's chat result. */
export function fromGeminiResponse(
  response: GeminiResponse,
  provider: string,
  model: string,
): AdapterChatResult {
  assertUsable(response, provider, model);
  const candidate = response.candidates?.[0];
  const content: AssistantContentPart[] = [];
  let calls = 0;
  for (const part of candidate?.content?.parts ?? []) {
    if (part.functionCall) {
      const { name, args } = part.functionCall;
      content.push({ type: 'tool-call', id: toolCallId(calls++), name, arguments: args ?? {} });
    } else if (part.text) {
      const last = content[content.length - 1];
      const type = part.thought ? 'reasoning' : 'text';
      if (last?.type === type) last.text += part.text;
      else content.push({ type, text: part.text });
    }
  }
  const usage = toUsage(response.usageMetadata);
  return {
    id: response.responseId ?? `gemini-${Date.now().toString(36)}`,
    model: response.modelVersion ?? model,
    content,
    finishReason: toFinishReason(candidate?.finishReason, calls > 0),
    ...(usage && { usage }),
  };
}

/**
 * Stream chunks → PAL stream events: text and reasoning deltas, whole tool calls (Gemini sends
 * calls complete), then the last `usageMetadata` as `usage` and a `finish`.
 */
export async function* fromGeminiStream(
  chunks: AsyncIterable<GeminiResponse>,
  provider: string,
  model: string,
): AsyncGenerator<ProviderStreamEvent> {
  let started = false;
  let calls = 0;
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
    const candidate = chunk.candidates?.[0];
    for (const part of candidate?.content?.parts ?? []) {
      if (part.functionCall) {
        const { name, args } = part.functionCall;
        yield { type: 'tool-call', id: toolCallId(calls++), name, arguments: args ?? {} };
      } else if (part.text) {
        yield { type: part.thought ? 'reasoning-delta' : 'text-delta', text: part.text };
      }
    }
    finishReason = candidate?.finishReason ?? finishReason;
    usage = toUsage(chunk.usageMetadata) ?? usage;
  }
  if (usage) yield { type: 'usage', usage };
  yield { type: 'finish', finishReason: toFinishReason(finishReason, calls > 0), ...(usage && { usage }) };
}
