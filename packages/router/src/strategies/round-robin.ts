import type { Strategy } from '../strategy.js';

/** `round_robin`: each call starts one further along the candidates (the rest follow in order). */
export const roundRobin: Strategy = (_request, candidates, state) => {
  if (candidates.length < 2) return candidates;
  const turn = state.turn(candidates.map((c) => c.ref).join(',')) % candidates.length;
  return [...candidates.slice(turn), ...candidates.slice(0, turn)];
};
