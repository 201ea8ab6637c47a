/**
 * @pal/telemetry: the kernel's telemetry events as the signals operators collect. Each sink has
 * its own entry, so an application loads only the library of the sinks it uses:
 * `@pal/telemetry/otel` (OpenTelemetry spans and metrics), `@pal/telemetry/prometheus`
 * (prom-client metrics) and `@pal/telemetry/log` (pino logs). This entry holds what they share.
 * @packageDocumentation
 */
export { combineSinks, type TelemetryEvent, type TelemetrySink, type TraceContext } from '@pal/core';
export type { LogSinkOptions } from './log-options.js';
export type { OtelSinkOptions } from './otel-options.js';
export type { OtelSink } from './otel-sink.js';
export type { PrometheusSinkOptions } from './prometheus-options.js';
export type { MetricsResponse, PrometheusSink } from './prometheus-sink.js';
export { GEN_AI_PROVIDER_NAMES, genAiOperationName, genAiProviderName } from './provider-names.js';
export {
  ATTR,
  DURATION_BUCKETS_S,
  PAL_ATTR,
  PAL_EVENTS,
  PAL_METRICS,
  SEMCONV_LATEST,
  SEMCONV_V1_41,
  type SemconvNames,
  type SemconvVersion,
  semconvNames,
  semconvVersion,
  TOKEN_BUCKETS,
} from './semconv.js';
