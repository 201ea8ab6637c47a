import { rankBy, type Strategy } from '../strategy.js';
import { roundRobin } from './round-robin.js';

/** `least_connections`: the target with the fewest of this router's calls in flight first; ties take turns. */
export const leastConnections: Strategy = async (request, candidates, state) =>
  rankBy(await roundRobin(request, candidates, state), (c) => state.stats.inFlight(c.ref));
