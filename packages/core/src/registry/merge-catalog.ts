import { type ModelInfo, modelInfoSchema, type Pricing } from '../contracts/model-info.js';
import { PalError } from '../errors/pal-error.js';
import type { ModelOverride } from './types.js';

/**
 * Merges config overrides over an adapter's catalog: fields of a listed model are
 * replaced (capabilities and pricing field by field); an id the adapter does not list
 * becomes a new model and must then validate as a complete `ModelInfo`.
 * Throws CONFIG_ERROR naming `providers.<id>.models.<model>` when an entry is invalid.
 */
export function mergeCatalog(
  providerId: string,
  models: readonly ModelInfo[],
  overrides: Record<string, ModelOverride> | undefined,
): ModelInfo[] {
  if (!overrides || Object.keys(overrides).length === 0) return [...models];
  const merged = models.map((model) => {
    const override = overrides[model.id];
    return override ? validated(providerId, model.id, mergeOne(model, override)) : model;
  });
  for (const [id, override] of Object.entries(overrides)) {
    if (models.some((m) => m.id === id)) continue;
    merged.push(validated(providerId, id, { displayName: id, ...override, id }));
  }
  return merged;
}

function mergeOne(model: ModelInfo, override: ModelOverride): unknown {
  const { pricing: _, ...fields } = override;
  const pricing = mergePricing(model.pricing, override.pricing);
  return {
    ...model,
    ...fields,
    id: model.id,
    capabilities: { ...model.capabilities, ...override.capabilities },
    ...(pricing && { pricing }),
  };
}

/**
 * Rates merge field by field. An override of the input or output rate is the price the user pays:
 * the catalog's long-context tiers and dated changes, figured from the list price, are dropped
 * with it (unless the override gives its own).
 */
function mergePricing(catalog: Pricing | undefined, override: ModelOverride['pricing']): object | undefined {
  if (!override) return catalog;
  if (!catalog) return override;
  const repriced = override.inputPerMTok !== undefined || override.outputPerMTok !== undefined;
  const { tiers, changes, ...rates } = catalog;
  return { ...rates, ...(!repriced && { tiers, changes }), ...override };
}

function validated(providerId: string, modelId: string, candidate: unknown): ModelInfo {
  const result = modelInfoSchema.safeParse(candidate);
  if (result.success) return result.data;
  const path = ['providers', providerId, 'models', modelId];
  const problems = result.error.issues.map(
    (issue) => `${[...path, ...issue.path.map(String)].join('.')}: ${issue.message}`,
  );
  throw new PalError({
    code: 'CONFIG_ERROR',
    message: `Invalid model catalog entry: ${problems.join('; ')}`,
    provider: providerId,
    path,
    details: { issues: result.error.issues },
  });
}
