import { useState } from 'preact/hooks';
import { getUsage } from '../../api/console-api.js';
import { monthStart } from '../../data/catalog-data.js';
import { usd } from '../../format/money.js';
import { AsyncView } from '../../ui/AsyncView.js';
import { useAsync } from '../../ui/use-async.js';
import { Panel } from '../../ui/Panel.js';
import { SelectField } from '../../ui/SelectField.js';
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
        <SelectField
          label="Range"
          value={range}
          onChange={(value) => setRange(value as keyof typeof RANGES)}
          choices={Object.entries(RANGES).map(([value, r]) => ({ value, label: r.label }))}
        />
        <button type="button" class="secondary" onClick={usage.reload}>
          Refresh
        </button>
      </div>
      <AsyncView handle={usage} label="the usage">
        {(report) => (
          <>
            <div class="stats">
              <p class="panel stat">
                <span class="stat-label">Spent this month</span>
                <strong>{usd(report.spendThisMonthUsd)}</strong>
              </p>
              <p class="panel stat projection">
                {report.message ?? `You're on track for ${usd(report.projectedMonthlyUsd)} this month`}
              </p>
            </div>
            <Panel title="Spend over time">
              <UsageChart points={report.timeseries} bucket={bucket} />
              <SeriesTable points={report.timeseries} bucket={bucket} />
            </Panel>
            <UsageTables report={report} />
          </>
        )}
      </AsyncView>
    </>
  );
}
