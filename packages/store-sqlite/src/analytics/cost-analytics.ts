import type { StoreContext } from '../store-context.js';
import { DAY_MS, HOUR_MS, planRange, utcMonth } from './time-range.js';

/** A time range, epoch ms: `since` inclusive, `until` exclusive; either may be left open. */
export interface TimeRange {
  since?: number;
  until?: number;
}

/** What a group of ledger rows adds up to. */
export interface UsageTotals {
  /** USD. */
  costUsd: number;
  calls: number;
  inputTokens: number;
  outputTokens: number;
}

/** Cost of one provider over a range. */
export interface ProviderCost extends UsageTotals {
  provider: string;
}

/** Cost of one model over a range. */
export interface ModelCost extends UsageTotals {
  provider: string;
  model: string;
}

/** What `projectedMonthlySpend` answers. */
export interface MonthlyProjection {
  /** The UTC month, `2026-01`. */
  month: string;
  /** Spent from the start of the month until `now`, USD. */
  monthToDateUsd: number;
  /** Where the month ends at the month-to-date pace, USD. */
  projectedUsd: number;
  /** Days of the month gone by `now` (fractional). */
  elapsedDays: number;
  daysInMonth: number;
  /** "You're on track for $12.34 this month" (seed 003's wording). */
  message: string;
}

/** One bucket of a time series (empty buckets included, as zeros). */
export interface UsageBucket extends UsageTotals {
  /** Epoch ms of the bucket's start (a UTC hour or day). */
  start: number;
}

/** Spend of one run (calls sharing `metadata.runId`). */
export interface RunCost extends UsageTotals {
  runId: string;
  firstAt: number;
  lastAt: number;
}

interface TotalsRow {
  calls: number;
  input: number;
  output: number;
  cost: number;
}

const SUMS_HOURLY =
  'SUM(calls) AS calls, SUM(input_tokens) AS input, SUM(output_tokens) AS output, SUM(cost) AS cost';
const SUMS_ROWS =
  'COUNT(*) AS calls, SUM(input_tokens) AS input, SUM(output_tokens) AS output, SUM(cost) AS cost';

/**
 * The seed's analytics over the usage ledger: cost by provider and by model, this month's spend
 * and where it is heading, a time series for charts and the dearest runs. Each reads the hourly and
 * per-run roll-ups the ledger keeps with every batch, plus at most two hours of ledger rows at a
 * range's ragged edges, so it stays fast over millions of rows. Pending ledger rows are written
 * first (`beforeRead`), so the answers include every call recorded so far.
 */
export class CostAnalytics {
  readonly #ctx: StoreContext;
  readonly #beforeRead: () => void;

  constructor(ctx: StoreContext, beforeRead: () => void) {
    this.#ctx = ctx;
    this.#beforeRead = beforeRead;
  }

  /** Cost, calls and tokens per provider over `range`, dearest first. */
  costByProvider(range: TimeRange = {}): ProviderCost[] {
    return this.#grouped(range, ['provider_id'], (key, totals) => ({ provider: key[0]!, ...totals }));
  }

  /** Cost, calls and tokens per provider and model over `range`, dearest first. */
  costByModel(range: TimeRange = {}): ModelCost[] {
    return this.#grouped(range, ['provider_id', 'model'], (key, totals) => ({
      provider: key[0]!,
      model: key[1]!,
      ...totals,
    }));
  }

  /** USD spent since the start of the current UTC month (the budget guard's month), up to `now`. */
  spendThisMonth(options: { now?: number } = {}): number {
    const now = options.now ?? this.#ctx.now();
    return this.#total({ since: utcMonth(now).start, until: now });
  }

  /**
   * Where this UTC month's spend is heading, by **month-to-date pace**: what was spent from the
   * start of the month until `now`, divided by the time gone (at least one day, so the first hours
   * of a month do not project wildly), times the length of the month. Calls after `now` are not
   * counted. `now` defaults to the store's clock.
   */
  projectedMonthlySpend(options: { now?: number } = {}): MonthlyProjection {
    const now = options.now ?? this.#ctx.now();
    const month = utcMonth(now);
    const monthToDateUsd = this.#total({ since: month.start, until: now });
    const elapsed = Math.max(now - month.start, DAY_MS);
    const projectedUsd = round((monthToDateUsd * (month.end - month.start)) / elapsed);
    return {
      month: month.key,
      monthToDateUsd: round(monthToDateUsd),
      projectedUsd,
      elapsedDays: (now - month.start) / DAY_MS,
      daysInMonth: (month.end - month.start) / DAY_MS,
      message: `You're on track for $${projectedUsd.toFixed(2)} this month`,
    };
  }

  /**
   * Cost, calls and tokens per UTC hour or day from `since` until `until` (default: now), every
   * bucket present (zeros where nothing was spent), oldest first; optionally for one provider.
   */
  usageTimeseries(options: {
    bucket: 'hour' | 'day';
    since: number;
    until?: number;
    provider?: string;
  }): UsageBucket[] {
    this.#beforeRead();
    const size = options.bucket === 'hour' ? HOUR_MS : DAY_MS;
    const until = options.until ?? this.#ctx.now();
    const plan = planRange(options.since, until);
    const filter = options.provider === undefined ? '' : ' AND provider_id = ?';
    const extra = options.provider === undefined ? [] : [options.provider];
    const buckets = new Map<number, UsageTotals>();
    const fold = (rows: Array<TotalsRow & { bucket: number }>) => {
      for (const row of rows) addTo(buckets, row.bucket, row);
    };
    this.#ctx.run('reading usage analytics', () => {
      const { db } = this.#ctx;
      if (plan.hours) {
        fold(
          db
            .prepare(
              `SELECT (hour / ${size}) * ${size} AS bucket, ${SUMS_HOURLY} FROM usage_hourly
               WHERE hour >= ? AND hour < ?${filter} GROUP BY bucket`,
            )
            .all(plan.hours.from, plan.hours.to, ...extra) as Array<TotalsRow & { bucket: number }>,
        );
      }
      const edge = db.prepare(
        `SELECT (timestamp / ${size}) * ${size} AS bucket, ${SUMS_ROWS} FROM provider_usage
         WHERE timestamp >= ? AND timestamp < ?${filter} GROUP BY bucket`,
      );
      for (const span of plan.rows)
        fold(edge.all(span.from, span.to, ...extra) as Array<TotalsRow & { bucket: number }>);
    });
    const out: UsageBucket[] = [];
    if (until <= options.since) return out;
    for (let start = Math.floor(options.since / size) * size; start < until; start += size) {
      out.push({ start, ...(buckets.get(start) ?? empty()) });
    }
    return out;
  }

  /** The `limit` (default 10) runs that cost most, optionally only runs with a call at or after `since`. */
  topRuns(options: { limit?: number; since?: number } = {}): RunCost[] {
    this.#beforeRead();
    const limit = Math.max(1, Math.floor(options.limit ?? 10));
    const rows = this.#ctx.run('reading usage analytics', () =>
      this.#ctx.db
        .prepare(
          `SELECT run_id, calls, input_tokens, output_tokens, cost, first_at, last_at FROM usage_runs
           ${options.since === undefined ? '' : 'WHERE last_at >= ?'} ORDER BY cost DESC, run_id LIMIT ?`,
        )
        .all(...(options.since === undefined ? [] : [options.since]), limit),
    ) as Array<{
      run_id: string;
      calls: number;
      input_tokens: number;
      output_tokens: number;
      cost: number;
      first_at: number;
      last_at: number;
    }>;
    return rows.map((row) => ({
      runId: row.run_id,
      costUsd: round(row.cost),
      calls: row.calls,
      inputTokens: row.input_tokens,
      outputTokens: row.output_tokens,
      firstAt: row.first_at,
      lastAt: row.last_at,
    }));
  }

  #total(range: TimeRange): number {
    return round(this.costByProvider(range).reduce((sum, row) => sum + row.costUsd, 0));
  }

  #grouped<T extends UsageTotals>(
    range: TimeRange,
    columns: string[],
    shape: (key: string[], totals: UsageTotals) => T,
  ): T[] {
    this.#beforeRead();
    const plan = planRange(range.since, range.until);
    const list = columns.join(', ');
    const groups = new Map<string, UsageTotals>();
    const fold = (rows: Array<TotalsRow & Record<string, unknown>>) => {
      for (const row of rows) addTo(groups, columns.map((c) => String(row[c])).join('\u0000'), row);
    };
    this.#ctx.run('reading usage analytics', () => {
      const { db } = this.#ctx;
      if (plan.hours) {
        fold(
          db
            .prepare(
              `SELECT ${list}, ${SUMS_HOURLY} FROM usage_hourly WHERE hour >= ? AND hour < ? GROUP BY ${list}`,
            )
            .all(plan.hours.from, plan.hours.to) as Array<TotalsRow & Record<string, unknown>>,
        );
      }
      const edge = db.prepare(
        `SELECT ${list}, ${SUMS_ROWS} FROM provider_usage WHERE timestamp >= ? AND timestamp < ? GROUP BY ${list}`,
      );
      for (const span of plan.rows)
        fold(edge.all(span.from, span.to) as Array<TotalsRow & Record<string, unknown>>);
    });
    return [...groups]
      .map(([key, totals]) => ({
        key,
        row: shape(key.split('\u0000'), { ...totals, costUsd: round(totals.costUsd) }),
      }))
      .sort((a, b) => b.row.costUsd - a.row.costUsd || (a.key < b.key ? -1 : 1))
      .map(({ row }) => row);
  }
}

const empty = (): UsageTotals => ({ costUsd: 0, calls: 0, inputTokens: 0, outputTokens: 0 });

function addTo<K>(map: Map<K, UsageTotals>, key: K, row: TotalsRow): void {
  let totals = map.get(key);
  if (!totals) {
    totals = empty();
    map.set(key, totals);
  }
  totals.calls += row.calls;
  totals.inputTokens += row.input ?? 0;
  totals.outputTokens += row.output ?? 0;
  totals.costUsd += row.cost ?? 0;
}

/** USD rounded to 1e-10, so float sums print as the cents they are. */
function round(usd: number): number {
  return Math.round(usd * 1e10) / 1e10;
}
