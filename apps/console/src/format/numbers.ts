/** A token count for people: `128K`, `1M`, `2,048`. */
export function tokens(count: number | undefined): string {
  if (count === undefined) return '—';
  if (count >= 1_000_000 && count % 100_000 === 0) return `${count / 1_000_000}M`;
  if (count >= 10_000 && count % 1000 === 0) return `${count / 1000}K`;
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
