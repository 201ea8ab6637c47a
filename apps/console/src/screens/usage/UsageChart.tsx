import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { usd } from '../../format/money.js';

/** One bucket of the chart: its start (epoch ms), USD and calls. */
export interface ChartPoint {
  start: number;
  costUsd: number;
  calls: number;
}

/**
 * Spend over time as bars (uPlot, drawn on a canvas), sized to its container; the same numbers are
 * in the table beside it for screen readers and keyboards.
 */
export function UsageChart({ points, bucket }: { points: ChartPoint[]; bucket: 'hour' | 'day' }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const data: uPlot.AlignedData = [points.map((p) => p.start / 1000), points.map((p) => p.costUsd)];
    const width = () => Math.max(280, element.clientWidth);
    const plot = new uPlot(
      {
        width: width(),
        height: 240,
        legend: { show: false },
        cursor: { show: true, points: { show: false } },
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.15 : 0.01] } },
        axes: [
          { stroke: '#555', grid: { show: false } },
          { stroke: '#555', size: 70, values: (_u, ticks) => ticks.map((t) => usd(t)) },
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
    const resize = new ResizeObserver(() => plot.setSize({ width: width(), height: 240 }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [points, bucket]);
  return (
    <div
      ref={box}
      class="chart"
      role="img"
      aria-label={`Spend per ${bucket}, chart`}
      data-points={points.length}
    />
  );
}
