import { describe, expect, it } from 'vitest';
import type { RegistryChange } from './types.js';
import { catalogAdapter } from './catalog-adapter.test-support.js';
import { createRegistry } from './registry.js';

const live = { inputPerMTok: 3, outputPerMTok: 12 };

describe('registry.setCatalogPricing', () => {
  it('lays live prices between the catalog and the overrides, for providers registered now and later', () => {
    const registry = createRegistry();
    const changes: RegistryChange[] = [];
    registry.onChange((change) => changes.push(change));
    registry.register(catalogAdapter('alpha', [{ id: 'a1' }, { id: 'a2' }]), {
      models: { a2: { pricing: { outputPerMTok: 40 } } },
    });
    registry.setCatalogPricing((_adapter, model) => (model.id === 'a3' ? undefined : live));
    expect(registry.getModelInfo('alpha/a1')?.pricing).toEqual(live);
    // the override's output rate wins; its input rate comes from the live prices
    expect(registry.getModelInfo('alpha/a2')?.pricing).toEqual({ inputPerMTok: 3, outputPerMTok: 40 });
    expect(changes.at(-1)).toEqual({ type: 'repriced', providerId: 'alpha' });

    registry.register(catalogAdapter('beta', [{ id: 'b1' }, { id: 'a3', price: [5, 6] }]));
    expect(registry.getModelInfo('beta/b1')?.pricing).toEqual(live);
    expect(registry.getModelInfo('beta/a3')?.pricing).toEqual({ inputPerMTok: 5, outputPerMTok: 6 });

    registry.setCatalogPricing(undefined);
    expect(registry.getModelInfo('alpha/a1')?.pricing).toEqual({ inputPerMTok: 1, outputPerMTok: 2 });
    expect(registry.getModelInfo('alpha/a2')?.pricing).toEqual({ inputPerMTok: 1, outputPerMTok: 40 });
  });

  it('leaves every catalog as it was when the pricer throws', () => {
    const registry = createRegistry();
    registry.register(catalogAdapter('alpha', [{ id: 'a1' }]));
    registry.register(catalogAdapter('beta', [{ id: 'b1' }]));
    registry.setCatalogPricing(() => live);
    expect(() =>
      registry.setCatalogPricing((adapter) => {
        if (adapter.id === 'beta') throw new Error('broken');
        return { inputPerMTok: 9, outputPerMTok: 9 };
      }),
    ).toThrow('broken');
    expect(registry.getModelInfo('alpha/a1')?.pricing).toEqual(live);
    // and the pricer in force is still the last good one for new registrations
    registry.register(catalogAdapter('gamma', [{ id: 'g1' }]));
    expect(registry.getModelInfo('gamma/g1')?.pricing).toEqual(live);
  });
});
