import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChartPoint, DrawnChart } from './bar-chart.js';

export type { ChartPoint } from './bar-chart.js';

/**
 * Spend over time as bars, drawn on a canvas by uPlot (fetched the first time a chart is shown);
 * the same numbers are in the table under it for screen readers and keyboards.
 */
export function UsageChart({ points, bucket }: { points: ChartPoint[]; bucket: 'hour' | 'day' }) {
  const box = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState<'loading' | 'drawn' | 'failed'>('loading');
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    let chart: DrawnChart | undefined;
    let gone = false;
    import('./bar-chart.js').then(
      ({ drawBarChart }) => {
        if (gone) return;
        chart = drawBarChart(element, points, bucket);
        setStatus('drawn');
      },
      () => !gone && setStatus('failed'),
    );
    return () => {
      gone = true;
      chart?.destroy();
    };
  }, [points, bucket]);
  return (
    <>
      {status === 'loading' && (
        <p class="loading" role="status">
          Drawing the chart…
        </p>
      )}
      {status === 'failed' && (
        <p class="notice notice-error" role="alert">
          The chart could not be loaded; the numbers are below. Reload the page to try again.
        </p>
      )}
      <div
        ref={box}
        class="chart"
        role="img"
        aria-label={`Spend per ${bucket}, as a bar chart`}
        data-status={status}
        data-points={points.filter((p) => p.calls > 0).length}
      />
    </>
  );
}
