import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { usd } from '../../format/money.js';

/** One bucket of the chart: its start (epoch ms), USD and calls. */
export interface ChartPoint {
  start: number;
  costUsd: number;
  calls: number;
}

/** A drawn chart: remove it when the data or the screen changes. */
export interface DrawnChart {
  destroy(): void;
}

const HEIGHT = 240;

/**
 * Draws spend per bucket as bars with uPlot into `element`, following its width. Loaded on its
 * own (a separate chunk), so only the Usage screen fetches the chart library.
 */
export function drawBarChart(element: HTMLElement, points: ChartPoint[], bucket: 'hour' | 'day'): DrawnChart {
  const starts = points.map((p) => p.start / 1000);
  const data: uPlot.AlignedData = [starts, points.map((p) => p.costUsd)];
  const width = () => Math.max(280, element.clientWidth);
  const half = (bucket === 'hour' ? 3600 : 86_400) / 2;
  const plot = new uPlot(
    {
      width: width(),
      height: HEIGHT,
      legend: { show: false },
      cursor: { points: { show: false } },
      scales: {
        // half a bucket either side, so the first and last bars are drawn whole
        x: { time: true, range: (_u, min, max) => [min - half, max + half] },
        y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.15 : 0.01] },
      },
      axes: [
        {
          stroke: '#555',
          grid: { show: false },
          // one label per bucket, thinned to about a dozen: a day's date, an hour's time
          splits: () => starts.filter((_, i) => i % Math.ceil(starts.length / 12) === 0),
          values: (_u, ticks) => ticks.map((t) => bucketLabel(t * 1000, bucket)),
        },
        { stroke: '#555', size: 90, values: (_u, ticks) => ticks.map((t) => usd(t)) },
      ],
      series: [
        {},
        {
          label: bucket === 'hour' ? 'USD per hour' : 'USD per day',
          stroke: '#2456c9',
          fill: 'rgba(36, 86, 201, 0.55)',
          paths: uPlot.paths.bars?.({ size: [0.7, 48] }),
          points: { show: false },
        },
      ],
    },
    data,
    element,
  );
  const resize = new ResizeObserver(() => plot.setSize({ width: width(), height: HEIGHT }));
  resize.observe(element);
  return {
    destroy() {
      resize.disconnect();
      plot.destroy();
    },
  };
}

/** A bucket's start as an axis label: `Dec 3` for a day, `14:00` for an hour. */
function bucketLabel(ms: number, bucket: 'hour' | 'day'): string {
  const date = new Date(ms);
  return bucket === 'day'
    ? date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })
    : date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}
