import { devNull } from 'node:os';
import {
  MeterProvider,
  PeriodicExportingMetricReader,
  type PushMetricExporter,
} from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, BatchSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { createRuntime, type TelemetrySink } from '@pal/core';
import { logSink } from '@pal/telemetry/log';
import { otelSink } from '@pal/telemetry/otel';
import { prometheusSink } from '@pal/telemetry/prometheus';
import { pino } from 'pino';
import type { Comparison } from '../comparison.js';
import { deltaToBaseline } from '../comparison.js';
import { formatDuration } from '../format-figures.js';
import { BENCH_INPUT, forgetCalls, scriptedBenchAdapter } from '../scripted-bench-adapter.js';
import { type MeasureOptions, measureSideBySide } from '../side-by-side.js';

/** An exporter that drops what it is given: the SDK's batching and aggregation are timed, no network. */
const dropSpans: SpanExporter = {
  export: (_spans, done) => done({ code: 0 }),
  shutdown: async () => {},
};
const dropMetrics: PushMetricExporter = {
  export: (_metrics, done) => done({ code: 0 }),
  shutdown: async () => {},
  forceFlush: async () => {},
};

/**
 * What `@pal/telemetry` costs per call: the same scripted adapter through `runtime.chat` with no
 * sink, with a sink that drops every event (the kernel's cost of building them), with each sink
 * alone and with all three — `otelSink` on the real OpenTelemetry SDK (batched
 * spans, metric aggregation, exporters that drop), `prometheusSink` on a prom-client registry,
 * `logSink` on pino writing to the null device — in process, no network.
 */
export async function benchTelemetryOverhead(options: MeasureOptions): Promise<Comparison[]> {
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(dropSpans)] });
  const meterProvider = new MeterProvider({
    readers: [new PeriodicExportingMetricReader({ exporter: dropMetrics, exportIntervalMillis: 60_000 })],
  });
  const otel = otelSink({
    tracer: tracerProvider.getTracer('bench'),
    meter: meterProvider.getMeter('bench'),
  });
  const prometheus = prometheusSink();
  const logs = logSink({ logger: pino(pino.destination({ dest: devNull, sync: false })) });

  const runtimes: Array<{ name: string; telemetry: TelemetrySink[] }> = [
    { name: 'runtime.chat, no sink', telemetry: [] },
    // the kernel builds its events once any sink is there: this row is that cost alone
    { name: 'with a sink that drops events', telemetry: [{ emit() {} }] },
    { name: 'with otelSink', telemetry: [otel] },
    { name: 'with prometheusSink', telemetry: [prometheus] },
    { name: 'with logSink', telemetry: [logs] },
    { name: 'with all three', telemetry: [otel, prometheus, logs] },
  ];
  const tasks = runtimes.map(({ name, telemetry }) => {
    const adapter = scriptedBenchAdapter();
    const runtime = createRuntime({ providers: [adapter], telemetry });
    return { name, runtime, fn: () => runtime.chat(BENCH_INPUT), afterEach: () => forgetCalls(adapter) };
  });
  for (const task of tasks) {
    const result = await task.fn();
    if (result.text !== 'Paris.')
      throw new Error(`telemetry benchmark: ${task.name} did not give the scripted answer`);
  }
  const traced = await tasks[2]!.fn();
  if (!traced.traceId) throw new Error('telemetry benchmark: the otel sink traced nothing');

  const comparison: Comparison = {
    title: '8. Telemetry overhead: chat (scripted adapter, in process, no network)',
    operation: 'one chat call',
    rows: await measureSideBySide(
      tasks.map(({ name, fn, afterEach }) => ({ name, fn, afterEach })),
      options,
    ),
    findings: [],
  };
  for (const task of tasks) await task.runtime.close();
  await Promise.all([tracerProvider.shutdown(), meterProvider.shutdown()]);
  const [, dropping, withOtel, withPrometheus, withLogs, withAll] = comparison.rows;
  const delta = (row: (typeof comparison.rows)[number] | undefined) =>
    formatDuration(deltaToBaseline(comparison, row!));
  comparison.findings.push(
    `All three sinks add ${delta(withAll)} per call (otel ${delta(withOtel)}, prometheus ${delta(withPrometheus)}, log ${delta(withLogs)}); of that, the kernel's events alone (a sink that drops them) are ${delta(dropping)}.`,
  );
  return [comparison];
}
