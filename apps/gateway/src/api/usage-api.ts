import { z } from '@pal/core/provider';
import type { Hono } from 'hono';
import { gatewayError } from '../http/gateway-error.js';
import { readQuery } from '../http/read-query.js';
import type { ConsoleDeps } from './console-deps.js';
import { countParam, periodStarts, timeParam } from './query-params.js';

const usageQuery = z.strictObject({
  since: timeParam(),
  until: timeParam(),
  bucket: z.enum(['hour', 'day']).optional(),
  provider: z.string().min(1).optional(),
});

const callsQuery = z.strictObject({
  requestId: z.string().min(1).optional(),
  provider: z.string().min(1).optional(),
  since: timeParam(),
  until: timeParam(),
  after: z.coerce.number().int().nonnegative().optional(),
  limit: countParam(1000),
});

const MAX_BUCKETS = 2_000;
const BUCKET_MS = { hour: 3_600_000, day: 86_400_000 } as const;

/**
 * Usage analytics from the ledger (seed 003's cost tracking): `GET /api/usage?since&until&bucket`
 * (default: this UTC month, by day) answers this month's spend and its projection ("You're on
 * track for $X this month"), cost by provider and by model over the range, a time series (empty
 * buckets as zeros) and the dearest runs; `GET /api/usage/calls` pages through the ledger's rows
 * (one per call on one target: tokens, cost, outcome, whether the usage was estimated).
 */
export function registerUsageApi(app: Hono, deps: ConsoleDeps): void {
  const { store } = deps;
  app.get('/api/usage', (c) => {
    const query = readQuery(c, usageQuery);
    const now = Date.now();
    const since = query.since ?? periodStarts(now).month;
    const until = query.until;
    const bucket = query.bucket ?? 'day';
    if (((until ?? now) - since) / BUCKET_MS[bucket] > MAX_BUCKETS)
      throw gatewayError(
        400,
        'INVALID_REQUEST',
        `Invalid query: since: more than ${MAX_BUCKETS} ${bucket}s; use a later since or bucket=day`,
        {
          path: ['since'],
        },
      );
    const range = { since, ...(until !== undefined && { until }) };
    const projection = store.projectedMonthlySpend();
    const byProvider = store
      .costByProvider(range)
      .filter((p) => !query.provider || p.provider === query.provider);
    const byModel = store.costByModel(range).filter((m) => !query.provider || m.provider === query.provider);
    const timeseries = store
      .usageTimeseries({ bucket, ...range, ...(query.provider && { provider: query.provider }) })
      .map((b) => ({ ...b, bucket: new Date(b.start).toISOString() }));
    return c.json({
      since,
      ...(until !== undefined && { until }),
      bucket,
      spendThisMonthUsd: projection.monthToDateUsd,
      projectedMonthlyUsd: projection.projectedUsd,
      message: projection.message,
      byProvider,
      byModel,
      timeseries,
      topRuns: store.topRuns({ limit: 10, since }),
    });
  });

  app.get('/api/usage/calls', (c) => {
    const { since, until, ...rest } = readQuery(c, callsQuery);
    return c.json(
      store.usageEntries({
        ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
        ...(since !== undefined && { since }),
        ...(until !== undefined && { until }),
      }),
    );
  });
}
