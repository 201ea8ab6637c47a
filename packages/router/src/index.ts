/**
 * @pal/router: which (provider, model) serves each call, and where it goes when that one fails.
 * Strategies, fallback chains, load balancing and hedged requests over a `@pal/core` runtime,
 * behind the runtime's own client interface.
 * @packageDocumentation
 */
export { AUTO_MODEL, type Candidate, type CandidateSource } from './candidate.js';
export { DEFAULT_FALLBACK_ON } from './fallback-rules.js';
export type { HedgeOutcome } from './first-answer.js';
export type { HealthStatus } from './health.js';
export {
  createRouter,
  type RouteOptions,
  type Routed,
  type Router,
  type RoutingInfo,
  type TargetStatus,
} from './router.js';
export {
  PROVIDER_HINTS,
  type ProviderHint,
  type RouterOptions,
  type RoutingSettings,
  routingConfigSchema,
  type StrategyName,
  type SwitchRequest,
} from './router-options.js';
export type { Exclusion } from './screen.js';
export { EXPECTED_OUTPUT_TOKENS, expectedCostUsd } from './strategies/cost-optimized.js';
export { STRATEGIES } from './strategies/by-name.js';
export { rankBy, matches, type Strategy, type StrategyState } from './strategy.js';
export type { TargetSnapshot } from './target-stats.js';
