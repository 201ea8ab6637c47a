import { describe, expect, it } from 'vitest';
import { responseCacheKey } from './cache-key.js';
import { chatRequest } from './fake-next.test-support.js';

describe('responseCacheKey', () => {
  const base = chatRequest('hello', { temperature: 0 });

  it('is a SHA-256 hex digest that ignores key order, metadata and the signal', () => {
    const key = responseCacheKey('acme', base);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const reordered = {
      temperature: 0,
      messages: [{ content: 'hello', role: 'user' as const }],
      model: 'm1',
    };
    expect(responseCacheKey('acme', reordered)).toBe(key);
    expect(
      responseCacheKey('acme', { ...base, metadata: { runId: 'r1' }, signal: new AbortController().signal }),
    ).toBe(key);
    expect(responseCacheKey('acme', { ...base, providerOptions: { other: { x: 1 } } })).toBe(key);
  });

  it('changes with anything that shapes the answer', () => {
    const key = responseCacheKey('acme', base);
    const variants = [
      responseCacheKey('other', base),
      responseCacheKey('acme', { ...base, model: 'm2' }),
      responseCacheKey('acme', chatRequest('hello!', { temperature: 0 })),
      responseCacheKey('acme', { ...base, temperature: 0.5 }),
      responseCacheKey('acme', { ...base, topP: 0.9 }),
      responseCacheKey('acme', { ...base, topK: 5 }),
      responseCacheKey('acme', { ...base, maxOutputTokens: 10 }),
      responseCacheKey('acme', { ...base, stop: ['x'] }),
      responseCacheKey('acme', { ...base, seed: 1 }),
      responseCacheKey('acme', { ...base, presencePenalty: 1 }),
      responseCacheKey('acme', { ...base, frequencyPenalty: 1 }),
      responseCacheKey('acme', { ...base, tools: [{ name: 't', parameters: {} }] }),
      responseCacheKey('acme', { ...base, toolChoice: 'required' }),
      responseCacheKey('acme', { ...base, responseFormat: { type: 'json' } }),
      responseCacheKey('acme', { ...base, reasoning: { effort: 'high' } }),
      responseCacheKey('acme', { ...base, providerOptions: { acme: { x: 1 } } }),
    ];
    expect(new Set([key, ...variants]).size).toBe(variants.length + 1);
  });
});
