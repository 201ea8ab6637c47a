/** Summary statistics of one benchmark task's latency samples. */
export interface SampleStats {
  /** How many timed calls the figures come from. */
  samples: number;
  /** Mean latency in milliseconds. */
  meanMs: number;
  /** Median latency in milliseconds. */
  p50Ms: number;
  /** 90th-percentile latency in milliseconds. */
  p90Ms: number;
  /** 99th-percentile latency in milliseconds. */
  p99Ms: number;
  /** Calls per second at the mean latency (one call at a time). */
  opsPerSec: number;
  /** Half-width of the mean's 95% confidence interval, in percent of the mean (normal approximation). */
  rmePercent: number;
}

/**
 * Mean, median, p90, p99 and throughput of latency samples in milliseconds (percentiles by linear
 * interpolation between the nearest ranks). Throws on an empty sample set: a task that never ran
 * has no figures to report.
 */
export function sampleStats(samplesMs: readonly number[]): SampleStats {
  if (samplesMs.length === 0) throw new Error('sampleStats: no samples');
  const sorted = Float64Array.from(samplesMs).sort();
  let sum = 0;
  for (const sample of sorted) sum += sample;
  const meanMs = sum / sorted.length;
  let squares = 0;
  for (const sample of sorted) squares += (sample - meanMs) ** 2;
  const sd = sorted.length > 1 ? Math.sqrt(squares / (sorted.length - 1)) : 0;
  return {
    samples: sorted.length,
    meanMs,
    p50Ms: quantile(sorted, 0.5),
    p90Ms: quantile(sorted, 0.9),
    p99Ms: quantile(sorted, 0.99),
    opsPerSec: meanMs > 0 ? 1000 / meanMs : Number.POSITIVE_INFINITY,
    rmePercent: meanMs > 0 ? (100 * 1.96 * sd) / Math.sqrt(sorted.length) / meanMs : 0,
  };
}

function quantile(sorted: Float64Array, q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  const lower = sorted[below] ?? 0;
  const upper = sorted[above] ?? lower;
  return lower + (upper - lower) * (position - below);
}
