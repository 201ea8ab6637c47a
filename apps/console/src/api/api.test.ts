import { describe, expect, it } from 'vitest';
import { apiErrorOf } from './api-error.js';
import { sseEvents } from './sse.js';

const streamOf = (...parts: string[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const part of parts) controller.enqueue(new TextEncoder().encode(part));
      controller.close();
    },
  });

describe('reading the gateway', () => {
  it("reads an error in PAL's dialect and in OpenAI's (userMessage and action first)", () => {
    const pal = apiErrorOf(400, 'Bad Request', {
      error: { code: 'INVALID_REQUEST', message: 'x: bad', userMessage: 'Fix x', action: 'fix-request' },
    });
    expect(pal).toMatchObject({
      status: 400,
      code: 'INVALID_REQUEST',
      userMessage: 'Fix x',
      action: 'fix-request',
      message: 'Fix x',
    });
    const openai = apiErrorOf(401, 'Unauthorized', {
      error: {
        message: 'bad key',
        code: 'AUTHENTICATION_ERROR',
        pal: {
          code: 'AUTHENTICATION_ERROR',
          userMessage: 'Your OpenAI API key is invalid.',
          action: 're-enter-key',
        },
      },
    });
    expect(openai).toMatchObject({
      code: 'AUTHENTICATION_ERROR',
      userMessage: 'Your OpenAI API key is invalid.',
      action: 're-enter-key',
    });
    expect(apiErrorOf(502, 'Bad Gateway', 'not json').message).toBe('502 Bad Gateway');
  });

  it('splits server-sent events across chunk boundaries, with their names, and skips comments', async () => {
    const events: Array<{ event: string; data: string }> = [];
    const body = streamOf(
      'event: estimate\ndata: {"a":1}\n\n: ping\n\nevent: del',
      'ta\ndata: {"b":2}\r\n\r\ndata: x\ndata: y',
    );
    for await (const event of sseEvents(body)) events.push(event);
    expect(events).toEqual([
      { event: 'estimate', data: '{"a":1}' },
      { event: 'delta', data: '{"b":2}' },
      { event: 'message', data: 'x\ny' },
    ]);
  });
});
