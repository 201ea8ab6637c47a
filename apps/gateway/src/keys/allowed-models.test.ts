import { createRegistry } from '@pal/core';
import { anthropic } from '@pal/provider-anthropic';
import { ollama } from '@pal/provider-ollama';
import { openai } from '@pal/provider-openai';
import { describe, expect, it } from 'vitest';
import { GatewayFailureError } from '../http/gateway-error.js';
import { allowedRoute, modelAllowed } from './allowed-models.js';

const registry = createRegistry();
registry.register(openai({ apiKey: 'sk-test-000000000' }));
registry.register(anthropic({ apiKey: 'sk-ant-test-00000000' }));
registry.register(ollama());
const grant = (allowedModels?: string[]) => ({
  id: 'key_1',
  name: 'k',
  ...(allowedModels && { allowedModels }),
});
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof GatewayFailureError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('a key’s allowed models', () => {
  it('match a provider id, provider/model, * wildcards, or *', () => {
    expect(modelAllowed(['openai'], 'openai', 'gpt-5.4')).toBe(true);
    expect(modelAllowed(['openai/gpt-5.4*'], 'openai', 'gpt-5.4-mini')).toBe(true);
    expect(modelAllowed(['openai/gpt-5.4'], 'openai', 'gpt-5.4-mini')).toBe(false);
    expect(modelAllowed(['anthropic/*'], 'openai', 'gpt-5.4')).toBe(false);
    expect(modelAllowed(['*'], 'ollama', 'llama3.2')).toBe(true);
  });

  it('leave a key without a list as it asked', () => {
    const asked = { model: 'gpt-5.4-mini', fallback: undefined };
    expect(allowedRoute(grant(), asked, registry, ['anthropic'], 'chat')).toBe(asked);
  });

  it('pin a bare model id to the provider it resolves to, and cut the router’s chain to allowed targets', () => {
    const route = allowedRoute(
      grant(['openai', 'ollama']),
      { model: 'gpt-5.4-mini', fallback: undefined },
      registry,
      ['anthropic', 'ollama'],
      'chat',
    );
    expect(route).toEqual({ model: 'openai/gpt-5.4-mini', fallback: ['ollama'] });
    const alone = allowedRoute(
      grant(['openai']),
      { model: 'openai/gpt-5.4', fallback: undefined },
      registry,
      ['anthropic'],
      'chat',
    );
    expect(alone.fallback).toBe(false);
    // embeddings never fall back along the router's chain
    expect(
      allowedRoute(
        grant(['openai']),
        { model: 'openai/text-embedding-3-small', fallback: undefined },
        registry,
        ['openai'],
        'embed',
      ).fallback,
    ).toBeUndefined();
  });

  it('refuse another model, or a fallback the call names, with a 403 naming the field', () => {
    const model = refusal(() =>
      allowedRoute(
        grant(['anthropic/*']),
        { model: 'openai/gpt-5.4', fallback: undefined },
        registry,
        [],
        'chat',
      ),
    );
    expect(model.status).toBe(403);
    expect(model.error.path).toEqual(['model']);
    expect(model.error.message).toBe(
      'Gateway key key_1 may not use "openai/gpt-5.4"; it may use "anthropic/*"',
    );
    const fallback = refusal(() =>
      allowedRoute(
        grant(['anthropic/*']),
        { model: 'anthropic/claude-haiku-4-5', fallback: ['anthropic', 'openai'] },
        registry,
        [],
        'chat',
      ),
    );
    expect(fallback.error.path).toEqual(['fallbacks', 1]);
  });

  it('send auto only to allowed targets, and refuse it when none is', () => {
    expect(
      allowedRoute(grant(['ollama']), { model: 'auto', fallback: undefined }, registry, [], 'chat'),
    ).toEqual({
      model: 'auto',
      fallback: ['ollama'],
    });
    expect(
      allowedRoute(
        grant(['anthropic']),
        { model: 'auto', fallback: undefined },
        registry,
        ['openai', 'anthropic'],
        'chat',
      ).fallback,
    ).toEqual(['anthropic']);
    expect(
      refusal(() =>
        allowedRoute(grant(['gemini']), { model: 'auto', fallback: undefined }, registry, [], 'chat'),
      ).status,
    ).toBe(403);
  });
});
