import { usd } from '../../format/money.js';
import { type DataColumn, DataTable } from '../../ui/DataTable.js';
import type { ChartPoint } from './UsageChart.js';

/** The chart's buckets that had calls, as a table (collapsed by default; the chart's text form). */
export function SeriesTable({ points, bucket }: { points: ChartPoint[]; bucket: 'hour' | 'day' }) {
  const busy = points.filter((p) => p.calls > 0);
  const columns: DataColumn<ChartPoint>[] = [
    {
      label: bucket === 'hour' ? 'Hour' : 'Day',
      cell: (p) =>
        new Date(p.start).toLocaleString(
          undefined,
          bucket === 'hour' ? { dateStyle: 'short', timeStyle: 'short' } : { dateStyle: 'medium' },
        ),
    },
    { label: 'Calls', cell: (p) => p.calls, numeric: true },
    { label: 'Cost', cell: (p) => usd(p.costUsd), numeric: true },
  ];
  return (
    <details>
      <summary>
        Show the numbers ({busy.length} {bucket}
        {busy.length === 1 ? '' : 's'} with calls)
      </summary>
      <DataTable rows={busy} columns={columns} rowKey={(p) => p.start} empty="No calls in this range." />
    </details>
  );
}
