import type { ProviderStreamEvent } from '@pal/core';
import { truncatedStreamError } from '@pal/core/provider';
import { type OllamaChatChunk, toFinishReason, toToolCallParts, toUsage } from './from-ollama-response.js';
import { streamLineError } from './ollama-errors.js';

/**
 * Translates Ollama's NDJSON objects into provider stream events: `reasoning-delta`,
 * `text-delta`, whole `tool-call`s, then `usage` and `finish` from the `done: true` line.
 * An error line throws; a stream that ends before `done` throws STREAM_ERROR.
 */
export async function* toStreamEvents(
  lines: AsyncIterable<unknown>,
  context: { provider: string; model: string },
): AsyncGenerator<ProviderStreamEvent> {
  let toolCalls = 0;
  for await (const value of lines) {
    const line = value as OllamaChatChunk;
    if (line.error !== undefined) throw streamLineError(context.provider, context.model, line);
    if (line.message?.thinking) yield { type: 'reasoning-delta', text: line.message.thinking };
    if (line.message?.content) yield { type: 'text-delta', text: line.message.content };
    for (const call of toToolCallParts(line)) {
      toolCalls++;
      yield { type: 'tool-call', id: call.id, name: call.name, arguments: call.arguments };
    }
    if (line.done) {
      const usage = toUsage(line);
      if (usage) yield { type: 'usage', usage };
      yield {
        type: 'finish',
        finishReason: toFinishReason(line.done_reason, toolCalls),
        ...(usage && { usage }),
      };
      return;
    }
  }
  throw truncatedStreamError({ ...context, expected: 'its final "done" line' });
}
