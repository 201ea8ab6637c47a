import type { ProviderHint, StrategyName } from '../router-options.js';
import type { Strategy } from '../strategy.js';
import { costOptimized } from './cost-optimized.js';
import { leastConnections } from './least-connections.js';
import { cloudFirst, localFirst } from './local-first.js';
import { quality } from './quality.js';
import { roundRobin } from './round-robin.js';
import { speed } from './speed.js';
import { weighted } from './weighted.js';

/** The built-in strategies, by the names config files use. */
export const STRATEGIES: Readonly<Record<StrategyName, Strategy>> = {
  local_first: localFirst,
  cost_optimized: costOptimized,
  quality,
  speed,
  round_robin: roundRobin,
  least_connections: leastConnections,
  weighted,
};

/** What each provider hint means by default (`hints` in the options maps them elsewhere). */
export const HINT_STRATEGIES: Readonly<Record<ProviderHint, Strategy>> = {
  local_preferred: localFirst,
  cloud_preferred: cloudFirst,
  best_quality: quality,
  cheapest: costOptimized,
};

/** Candidates in the order given (no strategy configured). */
export const inOrder: Strategy = (_request, candidates) => candidates;
