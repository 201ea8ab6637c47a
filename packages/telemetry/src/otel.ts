/**
 * `@pal/telemetry/otel`: OpenTelemetry spans and metrics (GenAI semantic conventions) on
 * `@opentelemetry/api`.
 * @module
 */
export { type OtelSinkOptions, otelSinkOptionsSchema } from './otel-options.js';
export { INSTRUMENTATION_SCOPE, type OtelSink, otelSink } from './otel-sink.js';
export { formatTraceparent, parseTraceparent } from './traceparent.js';
