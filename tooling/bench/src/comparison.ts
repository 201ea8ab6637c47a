import { formatDelta, formatDuration, formatRate, formatRatio } from './format-figures.js';
import type { MeasuredTask } from './side-by-side.js';
import { renderTextTable } from './text-table.js';

/** One benchmark's outcome: tasks measured side by side, the first being the baseline. */
export interface Comparison {
  title: string;
  /** What one timed operation is, e.g. "one chat call". */
  operation: string;
  /** The measured tasks, baseline first. */
  rows: MeasuredTask[];
  /** Plain-language conclusions printed under the table. */
  findings: string[];
}

/**
 * A task's median latency divided by the baseline's. Medians, not means: on a shared machine a few
 * calls stalled by other processes move a mean far more than they move a median.
 */
export function ratioToBaseline(comparison: Comparison, row: MeasuredTask): number {
  return row.stats.p50Ms / baselineOf(comparison).stats.p50Ms;
}

/** Median latency of `row` minus the baseline's, in milliseconds. */
export function deltaToBaseline(comparison: Comparison, row: MeasuredTask): number {
  return row.stats.p50Ms - baselineOf(comparison).stats.p50Ms;
}

function baselineOf(comparison: Comparison): MeasuredTask {
  const baseline = comparison.rows[0];
  if (!baseline) throw new Error(`Comparison "${comparison.title}" has no rows`);
  return baseline;
}

/**
 * The comparison as text: title, what one operation is, a table (ops/s, mean and its 95% margin,
 * median, p99, ratio and difference of medians to the baseline, sample count) and the findings.
 */
export function renderComparison(comparison: Comparison): string {
  const rows = comparison.rows.map((row, index) => [
    row.name,
    formatRate(row.stats.opsPerSec),
    formatDuration(row.stats.meanMs),
    `±${row.stats.rmePercent.toFixed(1)}%`,
    formatDuration(row.stats.p50Ms),
    formatDuration(row.stats.p99Ms),
    index === 0 ? 'baseline' : formatRatio(ratioToBaseline(comparison, row)),
    index === 0 ? '' : formatDelta(deltaToBaseline(comparison, row)),
    row.stats.samples.toLocaleString('en-US'),
  ]);
  const table = renderTextTable(
    ['task', 'ops/s', 'mean', '±', 'median', 'p99', 'ratio', 'Δ median', 'samples'],
    rows,
    ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    '  ',
  );
  return [
    comparison.title,
    `  one op = ${comparison.operation}`,
    table,
    ...comparison.findings.map((line) => `  → ${line}`),
  ].join('\n');
}
