import type { Capability } from '../contracts/model-info.js';
import { computeCost } from '../accounting/cost.js';
import type {
  ModelListing,
  ModelQuery,
  ModelRecommendation,
  RecommendationTask,
  RecommendOptions,
} from './types.js';

/** The models in `listings` that pass every filter of `query`. */
export function filterModels(listings: readonly ModelListing[], query: ModelQuery = {}): ModelListing[] {
  return listings.filter(
    (m) =>
      (query.includeDeprecated || !m.deprecated) &&
      (query.provider === undefined || m.provider === query.provider) &&
      (query.kind === undefined || m.kind === query.kind) &&
      (query.minContext === undefined || m.contextWindow >= query.minContext) &&
      (query.maxInputPricePerMTok === undefined ||
        (m.pricing !== undefined && m.pricing.inputPerMTok <= query.maxInputPricePerMTok)) &&
      (query.capabilities ?? []).every((capability) => m.capabilities[capability] === true),
  );
}

/** The capabilities and model kind a task implies. */
function taskQuery(task: RecommendationTask | undefined): {
  kind: ModelListing['kind'];
  needs: Capability[];
} {
  switch (task) {
    case 'embedding':
      return { kind: 'embedding', needs: ['embeddings'] };
    case 'reasoning':
      return { kind: 'chat', needs: ['reasoning'] };
    case 'vision':
      return { kind: 'chat', needs: ['vision'] };
    case 'tools':
      return { kind: 'chat', needs: ['tools'] };
    case 'json':
      return { kind: 'chat', needs: ['json'] };
    default:
      return { kind: 'chat', needs: [] };
  }
}

/**
 * Picks, among `listings` (in preference order), the cheapest model that has the needed
 * capabilities, a context window that holds the estimated tokens and an estimated cost
 * within `budgetUsd`; for `task: 'quality'` the priciest that fits. Ties keep listing order.
 */
export function pickModel(
  listings: readonly ModelListing[],
  options: RecommendOptions = {},
): ModelRecommendation | undefined {
  const inputTokens = options.estimatedInputTokens ?? 1000;
  const outputTokens = options.estimatedOutputTokens ?? 500;
  const { kind, needs } = taskQuery(options.task);
  const candidates = filterModels(listings, {
    kind,
    capabilities: [...new Set([...needs, ...(options.needs ?? [])])],
    minContext: inputTokens + (kind === 'embedding' ? 0 : outputTokens),
  })
    // a chat model must be able to write the expected answer (0 means the catalog does not say)
    .filter((m) => kind === 'embedding' || m.maxOutputTokens === 0 || m.maxOutputTokens >= outputTokens)
    // ranked by cost: a model no price source knows cannot be ranked (it is not free)
    .filter((m) => m.pricing !== undefined)
    .map((model) => ({
      model,
      estimatedCostUsd: computeCost(
        {
          inputTokens,
          outputTokens: kind === 'embedding' ? 0 : outputTokens,
          totalTokens: inputTokens + outputTokens,
        },
        model.pricing,
      ).totalUsd,
    }))
    .filter((c) => options.budgetUsd === undefined || c.estimatedCostUsd <= options.budgetUsd);
  if (candidates.length === 0) return undefined;
  const direction = options.task === 'quality' ? -1 : 1;
  return candidates.reduce((best, c) =>
    direction * (c.estimatedCostUsd - best.estimatedCostUsd) < 0 ? c : best,
  );
}
