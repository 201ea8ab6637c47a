const BARS = '▁▂▃▄▅▆▇█';

/** A one-line trend of `values`, lowest ▁ to highest █ (all ▁ when they are equal). */
export function sparkline(values: readonly number[]): string {
  const min = Math.min(...values);
  const span = Math.max(...values) - min;
  return values
    .map((v) => BARS[span === 0 ? 0 : Math.round(((v - min) / span) * (BARS.length - 1))])
    .join('');
}
