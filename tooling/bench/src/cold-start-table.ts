import { formatDelta, formatDuration, formatRatio } from './format-figures.js';
import type { SampleStats } from './sample-stats.js';
import { renderTextTable } from './text-table.js';

/** One contender's cold-start samples (one per fresh process). */
export interface ColdStartRow {
  name: string;
  stats: SampleStats;
  /** CPU time (user + system) each process used up to the same point, when measured. */
  cpu?: SampleStats;
}

/** A cold-start benchmark's outcome: contenders measured in the same interleaved runs, the first being the baseline. */
export interface ColdStartTable {
  kind: 'cold-start';
  title: string;
  /** What one sample is, e.g. "a fresh node process: import, create the client, one chat call". */
  operation: string;
  rows: ColdStartRow[];
  findings: string[];
}

/** The row's median over the baseline's (first row's) median. */
export function coldRatio(table: ColdStartTable, row: ColdStartRow): number {
  const baseline = table.rows[0];
  if (!baseline) throw new Error(`Cold-start table "${table.title}" has no rows`);
  return row.stats.p50Ms / baseline.stats.p50Ms;
}

/**
 * The table as text: title, what one sample is, one line per contender (runs, median, p90, mean, ratio
 * and difference of medians to the baseline, then the CPU-time median and its ratio when measured)
 * and the findings. Percentiles rather than ops/s: each sample is a whole process, and there are tens
 * of them, not thousands.
 */
export function renderColdStart(table: ColdStartTable): string {
  const baseline = table.rows[0];
  const withCpu = table.rows.every((row) => row.cpu);
  const rows = table.rows.map((row, index) => [
    row.name,
    String(row.stats.samples),
    formatDuration(row.stats.p50Ms),
    formatDuration(row.stats.p90Ms),
    formatDuration(row.stats.meanMs),
    index === 0 ? 'baseline' : formatRatio(coldRatio(table, row)),
    index === 0 || !baseline ? '' : formatDelta(row.stats.p50Ms - baseline.stats.p50Ms),
    ...(withCpu && row.cpu && baseline?.cpu
      ? [
          formatDuration(row.cpu.p50Ms),
          index === 0 ? 'baseline' : formatRatio(row.cpu.p50Ms / baseline.cpu.p50Ms),
        ]
      : []),
  ]);
  const text = renderTextTable(
    [
      'task',
      'runs',
      'median',
      'p90',
      'mean',
      'ratio',
      'Δ median',
      ...(withCpu ? ['CPU median', 'CPU ratio'] : []),
    ],
    rows,
    ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    '  ',
  );
  return [
    table.title,
    `  one run = ${table.operation}`,
    text,
    ...table.findings.map((line) => `  → ${line}`),
  ].join('\n');
}
