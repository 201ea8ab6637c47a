import { usd } from '../format/money.js';

/** The tokens of one run, for pricing a model choice. */
export interface RunSize {
  inputTokens: number;
  outputTokens: number;
  /** Where the size comes from, for the sentence under the picker. */
  basis: 'average' | 'default';
}

/** What a run is taken to use before there is any history: 10K tokens in, 2K out. */
export const DEFAULT_RUN: RunSize = { inputTokens: 10_000, outputTokens: 2_000, basis: 'default' };

/** How many calls it takes before their average stands for a typical run. */
export const CALLS_FOR_AN_AVERAGE = 20;

/** The average call so far (from the usage totals) once there are enough of them, else {@link DEFAULT_RUN}. */
export function typicalRun(totals: { calls: number; inputTokens: number; outputTokens: number }[]): RunSize {
  const calls = totals.reduce((sum, t) => sum + t.calls, 0);
  if (calls < CALLS_FOR_AN_AVERAGE) return DEFAULT_RUN;
  const input = totals.reduce((sum, t) => sum + t.inputTokens, 0);
  const output = totals.reduce((sum, t) => sum + t.outputTokens, 0);
  if (input + output === 0) return DEFAULT_RUN;
  return {
    inputTokens: Math.round(input / calls),
    outputTokens: Math.round(output / calls),
    basis: 'average',
  };
}

/** Prices per million tokens; either may be unknown. */
export interface Prices {
  inputPerMTok?: number;
  outputPerMTok?: number;
}

/** The USD one run costs at `prices`, or undefined when a price is unknown. */
export function runCost(run: RunSize, prices: Prices | undefined): number | undefined {
  if (prices?.inputPerMTok === undefined || prices.outputPerMTok === undefined) return undefined;
  return (run.inputTokens * prices.inputPerMTok + run.outputTokens * prices.outputPerMTok) / 1_000_000;
}

/**
 * Seed 003's switch sentence: "~$0.05 more per run", "~$0.01 less per run", "about the same per
 * run", or undefined when either model is unpriced.
 */
export function switchCostText(
  run: RunSize,
  from: Prices | undefined,
  to: Prices | undefined,
): string | undefined {
  const before = runCost(run, from);
  const after = runCost(run, to);
  if (before === undefined || after === undefined) return undefined;
  const diff = after - before;
  if (Math.abs(diff) < 0.000_001) return 'about the same per run';
  return `~${usd(Math.abs(diff))} ${diff > 0 ? 'more' : 'less'} per run`;
}
