import type { AdapterChatResult } from '../contracts/adapter.js';
import type { ProviderStreamEvent } from '../contracts/stream-event.js';

const replayed = new WeakSet<object>();

/**
 * The provider stream events that replay a cached result: `start`, a `text-delta` per text part, a
 * `reasoning-delta` per reasoning part, a `tool-call` per tool call, `usage` and `finish`. Each
 * event is marked so {@link isCachedReplay} recognises it.
 */
export function replayEvents(result: AdapterChatResult, provider: string): ProviderStreamEvent[] {
  const events: ProviderStreamEvent[] = [{ type: 'start', provider, model: result.model, id: result.id }];
  for (const part of result.content) {
    if (part.type === 'text') events.push({ type: 'text-delta', text: part.text });
    else if (part.type === 'reasoning') {
      events.push({
        type: 'reasoning-delta',
        text: part.text,
        ...(part.signature && { signature: part.signature }),
      });
    } else events.push({ type: 'tool-call', id: part.id, name: part.name, arguments: part.arguments });
  }
  if (result.usage) events.push({ type: 'usage', usage: result.usage });
  events.push({
    type: 'finish',
    finishReason: result.finishReason,
    ...(result.usage && { usage: result.usage }),
  });
  for (const event of events) replayed.add(event);
  return events;
}

/**
 * True for a stream event replayed from the response cache (no provider was called, so it
 * costs nothing). For `chat`, the cache marks the result itself with `cached: true`.
 */
export function isCachedReplay(event: ProviderStreamEvent): boolean {
  return replayed.has(event);
}
