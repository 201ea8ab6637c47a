/** A duration given in milliseconds, in the unit that reads best: `850 ns`, `12.4 µs`, `3.10 ms`, `1.20 s`. */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 0.001) return `${threeDigits(ms * 1e6)} ns`;
  if (abs < 1) return `${threeDigits(ms * 1e3)} µs`;
  if (abs < 1000) return `${threeDigits(ms)} ms`;
  return `${threeDigits(ms / 1000)} s`;
}

/** A signed duration difference: `+1.20 µs`, `-350 µs`. */
export function formatDelta(ms: number): string {
  return `${ms < 0 ? '-' : '+'}${formatDuration(Math.abs(ms))}`;
}

/** Operations per second with thousands separators: `1,234,567`, `812`, `3.5`. */
export function formatRate(perSec: number): string {
  if (!Number.isFinite(perSec)) return '∞';
  if (perSec >= 100) return Math.round(perSec).toLocaleString('en-US');
  return threeDigits(perSec);
}

/** A ratio of two durations: `1.00×`, `1.04×`, `0.031×`, `27.5×`. */
export function formatRatio(ratio: number): string {
  if (ratio >= 10) return `${ratio.toFixed(1)}×`;
  if (ratio >= 0.1) return `${ratio.toFixed(2)}×`;
  return `${ratio.toPrecision(2)}×`;
}

/** A fractional change as a signed percentage: `+3.1%`, `-0.4%`. */
export function formatPercent(fraction: number): string {
  const percent = fraction * 100;
  return `${percent < 0 ? '-' : '+'}${Math.abs(percent).toFixed(1)}%`;
}

/** Three significant digits without exponent notation: `850`, `12.4`, `3.10`, `0.0123`. */
function threeDigits(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toPrecision(3);
}
