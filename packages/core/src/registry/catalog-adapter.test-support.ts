import type { ProviderAdapter } from '../contracts/adapter.js';
import { type ModelInfo, type ModelInfoInput, modelInfoSchema } from '../contracts/model-info.js';
import { PalError } from '../errors/pal-error.js';

/** Catalog fields a test cares about; everything else gets plain defaults. */
export type TestModel = Partial<Omit<ModelInfoInput, 'capabilities' | 'pricing'>> & {
  id: string;
  capabilities?: Partial<ModelInfoInput['capabilities']>;
  price?: [input: number, output: number];
};

/** Builds a full `ModelInfo` from the fields a test names. */
export function testModel({ price = [1, 2], capabilities, ...rest }: TestModel): ModelInfo {
  return modelInfoSchema.parse({
    displayName: rest.id,
    contextWindow: 128_000,
    maxOutputTokens: 4096,
    ...rest,
    capabilities: {
      streaming: true,
      tools: false,
      vision: false,
      json: false,
      embeddings: false,
      ...capabilities,
    },
    pricing: { inputPerMTok: price[0], outputPerMTok: price[1] },
  });
}

/**
 * Test support: an adapter that only carries a catalog (the registry never calls chat).
 * `validateCredentials` succeeds unless `invalidKey` is set; it counts its calls.
 */
export function catalogAdapter(
  id: string,
  models: TestModel[],
  extra: { defaultModel?: string; invalidKey?: boolean; noValidation?: boolean } = {},
): ProviderAdapter & { validations: number } {
  const adapter = {
    id,
    displayName: id,
    models: models.map(testModel),
    capabilities: { streaming: true, tools: true, vision: true, json: true, embeddings: true },
    defaultModel: extra.defaultModel,
    validations: 0,
    chat(): never {
      throw new PalError({ code: 'UNSUPPORTED_CAPABILITY', message: 'catalog-only test adapter' });
    },
    stream(): never {
      throw new PalError({ code: 'UNSUPPORTED_CAPABILITY', message: 'catalog-only test adapter' });
    },
    toPalError: (error: unknown) =>
      error instanceof PalError
        ? error
        : new PalError({ code: 'PROVIDER_API_ERROR', message: String(error), provider: id }),
  } as ProviderAdapter & { validations: number };
  if (!extra.noValidation) {
    (adapter as { validateCredentials?: () => Promise<void> }).validateCredentials = async () => {
      adapter.validations++;
      if (extra.invalidKey) throw new Error('401 invalid key');
    };
  }
  return adapter;
}
