import type { AdapterChatResult } from '../contracts/adapter.js';
import type { ProviderStreamEvent } from '../contracts/stream-event.js';

/**
 * The provider stream events that replay a cached result: `start`, a `text-delta` per text part, a
 * `reasoning-delta` per reasoning part (signature and redacted data kept), a `tool-call` per tool
 * call (signature kept), `usage` and `finish`. Folding them with the `StreamAssembler` gives
 * `result` back.
 */
export function replayEvents(result: AdapterChatResult, provider: string): ProviderStreamEvent[] {
  const events: ProviderStreamEvent[] = [{ type: 'start', provider, model: result.model, id: result.id }];
  for (const part of result.content) {
    if (part.type === 'text') events.push({ type: 'text-delta', text: part.text });
    else if (part.type === 'reasoning') {
      events.push({
        type: 'reasoning-delta',
        text: part.text,
        ...(part.signature !== undefined && { signature: part.signature }),
        ...(part.redactedData !== undefined && { redactedData: part.redactedData }),
      });
    } else {
      events.push({
        type: 'tool-call',
        id: part.id,
        name: part.name,
        arguments: part.arguments,
        ...(part.signature !== undefined && { signature: part.signature }),
      });
    }
  }
  if (result.usage) events.push({ type: 'usage', usage: result.usage });
  events.push({
    type: 'finish',
    finishReason: result.finishReason,
    ...(result.usage && { usage: result.usage }),
  });
  return events;
}
