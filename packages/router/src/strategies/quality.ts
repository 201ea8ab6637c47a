import { matches, rankBy, type Strategy } from '../strategy.js';

/**
 * `quality`: the candidates in the order of the configured ranking (`routing.quality`: refs,
 * provider ids or `*` patterns, best first); the ones it does not name after them, the priciest
 * output first (price is the catalog's only vendor-neutral sign of a model tier).
 */
export const quality: Strategy = (_request, candidates, state) => {
  const ranking = state.settings.quality ?? [];
  const outputPrices = candidates.map((c) => c.model?.pricing?.outputPerMTok ?? 0);
  const top = Math.max(0, ...outputPrices) + 1;
  return rankBy(candidates, (c) => {
    const rank = ranking.findIndex((pattern) => matches(pattern, c));
    return rank >= 0 ? rank - ranking.length : top - (c.model?.pricing?.outputPerMTok ?? 0);
  });
};
