export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** A half-open span of epoch ms, `[from, to)`. */
export interface Span {
  from: number;
  to: number;
}

/** How a time range is read: whole UTC hours from the hourly roll-up, the ragged edges from the ledger rows. */
export interface RangePlan {
  /** Hour-aligned; read from `usage_hourly`. */
  hours?: Span;
  /** At most two spans of under an hour each; read from `provider_usage` by its time index. */
  rows: Span[];
}

/**
 * Splits `[since, until)` so that a query touches at most two hours of ledger rows whatever the
 * range: the whole hours inside it come from the roll-up (a few rows per hour), the rest from the
 * ledger. `since` defaults to the beginning of time, `until` to the end of it.
 */
export function planRange(since: number | undefined, until: number | undefined): RangePlan {
  const from = since ?? 0;
  const to = until ?? Number.MAX_SAFE_INTEGER;
  if (to <= from) return { rows: [] };
  const firstHour = Math.ceil(from / HOUR_MS) * HOUR_MS;
  const lastHour = Math.floor(to / HOUR_MS) * HOUR_MS;
  if (firstHour >= lastHour) return { rows: [{ from, to }] };
  const rows: Span[] = [];
  if (from < firstHour) rows.push({ from, to: firstHour });
  if (lastHour < to) rows.push({ from: lastHour, to });
  return { hours: { from: firstHour, to: lastHour }, rows };
}

/** The UTC calendar month holding `time`: its start and end (epoch ms) and its key (`2026-01`). */
export function utcMonth(time: number): { start: number; end: number; key: string } {
  const date = new Date(time);
  const start = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  const end = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
  return { start, end, key: date.toISOString().slice(0, 7) };
}
