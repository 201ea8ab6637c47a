import { describe, expect, it } from 'vitest';
import { isPalError, type PalError } from '../errors/pal-error.js';
import { catalogAdapter } from './catalog-adapter.test-support.js';
import { createRegistry } from './registry.js';
import type { RegistryChange } from './types.js';

function thrown(fn: () => unknown): PalError {
  try {
    fn();
  } catch (error) {
    if (isPalError(error)) return error;
    throw error;
  }
  throw new Error('expected a PalError');
}

function fixture() {
  const registry = createRegistry();
  const openai = catalogAdapter(
    'openai',
    [
      { id: 'gpt-4o', price: [2.5, 10], capabilities: { tools: true, vision: true, json: true } },
      { id: 'gpt-4o-mini', price: [0.15, 0.6], capabilities: { tools: true, vision: true, json: true } },
      { id: 'o3', price: [2, 8], capabilities: { tools: true, reasoning: true } },
      {
        id: 'text-embedding-3-small',
        kind: 'embedding',
        price: [0.02, 0],
        maxOutputTokens: 0,
        capabilities: { embeddings: true, streaming: false },
      },
    ],
    { defaultModel: 'gpt-4o-mini' },
  );
  const anthropic = catalogAdapter('anthropic', [
    { id: 'claude-3-5-haiku-latest', price: [0.8, 4], capabilities: { tools: true, vision: true } },
    {
      id: 'claude-opus-4',
      price: [15, 75],
      contextWindow: 200_000,
      capabilities: { tools: true, vision: true, reasoning: true },
    },
    { id: 'gpt-4o', price: [9, 9] },
  ]);
  const ollama = catalogAdapter('ollama', []);
  registry.register(openai);
  registry.register(anthropic);
  registry.register(ollama);
  return { registry, openai, anthropic, ollama };
}

describe('createRegistry: providers', () => {
  it('registers, lists in order, gets and unregisters', () => {
    const { registry, openai } = fixture();
    expect(registry.list().map((p) => p.id)).toEqual(['openai', 'anthropic', 'ollama']);
    expect(registry.get('openai')).toBe(openai);
    expect(registry.has('anthropic')).toBe(true);
    expect(registry.unregister('anthropic')).toBe(true);
    expect(registry.unregister('anthropic')).toBe(false);
    expect(registry.has('anthropic')).toBe(false);
  });

  it('throws PROVIDER_NOT_FOUND naming the known ids and a suggestion', () => {
    const { registry } = fixture();
    const error = thrown(() => registry.get('opneai'));
    expect(error.code).toBe('PROVIDER_NOT_FOUND');
    expect(error.message).toContain('Did you mean "openai"?');
    expect(error.message).toContain('openai, anthropic, ollama');
  });

  it('enables and disables, skipping disabled providers in listings and lookups', () => {
    const { registry } = fixture();
    registry.disable('openai');
    expect(registry.listEnabled().map((p) => p.id)).toEqual(['anthropic', 'ollama']);
    expect(registry.isEnabled('openai')).toBe(false);
    expect(registry.getProviderForModel('gpt-4o').provider.id).toBe('anthropic');
    expect(thrown(() => registry.getProviderForModel('openai/gpt-4o')).code).toBe('PROVIDER_NOT_FOUND');
    registry.enable('openai');
    expect(registry.getProviderForModel('gpt-4o').provider.id).toBe('openai');
  });

  it('registers disabled when the config says so', () => {
    const registry = createRegistry();
    registry.register(catalogAdapter('x', [{ id: 'a' }]), { enabled: false });
    expect(registry.listEnabled()).toEqual([]);
    expect(registry.listModels()).toEqual([]);
  });

  it('notifies listeners of each change until they unsubscribe', () => {
    const registry = createRegistry();
    const changes: RegistryChange[] = [];
    const off = registry.onChange((change) => changes.push(change));
    registry.register(catalogAdapter('x', [{ id: 'a' }, { id: 'b' }]));
    registry.disable('x');
    registry.disable('x'); // no change, no event
    registry.enable('x');
    registry.setDefaultModel('x', 'b');
    registry.unregister('x');
    off();
    registry.register(catalogAdapter('y', []));
    expect(changes).toEqual([
      { type: 'registered', providerId: 'x' },
      { type: 'disabled', providerId: 'x' },
      { type: 'enabled', providerId: 'x' },
      { type: 'default-model', providerId: 'x' },
      { type: 'unregistered', providerId: 'x' },
    ]);
  });
});

describe('createRegistry: model resolution', () => {
  it.each([
    ['openai/gpt-4o', 'openai', 'gpt-4o'],
    ['anthropic/gpt-4o', 'anthropic', 'gpt-4o'],
    ['gpt-4o', 'openai', 'gpt-4o'],
    ['claude-opus-4', 'anthropic', 'claude-opus-4'],
    ['openai', 'openai', 'gpt-4o-mini'],
    ['anthropic', 'anthropic', 'claude-3-5-haiku-latest'],
  ])('%s → %s/%s', (ref, provider, modelId) => {
    const { registry } = fixture();
    const resolved = registry.getProviderForModel(ref);
    expect(resolved.provider.id).toBe(provider);
    expect(resolved.modelId).toBe(modelId);
    expect(resolved.model?.id).toBe(modelId);
  });

  it('lets unknown ids through for a provider with an empty catalog', () => {
    const { registry } = fixture();
    const resolved = registry.getProviderForModel('ollama/llama3.2');
    expect(resolved).toMatchObject({ modelId: 'llama3.2' });
    expect(resolved.provider.id).toBe('ollama');
    expect(resolved.model).toBeUndefined();
  });

  it('lets unknown ids through when allowUnknownModels is set, and ids with slashes', () => {
    const registry = createRegistry();
    registry.register(catalogAdapter('openrouter', [{ id: 'openai/gpt-4o' }]), { allowUnknownModels: true });
    expect(registry.getProviderForModel('openrouter/meta-llama/llama-3-70b').modelId).toBe(
      'meta-llama/llama-3-70b',
    );
    expect(registry.getProviderForModel('openai/gpt-4o').provider.id).toBe('openrouter');
  });

  it('refuses an unknown model of a provider with a catalog, suggesting the closest', () => {
    const { registry } = fixture();
    const error = thrown(() => registry.getProviderForModel('openai/gpt-4oo'));
    expect(error.code).toBe('MODEL_NOT_FOUND');
    expect(error.message).toBe('Unknown model "openai/gpt-4oo". Did you mean "openai/gpt-4o"?');
    expect(error.provider).toBe('openai');
    expect(error.model).toBe('gpt-4oo');
  });

  it('refuses an unknown bare id with a suggestion from every catalog', () => {
    const { registry } = fixture();
    const error = thrown(() => registry.getProviderForModel('claude-opus-5'));
    expect(error.code).toBe('MODEL_NOT_FOUND');
    expect(error.details).toMatchObject({ suggestion: 'anthropic/claude-opus-4' });
    expect(thrown(() => registry.getProviderForModel('zzzzzzzzzz')).message).toBe(
      'Unknown model "zzzzzzzzzz".',
    );
  });

  it('refuses an unknown provider prefix and an empty ref', () => {
    const { registry } = fixture();
    expect(thrown(() => registry.getProviderForModel('mistral/large')).code).toBe('PROVIDER_NOT_FOUND');
    expect(thrown(() => registry.getProviderForModel('')).code).toBe('INVALID_REQUEST');
  });

  it('getModelInfo returns the listing or undefined', () => {
    const { registry } = fixture();
    expect(registry.getModelInfo('gpt-4o-mini')).toMatchObject({
      provider: 'openai',
      ref: 'openai/gpt-4o-mini',
    });
    expect(registry.getModelInfo('ollama/llama3.2')).toBeUndefined();
    expect(registry.getModelInfo('nope/x')).toBeUndefined();
  });
});

describe('createRegistry: catalogs and defaults', () => {
  it('merges config overrides over the adapter catalog and adds complete new models', () => {
    const registry = createRegistry();
    registry.register(catalogAdapter('openai', [{ id: 'gpt-4o', price: [2.5, 10] }]), {
      models: {
        'gpt-4o': { pricing: { inputPerMTok: 2 }, capabilities: { tools: true } },
        'ft:gpt-4o:acme': {
          contextWindow: 128_000,
          maxOutputTokens: 4096,
          capabilities: { streaming: true, tools: true, vision: false, json: true, embeddings: false },
          pricing: { inputPerMTok: 3.75, outputPerMTok: 15 },
        },
      },
    });
    const [base, tuned] = registry.listModels('openai');
    expect(base?.pricing).toEqual({ inputPerMTok: 2, outputPerMTok: 10 });
    expect(base?.capabilities.tools).toBe(true);
    expect(base?.capabilities.streaming).toBe(true);
    expect(tuned).toMatchObject({ id: 'ft:gpt-4o:acme', provider: 'openai', displayName: 'ft:gpt-4o:acme' });
  });

  it('rejects an incomplete new model with CONFIG_ERROR naming its path', () => {
    const registry = createRegistry();
    const error = thrown(() =>
      registry.register(catalogAdapter('openai', []), { models: { custom: { contextWindow: 1000 } } }),
    );
    expect(error.code).toBe('CONFIG_ERROR');
    expect(error.message).toContain('providers.openai.models.custom.maxOutputTokens');
  });

  it('lists every enabled model with its provider, or one provider’s', () => {
    const { registry } = fixture();
    expect(registry.listModels().map((m) => m.ref)).toEqual([
      'openai/gpt-4o',
      'openai/gpt-4o-mini',
      'openai/o3',
      'openai/text-embedding-3-small',
      'anthropic/claude-3-5-haiku-latest',
      'anthropic/claude-opus-4',
      'anthropic/gpt-4o',
    ]);
    expect(registry.listModels('ollama')).toEqual([]);
  });

  it('resolves and changes default models', () => {
    const { registry } = fixture();
    expect(registry.defaultModel('openai')).toBe('gpt-4o-mini');
    expect(registry.defaultModel('anthropic')).toBe('claude-3-5-haiku-latest');
    expect(registry.defaultModel('ollama')).toBeUndefined();
    registry.setDefaultModel('openai', 'o3');
    expect(registry.getProviderForModel('openai').modelId).toBe('o3');
    expect(thrown(() => registry.setDefaultModel('openai', 'gpt-5x')).code).toBe('MODEL_NOT_FOUND');
    registry.setDefaultModel('ollama', 'llama3.2');
    expect(registry.getProviderForModel('ollama').modelId).toBe('llama3.2');
  });

  it('takes the default model from the registration config', () => {
    const registry = createRegistry();
    registry.register(catalogAdapter('x', [{ id: 'a' }, { id: 'b' }]), { defaultModel: 'b' });
    expect(registry.defaultModel('x')).toBe('b');
  });

  it('throws MODEL_NOT_FOUND for a bare provider without a default model', () => {
    const { registry } = fixture();
    expect(thrown(() => registry.getProviderForModel('ollama')).code).toBe('MODEL_NOT_FOUND');
  });
});

describe('createRegistry: validation', () => {
  it('caches the result with its timestamp until the TTL passes or force is set', async () => {
    let clock = 1000;
    const registry = createRegistry({ now: () => clock, validationTtlMs: 500 });
    const good = catalogAdapter('good', []);
    registry.register(good);
    expect(registry.validationStatus('good')).toBeUndefined();
    expect(await registry.validate('good')).toEqual({ ok: true, checked: true, lastValidatedAt: 1000 });
    clock = 1400;
    expect((await registry.validate('good')).lastValidatedAt).toBe(1000);
    expect(good.validations).toBe(1);
    expect((await registry.validate('good', { force: true })).lastValidatedAt).toBe(1400);
    clock = 2000;
    await registry.validate('good');
    expect(good.validations).toBe(3);
    expect(registry.validationStatus('good')?.lastValidatedAt).toBe(2000);
  });

  it('reports failures as a PalError from the adapter and adapters that cannot validate', async () => {
    const registry = createRegistry({ now: () => 5 });
    registry.register(catalogAdapter('bad', [], { invalidKey: true }));
    registry.register(catalogAdapter('silent', [], { noValidation: true }));
    const bad = await registry.validate('bad');
    expect(bad.ok).toBe(false);
    expect(bad.error?.code).toBe('PROVIDER_API_ERROR');
    expect(await registry.validate('silent')).toEqual({ ok: true, checked: false, lastValidatedAt: 5 });
  });
});

describe('createRegistry: findModels and recommendModel', () => {
  it('filters by capability, context, kind and price', () => {
    const { registry } = fixture();
    expect(registry.findModels({ capabilities: ['reasoning'] }).map((m) => m.ref)).toEqual([
      'openai/o3',
      'anthropic/claude-opus-4',
    ]);
    expect(registry.findModels({ minContext: 150_000 }).map((m) => m.ref)).toEqual([
      'anthropic/claude-opus-4',
    ]);
    expect(registry.findModels({ kind: 'embedding' }).map((m) => m.ref)).toEqual([
      'openai/text-embedding-3-small',
    ]);
    expect(
      registry.findModels({ capabilities: ['vision'], maxInputPricePerMTok: 1 }).map((m) => m.ref),
    ).toEqual(['openai/gpt-4o-mini', 'anthropic/claude-3-5-haiku-latest']);
    expect(registry.findModels({ provider: 'anthropic', capabilities: ['json'] })).toEqual([]);
  });

  it.each([
    [{}, 'openai/gpt-4o-mini'],
    [{ task: 'cheap' as const }, 'openai/gpt-4o-mini'],
    [{ task: 'quality' as const }, 'anthropic/claude-opus-4'],
    [{ task: 'quality' as const, budgetUsd: 0.01 }, 'openai/gpt-4o'],
    [{ task: 'reasoning' as const }, 'openai/o3'],
    [{ task: 'embedding' as const }, 'openai/text-embedding-3-small'],
    [{ needs: ['reasoning' as const], estimatedInputTokens: 150_000 }, 'anthropic/claude-opus-4'],
    [{ task: 'vision' as const, needs: ['tools' as const] }, 'openai/gpt-4o-mini'],
  ])('%j → %s', (options, ref) => {
    const { registry } = fixture();
    expect(registry.recommendModel(options)?.model.ref).toBe(ref);
  });

  it('prices the estimate and returns undefined when nothing fits the budget', () => {
    const { registry } = fixture();
    const pick = registry.recommendModel({
      task: 'quality',
      estimatedInputTokens: 1_000_000,
      estimatedOutputTokens: 0,
    });
    expect(pick).toBeUndefined(); // no model has a 1M-token context window
    const cheap = registry.recommendModel({ estimatedInputTokens: 10_000, estimatedOutputTokens: 1000 });
    expect(cheap?.estimatedCostUsd).toBeCloseTo(0.0015 + 0.0006, 10);
    expect(registry.recommendModel({ budgetUsd: 0.000_01 })).toBeUndefined();
    expect(registry.recommendModel({ estimatedOutputTokens: 10_000 })).toBeUndefined(); // every maxOutputTokens is 4096
  });
});
