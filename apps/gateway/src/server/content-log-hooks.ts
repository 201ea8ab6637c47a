import type { Hooks } from '@pal/core';
import { redactSecrets } from '@pal/core/provider';
import type { Logger } from 'pino';

const MAX_LOGGED_CHARS = 4000;

/**
 * Hooks that log what was asked and answered (`pal: 'content'`), for gateways that must keep a
 * record of message content; the gateway installs them only when content logging is switched on,
 * after the caller's own masking hooks, and masks anything key-shaped itself. Each text is cut at
 * 4,000 characters. A streamed answer is logged once it finishes (a stream its client left is not).
 */
export function contentLogHooks(logger: Logger): Hooks {
  const streamed = new Map<string, string>();
  const line = (
    requestId: string,
    provider: string,
    model: string,
    direction: 'request' | 'response',
    text: string,
  ) =>
    logger.info(
      { pal: 'content', requestId, provider, model, direction, content: masked(text) },
      `content ${direction}`,
    );
  return {
    beforeRequest(request, info) {
      line(info.requestId, info.provider, info.model, 'request', JSON.stringify(request.messages));
    },
    afterResponse(result, info) {
      const text = result.content.map((part) => ('text' in part ? part.text : JSON.stringify(part))).join('');
      line(info.requestId, info.provider, info.model, 'response', text);
    },
    onChunk(event, info) {
      if (event.type === 'text-delta') {
        const before = streamed.get(info.requestId);
        // a stream its client left never finishes here: keep the texts of at most 1,000 streams
        if (before === undefined && streamed.size >= 1000)
          streamed.delete(streamed.keys().next().value as string);
        streamed.set(info.requestId, (before ?? '') + event.text);
      } else if (event.type === 'finish') {
        line(info.requestId, info.provider, info.model, 'response', streamed.get(info.requestId) ?? '');
        streamed.delete(info.requestId);
      }
    },
  };
}

function masked(text: string): string {
  const cut = text.length > MAX_LOGGED_CHARS ? `${text.slice(0, MAX_LOGGED_CHARS)}…` : text;
  return redactSecrets(cut);
}
