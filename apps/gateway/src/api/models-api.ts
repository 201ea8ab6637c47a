import type { ModelListing, Pricing } from '@pal/core';
import { z } from '@pal/core/provider';
import type { Hono } from 'hono';
import { readBody } from '../http/read-body.js';
import { readQuery } from '../http/read-query.js';
import { modelEditSchema } from '../server/provider-input.js';
import type { ConsoleDeps } from './console-deps.js';

/** A model of the merged catalog as the console shows it (seed 003's model selection, prices per 1M tokens). */
export interface ModelView {
  /** `provider/model`. */
  ref: string;
  provider: string;
  model: string;
  displayName: string;
  kind: ModelListing['kind'];
  contextWindow: number;
  maxOutputTokens: number;
  /** USD per 1M tokens; absent (with `unpriced`) when no price source knows the model. */
  inputPerMTok?: number;
  outputPerMTok?: number;
  cachedInputPerMTok?: number;
  /** Every rate: cache writes, long-context tiers, announced price changes (see core's `Pricing`). */
  pricing?: Pricing;
  /** No price source knows the model: its calls are reported unpriced, not as $0. */
  unpriced?: true;
  /** What it can do: `streaming`, `tools`, `vision`, `json`, `embeddings`, `reasoning`… */
  capabilities: string[];
  /** The provider's default model. */
  isDefault: boolean;
  /** The provider takes calls now. */
  enabled: boolean;
  /** Its vendor has deprecated it (it will be retired): the console marks it. */
  deprecated?: boolean;
}

const listQuery = z.strictObject({ provider: z.string().min(1).optional() });

/**
 * The merged catalog: `GET /api/models[?provider=id]` (every registered provider's models, with
 * the console's and the config's edits applied, prices in USD per million tokens) and `PATCH
 * /api/models/:provider/:model` (a price, a context window, an output limit or a name; `null` goes
 * back to the provider's value), audited as `model_changed` and in force from the next call.
 */
export function registerModelsApi(app: Hono, deps: ConsoleDeps): void {
  const registry = deps.runtime.registry;
  const viewsOf = (provider?: string) =>
    registry
      .list()
      .filter((adapter) => provider === undefined || adapter.id === provider)
      .flatMap((adapter) => {
        const fallbackDefault = registry.defaultModel(adapter.id);
        return registry
          .listModels(adapter.id)
          .map((m) => toView(m, fallbackDefault, registry.isEnabled(adapter.id)));
      });

  app.get('/api/models', (c) => {
    const { provider } = readQuery(c, listQuery);
    if (provider !== undefined) deps.providers.view(provider); // 404 for an unknown provider
    return c.json(viewsOf(provider));
  });

  app.patch('/api/models/:provider/:model{.+}', async (c) => {
    const edit = await readBody(c, modelEditSchema);
    const provider = c.req.param('provider');
    const model = c.req.param('model');
    await deps.providers.editModel(provider, model, edit, c.get('actor'));
    await deps.rebuildRouter();
    const view = viewsOf(provider).find((m) => m.model === model);
    return c.json(view);
  });
}

function toView(m: ModelListing, defaultModel: string | undefined, enabled: boolean): ModelView {
  return {
    ref: m.ref,
    provider: m.provider,
    model: m.id,
    displayName: m.displayName,
    kind: m.kind,
    contextWindow: m.contextWindow,
    maxOutputTokens: m.maxOutputTokens,
    ...(m.pricing
      ? {
          inputPerMTok: m.pricing.inputPerMTok,
          outputPerMTok: m.pricing.outputPerMTok,
          ...(m.pricing.cachedInputPerMTok !== undefined && {
            cachedInputPerMTok: m.pricing.cachedInputPerMTok,
          }),
          pricing: m.pricing,
        }
      : { unpriced: true as const }),
    capabilities: Object.entries(m.capabilities)
      .filter(([, on]) => on)
      .map(([name]) => name),
    isDefault: m.id === defaultModel,
    enabled,
    ...(m.deprecated && { deprecated: true }),
  };
}
