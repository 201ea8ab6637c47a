import { describe, expect, it } from 'vitest';
import { postJson, useGateway } from './openai-gateway.test-support.js';

const gateway = useGateway();
const chat = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  postJson(
    `${gateway.url}/v1/chat/completions`,
    { model: 'auto', messages: [{ role: 'user', content: 'Hi' }], ...body },
    { headers },
  );

describe("PAL's routing extensions on /v1/chat/completions", () => {
  it('auto goes to the first provider; provider_hint (body or x-pal-provider-hint) picks another', async () => {
    expect((await chat({})).headers.get('x-pal-provider')).toBe('openai');
    const hinted = await chat({ provider_hint: 'local_preferred' });
    expect(hinted.headers.get('x-pal-provider')).toBe('ollama');
    expect(hinted.body.model).toBe('ollama/llama3.2');
    const byHeader = await chat({}, { 'x-pal-provider-hint': 'local_preferred' });
    expect(byHeader.headers.get('x-pal-provider')).toBe('ollama');
  });

  it('provider with a bare model id', async () => {
    const answer = await chat({ model: 'claude-haiku-4-5', provider: 'anthropic' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-pal-provider')).toBe('anthropic');
    expect(gateway.anthropic.requests).toHaveLength(1);
  });

  it('fallbacks move a failed call on, under one request id', async () => {
    gateway.openai.script({ fault: { type: 'error', kind: 'server' } });
    const answer = await chat({ model: 'openai/gpt-5.4-mini', fallbacks: ['anthropic'] });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-pal-provider')).toBe('anthropic');
    expect(answer.headers.get('x-pal-attempts')).toBe('2');
    expect(answer.body.pal.routing).toMatchObject({
      served: 'anthropic/claude-haiku-4-5',
      candidates: ['openai/gpt-5.4-mini', 'anthropic/claude-haiku-4-5'],
    });

    gateway.openai.script({ fault: { type: 'error', kind: 'server' } });
    const none = await chat({ model: 'openai/gpt-5.4-mini', fallbacks: [] });
    expect(none.status).toBe(502);
    expect(gateway.anthropic.requests).toHaveLength(1);
  });
});
