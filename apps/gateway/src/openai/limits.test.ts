import { describe, expect, it } from 'vitest';
import { postJson, useGateway } from './openai-gateway.test-support.js';

// a budget that allows nothing for OpenAI: every call to it is refused before it is sent
const gateway = useGateway({ policies: { budget: { providers: { openai: { dailyUsd: 0 } } } } });

describe('budget refusals', () => {
  it('is a 429 in OpenAI shape, and nothing is sent', async () => {
    const answer = await postJson(`${gateway.url}/v1/chat/completions`, {
      model: 'openai/gpt-5.4-mini',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(answer.status).toBe(429);
    expect(answer.body.error).toMatchObject({
      type: 'rate_limit_error',
      code: 'BUDGET_EXCEEDED',
      pal: { action: 'raise-budget' },
    });
    // (core's budget refusal carries no retryAfterMs today, so there is no retry-after to send)
    expect(gateway.openai.requests).toHaveLength(0);
  });
});

describe('rate limits', () => {
  it("a vendor's 429 is a 429 with the vendor's retry-after", async () => {
    gateway.anthropic.script({
      fault: { type: 'error', kind: 'rate_limit', headers: { 'retry-after': '7' } },
    });
    const answer = await postJson(`${gateway.url}/v1/chat/completions`, {
      model: 'anthropic/claude-haiku-4-5',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(answer.status).toBe(429);
    expect(answer.body.error).toMatchObject({ type: 'rate_limit_error', code: 'PROVIDER_RATE_LIMIT_ERROR' });
    expect(answer.headers.get('retry-after')).toBe('7');
  });
});
