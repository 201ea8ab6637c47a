import { PalError, type ProviderStreamEvent } from '@pal/core';
import { type OllamaChatChunk, toFinishReason, toToolCallParts, toUsage } from './from-ollama-response.js';

/** What the stream translator needs to know about the call. */
export interface StreamEventContext {
  provider: string;
  model: string;
  /** Turns an in-stream `{"error": …}` line into a PalError. */
  toError(line: OllamaChatChunk): PalError;
}

/**
 * Translates Ollama's NDJSON objects into provider stream events: `start`, `reasoning-delta`,
 * `text-delta`, whole `tool-call`s, then `usage` and `finish` from the `done: true` line.
 * An error line throws; a stream that ends before `done` throws STREAM_ERROR.
 */
export async function* toStreamEvents(
  lines: AsyncIterable<unknown>,
  context: StreamEventContext,
): AsyncGenerator<ProviderStreamEvent> {
  let started = false;
  let sawToolCall = false;
  for await (const value of lines) {
    const line = value as OllamaChatChunk;
    if (line.error !== undefined) throw context.toError(line);
    if (!started) {
      started = true;
      yield { type: 'start', provider: context.provider, model: line.model ?? context.model };
    }
    if (line.message?.thinking) yield { type: 'reasoning-delta', text: line.message.thinking };
    if (line.message?.content) yield { type: 'text-delta', text: line.message.content };
    for (const call of toToolCallParts(line)) {
      sawToolCall = true;
      yield { type: 'tool-call', id: call.id, name: call.name, arguments: call.arguments };
    }
    if (line.done) {
      const usage = toUsage(line);
      if (usage) yield { type: 'usage', usage };
      yield {
        type: 'finish',
        finishReason: toFinishReason(line.done_reason, sawToolCall),
        ...(usage && { usage }),
      };
      return;
    }
  }
  throw new PalError({
    code: 'STREAM_ERROR',
    message: 'The Ollama stream ended before its final "done" line.',
    provider: context.provider,
    model: context.model,
  });
}
