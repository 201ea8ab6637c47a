/** A token count for people, rounded from 10,000 up: `128K`, `1M`, `1.05M`, `2,048`. */
export function tokens(count: number | undefined): string {
  if (count === undefined) return '—';
  if (count >= 1_000_000) return `${Number((count / 1_000_000).toFixed(2))}M`;
  if (count >= 10_000) return `${Math.round(count / 1000)}K`;
  return count.toLocaleString('en-US');
}

/** A share as a whole percentage (`80 %`). */
export function percent(share: number): string {
  return `${Math.round(share * 100)} %`;
}

/** Milliseconds for people: `840 ms`, `2.3 s`. */
export function duration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
