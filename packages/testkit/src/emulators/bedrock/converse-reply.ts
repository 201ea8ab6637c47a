import { createHash } from 'node:crypto';
import { type PlannedAnswer, splitIntoChunks } from '../../emulator/defaults.js';
import type { ScriptStep } from '../../emulator/types.js';
import { eventFrame } from './event-frames.js';

/** Bedrock's `stopReason` for the planner's canonical finish (a scripted `finishReason` is used verbatim). */
export function stopReasonFor(answer: PlannedAnswer, step: ScriptStep): string {
  if (step.finishReason) return step.finishReason;
  return { stop: 'end_turn', length: 'max_tokens', 'tool-calls': 'tool_use' }[answer.finish];
}

/**
 * Bedrock usage: `inputTokens` counts only uncached input, cache reads and writes are reported
 * beside it and `totalTokens` adds everything up.
 */
export function bedrockUsage(answer: PlannedAnswer): Record<string, number> {
  const { inputTokens, outputTokens, cachedInputTokens, cacheWriteTokens } = answer.usage;
  const uncached = Math.max(0, inputTokens - cachedInputTokens - cacheWriteTokens);
  return {
    inputTokens: uncached,
    outputTokens,
    totalTokens: uncached + outputTokens + cachedInputTokens + cacheWriteTokens,
    ...(cachedInputTokens > 0 && { cacheReadInputTokens: cachedInputTokens }),
    ...(cacheWriteTokens > 0 && { cacheWriteInputTokens: cacheWriteTokens }),
  };
}

/** Bedrock-style tool-use id (`tooluse_…`) for planner ids the script did not fix. */
function toolUseId(id: string): string {
  return id.startsWith('call_') ? `tooluse_${id.slice('call_'.length)}` : id;
}

/** An opaque, deterministic stand-in for the reasoning signature Anthropic models return. */
function reasoningSignature(reasoning: string): string {
  return createHash('sha256').update(reasoning).digest('base64');
}

/**
 * The body of a `POST /model/{id}/converse` answer: reasoning (signed text, empty unless `shown`:
 * Claude 4.7+ omit their thinking unless asked for the summary; then `redacted`, the base64 of
 * Claude's encrypted thinking, which the SDK turns into bytes), text, tool calls.
 */
export function converseBody(
  answer: PlannedAnswer,
  step: ScriptStep,
  redacted?: string,
  shown = true,
): Record<string, unknown> {
  const content: unknown[] = [];
  if (answer.reasoning) {
    const text = shown ? answer.reasoning : '';
    content.push({
      reasoningContent: { reasoningText: { text, signature: reasoningSignature(answer.reasoning) } },
    });
  }
  if (redacted) content.push({ reasoningContent: { redactedContent: redacted } });
  if (answer.text) content.push({ text: answer.text });
  for (const call of answer.toolCalls) {
    content.push({ toolUse: { toolUseId: toolUseId(call.id), name: call.name, input: call.arguments } });
  }
  return {
    output: { message: { role: 'assistant', content } },
    stopReason: stopReasonFor(answer, step),
    usage: { cacheReadInputTokens: 0, cacheWriteInputTokens: 0, ...bedrockUsage(answer) },
    metrics: { latencyMs: 42 },
  };
}

/**
 * The event frames of a `converse-stream` answer: messageStart, a reasoning block (text deltas
 * unless the thinking is not `shown`, then its signature), a redacted reasoning block (one `redactedContent` delta) when `redacted`
 * is given, a text block (text blocks start directly with deltas, as on the wire), one block per
 * tool call (contentBlockStart with id and name, then the input JSON in pieces), messageStop, metadata.
 */
export function converseStreamFrames(
  answer: PlannedAnswer,
  step: ScriptStep,
  redacted?: string,
  shown = true,
): Uint8Array[] {
  const frames = [eventFrame('messageStart', { role: 'assistant' })];
  let index = 0;
  if (answer.reasoning) {
    for (const text of splitIntoChunks(shown ? answer.reasoning : '', step.chunks ?? 3)) {
      frames.push(
        eventFrame('contentBlockDelta', { contentBlockIndex: index, delta: { reasoningContent: { text } } }),
      );
    }
    const signature = reasoningSignature(answer.reasoning);
    frames.push(
      eventFrame('contentBlockDelta', {
        contentBlockIndex: index,
        delta: { reasoningContent: { signature } },
      }),
    );
    frames.push(eventFrame('contentBlockStop', { contentBlockIndex: index++ }));
  }
  if (redacted) {
    const delta = { reasoningContent: { redactedContent: redacted } };
    frames.push(eventFrame('contentBlockDelta', { contentBlockIndex: index, delta }));
    frames.push(eventFrame('contentBlockStop', { contentBlockIndex: index++ }));
  }
  if (answer.textChunks.length > 0) {
    for (const text of answer.textChunks) {
      frames.push(eventFrame('contentBlockDelta', { contentBlockIndex: index, delta: { text } }));
    }
    frames.push(eventFrame('contentBlockStop', { contentBlockIndex: index++ }));
  }
  for (const call of answer.toolCalls) {
    const start = { toolUse: { toolUseId: toolUseId(call.id), name: call.name } };
    frames.push(eventFrame('contentBlockStart', { contentBlockIndex: index, start }));
    for (const input of splitIntoChunks(JSON.stringify(call.arguments), 2)) {
      frames.push(
        eventFrame('contentBlockDelta', { contentBlockIndex: index, delta: { toolUse: { input } } }),
      );
    }
    frames.push(eventFrame('contentBlockStop', { contentBlockIndex: index++ }));
  }
  frames.push(eventFrame('messageStop', { stopReason: stopReasonFor(answer, step) }));
  frames.push(eventFrame('metadata', { usage: bedrockUsage(answer), metrics: { latencyMs: 42 } }));
  return frames;
}
