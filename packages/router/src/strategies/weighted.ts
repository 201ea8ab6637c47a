import type { Candidate } from '../candidate.js';
import { matches, rankBy, type Strategy } from '../strategy.js';

/** FNV-1a of a sticky key, as a number in [0, 1). */
function unitHash(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) / 2 ** 32;
}

/**
 * `weighted`: a percentage split (`routing.weights`, e.g. `{ "openai/gpt-4o": 70, "anthropic": 30 }`)
 * for A/B tests. The draw is the router's seeded random, or a hash of the call's `stickyKey` so one
 * user always lands on the same side; the other candidates follow by weight.
 */
export const weighted: Strategy = (_request, candidates, state) => {
  const weights = state.settings.weights ?? {};
  const weightOf = (c: Candidate) =>
    Object.entries(weights).find(([pattern]) => matches(pattern, c))?.[1] ?? 0;
  const total = candidates.reduce((sum, c) => sum + weightOf(c), 0);
  if (total <= 0) return candidates;
  let draw = (state.stickyKey === undefined ? state.random() : unitHash(state.stickyKey)) * total;
  let chosen: Candidate | undefined;
  for (const c of candidates) {
    draw -= weightOf(c);
    if (draw < 0 && weightOf(c) > 0) {
      chosen = c;
      break;
    }
  }
  return rankBy(candidates, (c) => (c === chosen ? Number.NEGATIVE_INFINITY : -weightOf(c)));
};
