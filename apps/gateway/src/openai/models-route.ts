import type { ModelListing } from '@pal/core';
import type { Hono } from 'hono';
import type { GatewayDeps } from '../gateway.js';
import { gatewayFailure, GatewayFailureError } from '../http/gateway-error.js';

/**
 * `GET /v1/models` (and `GET /v1/models/{provider/model}`): the registry's merged catalog of the
 * enabled providers (config overrides applied) in OpenAI's list shape, ids as `provider/model`.
 * Catalogs carry no release date, so `created` is when this gateway started. Each model has a
 * `pal` field: kind, context window, most output tokens, USD prices per million tokens and
 * capabilities.
 */
export function registerModels(app: Hono, deps: GatewayDeps): void {
  const created = Math.floor(Date.now() / 1000);
  app.get('/v1/models', (c) =>
    c.json({
      object: 'list',
      data: deps.runtime.registry.listModels().map((m) => toOpenAIModel(m, created)),
    }),
  );
  app.get('/v1/models/:id{.+}', (c) => {
    const id = c.req.param('id');
    const found = deps.runtime.registry.getModelInfo(id);
    if (!found || (found.ref !== id && found.id !== id) || !deps.runtime.registry.isEnabled(found.provider)) {
      const failure = gatewayFailure(
        404,
        'MODEL_NOT_FOUND',
        `The model "${id}" is not in the gateway's catalog`,
        {
          path: ['model'],
        },
      );
      throw new GatewayFailureError(failure.status, failure.error);
    }
    return c.json(toOpenAIModel(found, created));
  });
}

function toOpenAIModel(model: ModelListing, created: number) {
  const { pricing } = model;
  return {
    id: model.ref,
    object: 'model' as const,
    created,
    owned_by: model.provider,
    pal: {
      display_name: model.displayName,
      kind: model.kind,
      context_window: model.contextWindow,
      max_output_tokens: model.maxOutputTokens,
      ...(pricing
        ? {
            pricing_per_mtok_usd: {
              input: pricing.inputPerMTok,
              output: pricing.outputPerMTok,
              ...(pricing.cachedInputPerMTok !== undefined && { cached_input: pricing.cachedInputPerMTok }),
              ...(pricing.cacheWritePerMTok !== undefined && { cache_write: pricing.cacheWritePerMTok }),
              ...(pricing.cacheWrite1hPerMTok !== undefined && {
                cache_write_1h: pricing.cacheWrite1hPerMTok,
              }),
              ...(pricing.reasoningPerMTok !== undefined && { reasoning: pricing.reasoningPerMTok }),
              ...(pricing.perImage !== undefined && { per_image: pricing.perImage }),
              ...(pricing.tiers && {
                tiers: pricing.tiers.map(({ aboveInputTokens, inputPerMTok, outputPerMTok }) => ({
                  above_input_tokens: aboveInputTokens,
                  input: inputPerMTok,
                  output: outputPerMTok,
                })),
              }),
              ...(pricing.changes && {
                changes: pricing.changes.map(({ from, inputPerMTok, outputPerMTok }) => ({
                  from,
                  input: inputPerMTok,
                  output: outputPerMTok,
                })),
              }),
            },
          }
        : { unpriced: true }),
      capabilities: model.capabilities,
      ...(model.dimensions !== undefined && { dimensions: model.dimensions }),
      ...(model.deprecated && { deprecated: true }),
    },
  };
}
