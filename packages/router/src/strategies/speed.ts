import { rankBy, type Strategy } from '../strategy.js';

/**
 * `speed`: the fastest target first by the EWMA of its latency (time to first token for
 * streams). A target not measured yet goes first so it gets measured; a share of calls
 * (`speed.explore`, default 5 %) goes to a random target so a slow one that recovered is seen again.
 */
export const speed: Strategy = (_request, candidates, state) => {
  const streaming = state.operation === 'stream';
  const ranked = rankBy(candidates, (c) => state.stats.speedOf(c.ref, streaming) ?? -1);
  if (ranked.length > 1 && state.random() < state.settings.explore) {
    const pick = Math.floor(state.random() * ranked.length);
    const [explored] = ranked.splice(pick, 1);
    if (explored) ranked.unshift(explored);
  }
  return ranked;
};
