import type { Message } from '../contracts/message.js';

/**
 * The tool name of the tool result at `messages[index]`, for vendors that key results by name
 * (Gemini, Ollama): the message's own `name`, else the name of the tool call with its
 * `toolCallId` in the nearest earlier assistant message. Undefined when neither is known (or
 * `messages[index]` is no tool result).
 */
export function toolResultName(messages: readonly Message[], index: number): string | undefined {
  const result = messages[index];
  if (result?.role !== 'tool') return undefined;
  if (result.name !== undefined) return result.name;
  for (let i = index - 1; i >= 0; i--) {
    const earlier = messages[i];
    if (earlier?.role !== 'assistant' || typeof earlier.content === 'string') continue;
    for (const part of earlier.content) {
      if (part.type === 'tool-call' && part.id === result.toolCallId) return part.name;
    }
  }
  return undefined;
}
