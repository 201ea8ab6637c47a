import { usd } from '../../format/money.js';
import type { ChartPoint } from './UsageChart.js';

/** The chart's buckets that had calls, as a table (collapsed by default; the chart's text form). */
export function SeriesTable({ points, bucket }: { points: ChartPoint[]; bucket: 'hour' | 'day' }) {
  const busy = points.filter((p) => p.calls > 0);
  const label = (start: number) =>
    new Date(start).toLocaleString(
      undefined,
      bucket === 'hour' ? { dateStyle: 'short', timeStyle: 'short' } : { dateStyle: 'medium' },
    );
  return (
    <details>
      <summary>
        Show the numbers ({busy.length} {bucket}
        {busy.length === 1 ? '' : 's'} with calls)
      </summary>
      <table>
        <thead>
          <tr>
            <th scope="col">{bucket === 'hour' ? 'Hour' : 'Day'}</th>
            <th scope="col">Calls</th>
            <th scope="col">Cost</th>
          </tr>
        </thead>
        <tbody>
          {busy.map((p) => (
            <tr key={p.start}>
              <th scope="row">{label(p.start)}</th>
              <td class="num">{p.calls}</td>
              <td class="num">{usd(p.costUsd)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
