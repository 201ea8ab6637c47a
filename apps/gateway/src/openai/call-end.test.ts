import type { TelemetryEvent } from '@pal/core';
import OpenAI from 'openai';
import { beforeEach, describe, expect, it } from 'vitest';
import { postJson, useGateway } from './openai-gateway.test-support.js';

const events: TelemetryEvent[] = [];
const gateway = useGateway({ telemetry: { emit: (event) => void events.push(event) } });
const ends = () => events.filter((e) => e.type === 'call-end');
beforeEach(() => {
  events.length = 0;
});

describe('each OpenAI route ends the logical call it starts (one call-end, under the x-request-id)', () => {
  it('chat, embeddings and summarize, ended before the answer is written', async () => {
    const routes: Array<[string, object, string]> = [
      [
        '/v1/chat/completions',
        { model: 'openai/gpt-5.4-mini', messages: [{ role: 'user', content: 'Hi' }] },
        'chat',
      ],
      ['/v1/embeddings', { model: 'openai/text-embedding-3-small', input: 'Hi' }, 'embed'],
      ['/v1/summarize', { content: 'A text.', provider: 'openai' }, 'chat'],
    ];
    for (const [path, body, operation] of routes) {
      events.length = 0;
      const answer = await postJson(`${gateway.url}${path}`, body);
      expect(answer.status).toBe(200);
      expect(ends()).toEqual([
        expect.objectContaining({
          requestId: answer.headers.get('x-request-id'),
          outcome: 'success',
          operation,
          attempts: 1,
        }),
      ]);
    }
  });

  it('a stream, once it has ended', async () => {
    const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'any', maxRetries: 0 });
    const { data: stream, response } = await client.chat.completions
      .create({ model: 'openai/gpt-5.4-mini', messages: [{ role: 'user', content: 'Hi' }], stream: true })
      .withResponse();
    for await (const _chunk of stream) {
      // read to the end
    }
    await expect.poll(() => ends().length).toBe(1);
    expect(ends()[0]).toMatchObject({
      requestId: response.headers.get('x-request-id'),
      outcome: 'success',
      operation: 'stream',
    });
  });

  it('a failure', async () => {
    gateway.openai.script({ fault: { type: 'error', kind: 'server' } });
    const answer = await postJson(`${gateway.url}/v1/chat/completions`, {
      model: 'openai/gpt-5.4-mini',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(answer.status).toBe(502);
    expect(ends()).toEqual([
      expect.objectContaining({ requestId: answer.headers.get('x-request-id'), outcome: 'error' }),
    ]);
  });
});
