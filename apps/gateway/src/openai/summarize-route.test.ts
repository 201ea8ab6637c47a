import { describe, expect, it } from 'vitest';
import { postJson, useGateway } from './openai-gateway.test-support.js';

const gateway = useGateway();

describe('POST /v1/summarize (PAL dialect)', () => {
  it('summarises through the router, the hint picking the target', async () => {
    gateway.ollama.script({ text: ' A short summary. ' });
    const answer = await postJson(`${gateway.url}/v1/summarize`, {
      content: 'A long text about many things.',
      provider_hint: 'local_preferred',
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ summary: 'A short summary.', provider: 'ollama', model: 'llama3.2' });
    expect(answer.headers.get('x-pal-provider')).toBe('ollama');
    expect(answer.headers.get('x-pal-cost-usd')).toBe('0');
    const sent = JSON.stringify(gateway.ollama.lastRequest()?.body);
    expect(sent).toContain('A long text about many things.');
  });

  it('answers errors in PAL shape', async () => {
    const empty = await postJson(`${gateway.url}/v1/summarize`, { content: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error).toMatchObject({ code: 'INVALID_REQUEST', path: ['content'] });
    expect(empty.body.error.type).toBeUndefined();

    const badHint = await postJson(`${gateway.url}/v1/summarize`, { content: 'x', provider_hint: 'fastest' });
    expect(badHint.status).toBe(400);
    expect(badHint.body.error.path).toEqual(['provider_hint']);
  });
});
