import type { ChatRequestInput, EmbedRequestInput, Estimate } from '@pal/core';
import type { Candidate } from './candidate.js';
import type { TargetStats } from './target-stats.js';

/** What a strategy may read to order the candidates of one call. */
export interface StrategyState {
  /** The operation routed: streams rank by time to first token. */
  readonly operation: 'chat' | 'stream' | 'embed';
  /** The router's per-target statistics (latency EWMAs, calls in flight). */
  readonly stats: Pick<TargetStats, 'speedOf' | 'inFlight' | 'percentile' | 'snapshot'>;
  /** The kernel's estimate per candidate ref (chat and stream calls with more than one candidate). */
  readonly estimates: ReadonlyMap<string, Estimate>;
  /** The router's seeded random numbers in [0, 1). */
  random(): number;
  /** A turn counter per key (round robin): 0, 1, 2, … */
  turn(key: string): number;
  /** The call's sticky key (`stickyKey` option, e.g. a user id) for `weighted`. */
  readonly stickyKey?: string;
  /** The router's settings the built-in strategies read. */
  readonly settings: {
    readonly weights?: Readonly<Record<string, number>>;
    readonly quality?: readonly string[];
    readonly explore: number;
  };
}

/**
 * Orders the candidates of a call, best first; candidates it leaves out are not tried. The
 * request's own `provider/model` is kept first whatever a strategy returns.
 * @example
 * const cheapestFirst: Strategy = (request, candidates, state) =>
 *   [...candidates].sort((a, b) => (state.estimates.get(a.ref)?.maxUsd ?? 0) - (state.estimates.get(b.ref)?.maxUsd ?? 0));
 */
export type Strategy = (
  request: ChatRequestInput | EmbedRequestInput,
  candidates: readonly Candidate[],
  state: StrategyState,
) => readonly Candidate[] | Promise<readonly Candidate[]>;

/** A stable sort (ties keep the order given). */
export function rankBy(
  candidates: readonly Candidate[],
  score: (candidate: Candidate) => number,
): Candidate[] {
  return candidates
    .map((candidate, index) => ({ candidate, index, score: score(candidate) }))
    .sort((a, b) => a.score - b.score || a.index - b.index)
    .map(({ candidate }) => candidate);
}

/** Whether `pattern` (`provider/model`, a provider id, `*` wildcards) names the candidate. */
export function matches(pattern: string, candidate: Candidate): boolean {
  if (!pattern.includes('/') && !pattern.includes('*')) return candidate.provider === pattern;
  const regex = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`);
  return regex.test(candidate.ref);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}
