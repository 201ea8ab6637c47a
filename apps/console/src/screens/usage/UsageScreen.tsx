import { useState } from 'preact/hooks';
import { getUsage } from '../../api/console-api.js';
import { monthStart } from '../../data/catalog-data.js';
import { usd } from '../../format/money.js';
import { AsyncView } from '../../ui/AsyncView.js';
import { useAsync } from '../../ui/use-async.js';
import { SeriesTable } from './SeriesTable.js';
import { UsageChart } from './UsageChart.js';
import { UsageTables } from './UsageTables.js';

const RANGES = {
  month: { label: 'This month, by day', bucket: 'day', since: () => monthStart() },
  day: { label: 'Last 24 hours, by hour', bucket: 'hour', since: () => Date.now() - 24 * 3_600_000 },
} as const;

/** Usage: this month's spend and projection, a chart over time, cost by provider and model, top runs. */
export function UsageScreen() {
  const [range, setRange] = useState<keyof typeof RANGES>('month');
  const { bucket, since } = RANGES[range];
  const usage = useAsync((signal) => getUsage(since(), bucket, signal), [range]);
  return (
    <>
      <h1 tabIndex={-1}>Usage</h1>
      <div class="row">
        <div class="field">
          <label for="usage-range">Range</label>
          <select
            id="usage-range"
            value={range}
            onChange={(e) => setRange(e.currentTarget.value as keyof typeof RANGES)}
          >
            {Object.entries(RANGES).map(([id, r]) => (
              <option key={id} value={id}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
        <button type="button" class="secondary" onClick={usage.reload}>
          Refresh
        </button>
      </div>
      <AsyncView handle={usage} label="the usage">
        {(report) => (
          <>
            <div class="stats">
              <p class="stat">
                <span class="stat-label">Spent this month</span>
                <strong>{usd(report.spendThisMonthUsd)}</strong>
              </p>
              <p class="stat projection">
                {report.message ?? `You're on track for ${usd(report.projectedMonthlyUsd)} this month`}
              </p>
            </div>
            <section class="panel" aria-labelledby="over-time">
              <h2 id="over-time">Spend over time</h2>
              <UsageChart points={report.timeseries} bucket={bucket} />
              <SeriesTable points={report.timeseries} bucket={bucket} />
            </section>
            <UsageTables report={report} />
          </>
        )}
      </AsyncView>
    </>
  );
}
