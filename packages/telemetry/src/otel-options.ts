import type { Meter, Tracer } from '@opentelemetry/api';
import { z } from '@pal/core/provider';

const tracerSchema = z.custom<Tracer>(
  (value) => typeof (value as Tracer | undefined)?.startSpan === 'function',
  { error: 'expected an OpenTelemetry Tracer (trace.getTracer(...))' },
);
const meterSchema = z.custom<Meter>(
  (value) => typeof (value as Meter | undefined)?.createHistogram === 'function',
  { error: 'expected an OpenTelemetry Meter (metrics.getMeter(...))' },
);

/** Options of `otelSink`. */
export const otelSinkOptionsSchema = z.strictObject({
  /** Where spans go. Default: the global tracer provider's `@pal/telemetry` tracer. */
  tracer: tracerSchema.optional(),
  /** Where metrics go. Default: the global meter provider's `@pal/telemetry` meter. */
  meter: meterSchema.optional(),
  /**
   * Record prompts, answers and tool arguments (`gen_ai.input.messages`, `gen_ai.output.messages`,
   * `gen_ai.system_instructions`) through the sink's `hooks`, after your masking hooks. Default false.
   */
  captureContent: z.boolean().optional(),
  /**
   * The convention names to emit: `v1.41` (semantic-conventions v1.41.0) or `latest` (the GenAI
   * repository). Default: `latest` when `OTEL_SEMCONV_STABILITY_OPT_IN` contains
   * `gen_ai_latest_experimental`, else `v1.41`.
   */
  semconv: z.enum(['v1.41', 'latest']).optional(),
  /** `gen_ai.provider.name` per PAL provider id, over the built-in mapping (`{ 'my-azure': 'azure.ai.openai' }`). */
  providerNames: z.record(z.string().min(1), z.string().min(1)).optional(),
  /**
   * Most calls with an open span (a call whose end never comes, e.g. a `createCall()` never ended,
   * is ended, oldest first, past this). Default 10 000.
   */
  maxOpenCalls: z.number().int().positive().optional(),
});

/** Options of `otelSink`. */
export type OtelSinkOptions = z.input<typeof otelSinkOptionsSchema>;
