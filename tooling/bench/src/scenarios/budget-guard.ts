import { createRuntime } from '@pal/core';
import type { Comparison } from '../comparison.js';
import { deltaToBaseline, ratioToBaseline } from '../comparison.js';
import { formatDuration, formatRate, formatRatio } from '../format-figures.js';
import { BENCH_INPUT, forgetCalls, scriptedBenchAdapter } from '../scripted-bench-adapter.js';
import { type MeasuredTask, type MeasureOptions, measureSideBySide } from '../side-by-side.js';

/** Calls in flight at once in one timed operation. */
export const CONCURRENT_CALLS = 1_000;

/**
 * What the budget guard costs under load: {@link CONCURRENT_CALLS} chat calls started at once through
 * the scripted adapter, with a global daily and monthly budget (each call reserves its worst-case
 * cost in both counters, then settles the actual) and without one.
 */
export async function benchBudgetGuard(options: MeasureOptions): Promise<Comparison[]> {
  const adapter = scriptedBenchAdapter();
  const plain = createRuntime({ providers: [adapter] });
  const guarded = createRuntime({
    providers: [adapter],
    policies: { budget: { global: { dailyUsd: 1_000_000, monthlyUsd: 1_000_000 } } },
  });
  const burst = (runtime: typeof plain) => () =>
    Promise.all(Array.from({ length: CONCURRENT_CALLS }, () => runtime.chat(BENCH_INPUT)));
  const forget = () => forgetCalls(adapter);

  const comparison: Comparison = {
    title: `4. Budget guard: ${CONCURRENT_CALLS.toLocaleString('en-US')} concurrent calls (scripted adapter, in process)`,
    operation: `${CONCURRENT_CALLS.toLocaleString('en-US')} runtime.chat calls started together, until all settle`,
    rows: await measureSideBySide(
      [
        { name: 'no budget (default)', fn: burst(plain), afterEach: forget },
        { name: 'budget guard on', fn: burst(guarded), afterEach: forget },
      ],
      options,
    ),
    findings: [],
  };
  const [offRow, onRow] = comparison.rows as [MeasuredTask, MeasuredTask];
  const callsPerSec = (row: MeasuredTask) => (CONCURRENT_CALLS * 1000) / row.stats.p50Ms;
  comparison.findings.push(
    `With the guard on: ${formatRate(callsPerSec(onRow))} calls/s reserved and settled (2 counters each), vs ${formatRate(callsPerSec(offRow))} calls/s without (${formatRatio(ratioToBaseline(comparison, onRow))}, ${formatDuration(deltaToBaseline(comparison, onRow) / CONCURRENT_CALLS)} per call; median bursts).`,
  );
  await Promise.all([plain.close(), guarded.close()]);
  return [comparison];
}
