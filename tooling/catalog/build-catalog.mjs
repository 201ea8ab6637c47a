/**
 * Builds one provider catalog from three sources:
 * - prices: `@pydantic/genai-prices` (see price-source.mjs), converted by @pal/core's
 *   `pricingFromPriceData` — the same code that converts a live price refresh at run time;
 * - context windows and capabilities: the LiteLLM table in ./data (see data/SOURCE.md), else the
 *   price data's context window;
 * - the provider's checked-in overrides (`catalog/*.json`), checked against the vendors' docs.
 */

/** The LiteLLM snapshot in ./data (context windows, capabilities; see data/SOURCE.md). */
export const LITELLM_SNAPSHOT = 'BerriAI/litellm model_prices_and_context_window.json @ be9f2e0 (2025-11-21)';

/** USD per image from a LiteLLM image entry (per image, or per pixel × the key's size). */
function perImage(entry, key) {
  if (typeof entry.output_cost_per_image === 'number') return entry.output_cost_per_image;
  if (typeof entry.input_cost_per_image === 'number') return entry.input_cost_per_image;
  const size = /(\d+)-x-(\d+)/.exec(key);
  if (size && typeof entry.input_cost_per_pixel === 'number') {
    return Math.round(entry.input_cost_per_pixel * Number(size[1]) * Number(size[2]) * 1e6) / 1e6;
  }
  return undefined;
}

function kindOf(mode) {
  if (mode === 'embedding') return 'embedding';
  if (mode === 'image_generation') return 'image';
  return 'chat';
}

/** What the LiteLLM table says of a model, prices aside (those come from the price data). */
function fromLiteLlm(entry, key, dataDate) {
  const kind = kindOf(entry.mode);
  const image = kind === 'image' ? perImage(entry, key) : undefined;
  return {
    kind,
    contextWindow: entry.max_input_tokens ?? entry.max_tokens ?? 4096,
    maxOutputTokens: kind === 'chat' ? (entry.max_output_tokens ?? entry.max_tokens ?? 4096) : 0,
    capabilities: {
      streaming: kind === 'chat',
      tools: kind === 'chat' && entry.supports_function_calling === true,
      vision: kind === 'chat' && entry.supports_vision === true,
      json: kind === 'chat' && entry.supports_response_schema === true,
      embeddings: kind === 'embedding',
      reasoning: entry.supports_reasoning === true,
      imageGeneration: kind === 'image',
    },
    // image models are priced per image; the price data has no per-image prices
    ...(image !== undefined && { imagePrice: image }),
    ...(typeof entry.output_vector_size === 'number' && { dimensions: entry.output_vector_size }),
    ...(entry.deprecation_date && { deprecated: new Date(entry.deprecation_date) <= new Date(dataDate) }),
  };
}

/**
 * Builds a provider catalog (not yet validated).
 * @param {{
 *   provider: string,
 *   litellm: Record<string, any>,
 *   priceData: any[],
 *   priceSource: { package: string, version: string, dataDate: string },
 *   core: { findPriceModel: Function, pricingFromPriceData: Function },
 *   overrides: { prices?: string, source?: string, models: Record<string, any> },
 *   overridesPath: string,
 * }} input
 * overrides.json: `prices` is the genai-prices provider id the models are priced from (none for
 * local models); each model may give `litellmKey` (its LiteLLM entry), `priceId` (the id to look up
 * in the price data when it is not the model id), `pricing` (replaces the price data's, with a
 * `priceNote` saying why), `unpriced: true` (the price data does not list it: no price is guessed),
 * and any ModelInfo field to override. Models given `pricing` or `priceId` are listed in the
 * catalog's `prices.pinned`: a live price refresh, which looks models up by their own id, leaves them.
 */
export function buildCatalog({ provider, litellm, priceData, priceSource, core, overrides, overridesPath }) {
  const at = new Date(`${priceSource.dataDate}T00:00:00Z`);
  // models priced by hand or under another id: a live price refresh leaves them as they are
  const pinned = [];
  const models = Object.entries(overrides.models).map(([id, override]) => {
    const { litellmKey, priceId, unpriced, priceNote: _note, capabilities, pricing, ...fields } = override;
    let base = {};
    if (litellmKey !== undefined) {
      const entry = litellm[litellmKey];
      if (!entry) throw new Error(`${provider}/${id}: "${litellmKey}" is not in the LiteLLM table`);
      base = fromLiteLlm(entry, litellmKey, priceSource.dataDate);
    }
    const { imagePrice, ...known } = base;
    let priced = pricing;
    let listed;
    if ((pricing !== undefined || priceId !== undefined) && overrides.prices !== undefined) pinned.push(id);
    if (priced === undefined && imagePrice !== undefined) {
      // PAL prices image models per image; the price data has token prices for them only
      priced = { inputPerMTok: 0, outputPerMTok: 0, perImage: imagePrice };
    } else if (priced === undefined && !unpriced && overrides.prices !== undefined) {
      listed = core.findPriceModel(priceData, overrides.prices, priceId ?? id);
      if (listed) priced = core.pricingFromPriceData(listed, at);
      else {
        throw new Error(
          `${provider}/${id}: ${priceSource.package} ${priceSource.version} has no price for "${priceId ?? id}" at provider "${overrides.prices}" (give "priceId", or "pricing" for a model it does not list)`,
        );
      }
    }
    return {
      id,
      displayName: listed?.name ?? id,
      ...(listed?.context_window !== undefined && { contextWindow: listed.context_window }),
      ...known,
      ...(listed?.deprecated === true && { deprecated: true }),
      ...fields,
      capabilities: { ...known.capabilities, ...capabilities },
      ...(priced !== undefined && { pricing: priced }),
    };
  });
  const pricedFrom = overrides.prices
    ? `prices: ${priceSource.package} ${priceSource.version} (data of ${priceSource.dataDate}, provider "${overrides.prices}")`
    : 'prices: local models, free';
  return {
    provider,
    source: `${pricedFrom}; context windows and capabilities: ${LITELLM_SNAPSHOT} + ${overridesPath}${overrides.source ? ` (${overrides.source})` : ''}`,
    generatedAt: priceSource.dataDate,
    ...(overrides.prices && {
      prices: {
        source: priceSource.package,
        version: priceSource.version,
        dataDate: priceSource.dataDate,
        provider: overrides.prices,
        ...(pinned.length > 0 && { pinned }),
      },
    }),
    models,
  };
}

/** The TypeScript module written to `src/catalog.generated.ts`. */
export function renderCatalogModule(catalog) {
  return `// Generated by tooling/catalog/generate.mjs. Do not edit: change catalog/overrides.json and regenerate.
// Source: ${catalog.source}
import type { ModelCatalog } from '@pal/core';

/** The ${catalog.provider} model catalog: context windows, capabilities and prices (USD per 1M tokens). */
export const catalog: ModelCatalog = ${JSON.stringify(catalog, null, 2)};
`;
}
