import type { ModelInfo, ModelOverride } from '@pal/core';
import { gatewayError } from '../http/gateway-error.js';
import type { ModelEdit, ModelInput } from './provider-input.js';

/** The store setting the console's catalog edits are kept under: `{ provider: { model: override } }`. */
export const MODELS_SETTING = 'gateway.models';

/** Catalog edits per provider and model. */
export type CatalogOverrides = Record<string, Record<string, ModelOverride>>;

/** What a model the provider does not list is assumed to do (an OpenAI-compatible chat model). */
const NEW_MODEL_CAPABILITIES = { streaming: true, tools: true, vision: false, json: true, embeddings: false };

/**
 * A model of a custom host as a complete catalog entry: a model its provider lists is an override
 * of what is given; one it does not list needs its context window and both prices (else a 400
 * naming `models.N.<field>`) and is taken as a streaming chat model with tools and JSON output.
 */
export function overrideOfInput(model: ModelInput, listed: boolean, index: number): ModelOverride {
  if (!listed) {
    for (const field of ['contextWindow', 'inputPerMTok', 'outputPerMTok'] as const) {
      if (model[field] === undefined)
        throw gatewayError(
          400,
          'INVALID_REQUEST',
          `Invalid request body: models.${index}.${field}: "${model.id}" is not in the provider's catalog, so its context window and prices are needed`,
          { path: ['models', index, field] },
        );
    }
  }
  const pricing = {
    ...(model.inputPerMTok !== undefined && { inputPerMTok: model.inputPerMTok }),
    ...(model.outputPerMTok !== undefined && { outputPerMTok: model.outputPerMTok }),
  };
  return {
    ...(model.displayName !== undefined && { displayName: model.displayName }),
    ...(!listed && { kind: 'chat' as const, capabilities: NEW_MODEL_CAPABILITIES, maxOutputTokens: 4096 }),
    ...(model.contextWindow !== undefined && { contextWindow: model.contextWindow }),
    ...(model.maxOutputTokens !== undefined && { maxOutputTokens: model.maxOutputTokens }),
    ...(Object.keys(pricing).length > 0 && { pricing }),
  };
}

/** `edit` laid over a saved override (`null` removes a field); undefined when nothing is left. */
export function applyEdit(
  saved: ModelOverride | undefined,
  edit: ModelEdit,
  base: ModelInfo | undefined,
): ModelOverride | undefined {
  const next: ModelOverride = { ...saved, ...(saved?.pricing && { pricing: { ...saved.pricing } }) };
  const set = <K extends 'displayName' | 'contextWindow' | 'maxOutputTokens'>(
    key: K,
    value: ModelOverride[K] | null | undefined,
  ) => {
    if (value === null) delete next[key];
    else if (value !== undefined) next[key] = value;
  };
  set('displayName', edit.displayName);
  set('contextWindow', edit.contextWindow);
  set('maxOutputTokens', edit.maxOutputTokens);
  const pricing = { ...next.pricing };
  for (const [field, value] of [
    ['inputPerMTok', edit.inputPerMTok],
    ['outputPerMTok', edit.outputPerMTok],
    ['cachedInputPerMTok', edit.cachedInputPerMTok],
  ] as const) {
    if (value === null) {
      // a model the provider does not list keeps its prices: it has no others to go back to
      if (base) delete pricing[field];
    } else if (value !== undefined) pricing[field] = value;
  }
  if (Object.keys(pricing).length > 0) next.pricing = pricing;
  else delete next.pricing;
  return Object.keys(next).length > 0 ? next : undefined;
}
