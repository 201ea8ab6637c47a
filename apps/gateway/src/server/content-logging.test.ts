import type { Hooks } from '@pal/core';
import { describe, expect, it } from 'vitest';
import { hello, useServer } from './server.test-support.js';

const SECRET_PROMPT = 'my card is 4111-1111-1111-1111 and my key is sk-live-abcdefghijklmnopqrstuv';

describe('content in the logs', () => {
  describe('by default', () => {
    const gateway = useServer();
    it('holds no message content', async () => {
      const { key } = await gateway.createKey();
      const answer = await gateway.post(
        '/v1/chat/completions',
        { model: 'openai/gpt-5.4-mini', messages: [{ role: 'user', content: SECRET_PROMPT }] },
        { authorization: `Bearer ${key}` },
      );
      expect(answer.status).toBe(200);
      expect(gateway.logs()).toContain('"pal":"call"');
      expect(gateway.logs()).not.toContain('4111');
      expect(gateway.logs()).not.toContain('"pal":"content"');
    });
  });

  describe('with logContent', () => {
    // the caller's masking hook runs first; PAL masks anything key-shaped after it
    const maskCards: Hooks = {
      beforeRequest: (request) =>
        JSON.parse(JSON.stringify(request).replace(/\d{4}-\d{4}-\d{4}-\d{4}/g, '[card]')),
    };
    const gateway = useServer({ logContent: true, hooks: [maskCards] });
    it('logs the prompt and the answer, masked, streamed answers once they finish', async () => {
      const { key } = await gateway.createKey();
      await gateway.post(
        '/v1/chat/completions',
        { model: 'openai/gpt-5.4-mini', messages: [{ role: 'user', content: SECRET_PROMPT }] },
        { authorization: `Bearer ${key}` },
      );
      await gateway.post('/v1/chat/completions', hello('anthropic/claude-haiku-4-5', { stream: true }), {
        authorization: `Bearer ${key}`,
      });
      const lines = gateway
        .logs()
        .split('\n')
        .filter((l) => l.includes('"pal":"content"'))
        .map((l) => JSON.parse(l));
      expect(lines.map((l) => [l.provider, l.direction])).toEqual([
        ['openai', 'request'],
        ['openai', 'response'],
        ['anthropic', 'request'],
        ['anthropic', 'response'],
      ]);
      expect(lines[0].content).toContain('[card]');
      expect(gateway.logs()).not.toContain('4111');
      expect(gateway.logs()).not.toContain('sk-live-abcdefghijklmnopqrstuv');
      expect(lines[3].content.length).toBeGreaterThan(0);
    });
  });
});
