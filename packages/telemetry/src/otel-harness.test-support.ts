import type { Attributes } from '@opentelemetry/api';
import {
  AggregationTemporality,
  DataPointType,
  InMemoryMetricExporter,
  MeterProvider,
  type MetricData,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';

/** The real OpenTelemetry SDK with its in-memory exporters: a tracer and a meter, and what they recorded. */
export interface OtelHarness {
  tracer: ReturnType<BasicTracerProvider['getTracer']>;
  meter: ReturnType<MeterProvider['getMeter']>;
  /** Every finished span. */
  spans(): ReadableSpan[];
  /** Every metric, collected now (cumulative). */
  metrics(): Promise<MetricData[]>;
  shutdown(): Promise<void>;
}

export function otelHarness(): OtelHarness {
  const spanExporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spanExporter)] });
  const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  // exported only when asked (forceFlush): the interval is an hour
  const reader = new PeriodicExportingMetricReader({
    exporter: metricExporter,
    exportIntervalMillis: 3_600_000,
  });
  const meterProvider = new MeterProvider({ readers: [reader] });
  return {
    tracer: tracerProvider.getTracer('pal-telemetry-test'),
    meter: meterProvider.getMeter('pal-telemetry-test'),
    spans: () => spanExporter.getFinishedSpans(),
    async metrics() {
      metricExporter.reset();
      await reader.forceFlush();
      return metricExporter.getMetrics().flatMap((r) => r.scopeMetrics.flatMap((s) => s.metrics));
    },
    async shutdown() {
      await Promise.all([tracerProvider.shutdown(), meterProvider.shutdown()]);
    },
  };
}

/** One data point of a metric, flattened: its attributes and value (a histogram's count and sum). */
export interface Point {
  attributes: Attributes;
  value: number;
  count: number;
  sum: number;
  /** A histogram's bucket boundaries. */
  boundaries?: number[];
}

/** The points of metric `name` (none when it was not recorded). */
export function pointsOf(metrics: MetricData[], name: string): Point[] {
  const metric = metrics.find((m) => m.descriptor.name === name);
  if (!metric) return [];
  return metric.dataPoints.map((point) => {
    const value = point.value as number | { count: number; sum?: number; buckets: { boundaries: number[] } };
    if (metric.dataPointType === DataPointType.HISTOGRAM && typeof value === 'object')
      return {
        attributes: point.attributes,
        value: value.sum ?? 0,
        count: value.count,
        sum: value.sum ?? 0,
        boundaries: value.buckets.boundaries,
      };
    return { attributes: point.attributes, value: value as number, count: 1, sum: value as number };
  });
}

/** The sum of the points' values (a histogram's sums) whose attributes include `where`. */
export function total(points: Point[], where: Attributes = {}): number {
  return points
    .filter((p) => Object.entries(where).every(([k, v]) => p.attributes[k] === v))
    .reduce((n, p) => n + p.sum, 0);
}

/** The number of measurements (a histogram's counts) whose attributes include `where`. */
export function measurements(points: Point[], where: Attributes = {}): number {
  return points
    .filter((p) => Object.entries(where).every(([k, v]) => p.attributes[k] === v))
    .reduce((n, p) => n + p.count, 0);
}
