import { Conditions, pageOf, pageSize } from '../schema/page-query.js';
import type { StoreContext } from '../store-context.js';
import type { CallOutcome, LedgerEntry } from './ledger-entry.js';

/** Filters of `usageEntries`; every one optional. */
export interface LedgerQuery {
  /** The rows of one logical call (one per target it ended on). */
  requestId?: string;
  provider?: string;
  /** Rows at or after this time (epoch ms). */
  since?: number;
  /** Rows before this time (epoch ms). */
  until?: number;
  /** Rows after this id (the previous page's `next`). */
  after?: number;
  /** Page size, 1 to 1000. Default 100. */
  limit?: number;
}

/** One ledger row as read back, with its id. */
export type LedgerRow = LedgerEntry & { id: number };

/** A page of ledger rows, oldest first. */
export interface LedgerPage {
  entries: LedgerRow[];
  /** Pass as `after` for the next page; absent on the last page. */
  next?: number;
}

interface UsageRow {
  id: number;
  provider_id: string;
  model: string;
  run_id: string | null;
  input_tokens: number;
  output_tokens: number;
  cost: number;
  timestamp: number;
  request_id: string;
  user_id: string | null;
  operation: LedgerEntry['operation'] | null;
  cached_input_tokens: number;
  cache_write_tokens: number;
  reasoning_tokens: number;
  latency_ms: number;
  outcome: CallOutcome;
  error_code: string | null;
  attempts: number;
  trace_id: string | null;
  estimated: number;
  cache_hit: number;
  unpriced: number;
}

/** Reads the `provider_usage` rows back, page by page (for a console's call list, an export, a test). */
export function usageEntries(ctx: StoreContext, query: LedgerQuery = {}): LedgerPage {
  const where = new Conditions()
    .add('id > ?', query.after)
    .add('request_id = ?', query.requestId)
    .add('provider_id = ?', query.provider)
    .add('timestamp >= ?', query.since)
    .add('timestamp < ?', query.until);
  const size = pageSize(query.limit);
  const rows = ctx.run(
    'reading the usage ledger',
    () =>
      ctx.db
        .prepare(`SELECT * FROM provider_usage ${where.sql} ORDER BY id LIMIT ?`)
        .all(...where.params, size + 1) as UsageRow[],
  );
  return pageOf(rows, size, toRow);
}

/** How many ledger rows there are (all, or since a time). */
export function countUsageEntries(ctx: StoreContext, since?: number): number {
  return ctx.run('counting the usage ledger', () =>
    since === undefined
      ? (ctx.db.prepare('SELECT COUNT(*) FROM provider_usage').pluck().get() as number)
      : (ctx.db
          .prepare('SELECT COUNT(*) FROM provider_usage WHERE timestamp >= ?')
          .pluck()
          .get(since) as number),
  );
}

function toRow(row: UsageRow): LedgerRow {
  return {
    id: row.id,
    provider: row.provider_id,
    model: row.model,
    requestId: row.request_id,
    timestamp: row.timestamp,
    ...(row.run_id !== null && { runId: row.run_id }),
    ...(row.user_id !== null && { user: row.user_id }),
    ...(row.operation !== null && { operation: row.operation }),
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    ...(row.cached_input_tokens > 0 && { cachedInputTokens: row.cached_input_tokens }),
    ...(row.cache_write_tokens > 0 && { cacheWriteTokens: row.cache_write_tokens }),
    ...(row.reasoning_tokens > 0 && { reasoningTokens: row.reasoning_tokens }),
    costUsd: row.cost,
    latencyMs: row.latency_ms,
    outcome: row.outcome,
    ...(row.error_code !== null && { errorCode: row.error_code }),
    attempts: row.attempts,
    ...(row.trace_id !== null && { traceId: row.trace_id }),
    ...(row.estimated === 1 && { estimated: true }),
    ...(row.cache_hit === 1 && { cacheHit: true }),
    ...(row.unpriced === 1 && { unpriced: true }),
  };
}
