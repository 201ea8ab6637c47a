import { SpanKind } from '@opentelemetry/api';
import type { MetricData } from '@opentelemetry/sdk-metrics';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { measurements, otelHarness, pointsOf, total } from './otel-harness.test-support.js';
import { otelSink } from './otel-sink.js';
import {
  type CallRecord,
  type Emulators,
  runPlan,
  scenarioClients,
  servedTotal,
  startEmulators,
} from './scenario.test-support.js';
import { DURATION_BUCKETS_S, SEMCONV_LATEST, SEMCONV_V1_41, TOKEN_BUCKETS } from './semconv.js';

// the same 200 calls with OTEL_SEMCONV_STABILITY_OPT_IN=gen_ai_latest_experimental: the latest
// GenAI names (semantic-conventions-genai), and none of v1.41's

const L = SEMCONV_LATEST.metrics;
let emus: Emulators;
let records: CallRecord[];
let spans: ReadableSpan[];
let metrics: MetricData[];
let semconv: string;

beforeAll(async () => {
  vi.stubEnv('OTEL_SEMCONV_STABILITY_OPT_IN', 'http, gen_ai_latest_experimental');
  emus = await startEmulators();
  const otel = otelHarness();
  const sink = otelSink({ tracer: otel.tracer, meter: otel.meter });
  semconv = sink.semconv;
  records = await runPlan(emus, scenarioClients(emus, [sink], [sink]));
  spans = otel.spans();
  metrics = await otel.metrics();
  await otel.shutdown();
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await emus?.close();
});

const callSpanOf = (record: CallRecord) =>
  spans.find((s) => s.kind === SpanKind.CLIENT && s.spanContext().traceId === record.traceId) as ReadableSpan;

describe('the scripted run with gen_ai_latest_experimental', () => {
  it('the sink read the opt-in from the environment', () => {
    expect(semconv).toBe('latest');
  });

  it('emits the latest metric names and none of v1.41’s', () => {
    const names = new Set(metrics.map((m) => m.descriptor.name));
    for (const name of [
      L.inferenceDuration,
      L.embeddingsDuration,
      L.timeToFirstChunk,
      L.inputTokensHistogram!,
      L.outputTokensHistogram!,
      L.usageCounters!.input,
      L.usageCounters!.output,
    ])
      expect(names.has(name), name).toBe(true);
    for (const name of [
      SEMCONV_V1_41.metrics.inferenceDuration,
      SEMCONV_V1_41.metrics.timeToFirstChunk,
      SEMCONV_V1_41.metrics.tokenUsage!,
    ])
      expect(names.has(name), name).toBe(false);
  });

  it('inference and embeddings durations: one point per call, in their own instruments', () => {
    const inference = pointsOf(metrics, L.inferenceDuration);
    const embeddings = pointsOf(metrics, L.embeddingsDuration);
    expect(measurements(inference)).toBe(190);
    expect(measurements(embeddings)).toBe(10);
    expect(inference[0]?.boundaries).toEqual([...DURATION_BUCKETS_S]);
    expect(measurements(inference, { 'error.type': 'PROVIDER_AUTH_ERROR' })).toBe(10);
  });

  it('usage counters equal the tokens the emulators served, cache and reasoning subsets included', () => {
    const counter = (name: string) => total(pointsOf(metrics, name));
    const chats = records.filter((r) => r.planned.operation !== 'embed');
    expect(counter(L.usageCounters!.input)).toBe(servedTotal(chats, 'inputTokens'));
    expect(counter(L.usageCounters!.output)).toBe(servedTotal(chats, 'outputTokens'));
    expect(counter(L.usageCounters!.cacheRead)).toBe(servedTotal(records, 'cachedInputTokens'));
    expect(counter(L.usageCounters!.cacheWrite)).toBe(servedTotal(records, 'cacheWriteTokens'));
    expect(counter(L.usageCounters!.reasoning)).toBe(servedTotal(records, 'reasoningTokens'));
    expect(
      pointsOf(metrics, L.usageCounters!.input).every(
        (p) => p.attributes['gen_ai.token.modality'] === 'unknown',
      ),
    ).toBe(true);
  });

  it('per-operation token histograms: every inference operation, failed ones as 0 with their error', () => {
    const input = pointsOf(metrics, L.inputTokensHistogram!);
    expect(input[0]?.boundaries).toEqual([...TOKEN_BUCKETS]);
    const chats = records.filter((r) => r.planned.operation !== 'embed');
    expect(total(input)).toBe(servedTotal(chats, 'inputTokens'));
    const answered = chats.filter((r) => r.result && !r.planned.kind.startsWith('cached')).length;
    expect(measurements(input)).toBe(answered + chats.filter((r) => r.error).length);
    expect(total(input, { 'error.type': 'PROVIDER_AUTH_ERROR' })).toBe(0);
    expect(measurements(input, { 'error.type': 'PROVIDER_AUTH_ERROR' })).toBe(10);
    const embedded = pointsOf(metrics, L.embeddingsInputTokensHistogram!);
    expect(total(embedded)).toBe(
      servedTotal(
        records.filter((r) => r.planned.operation === 'embed'),
        'inputTokens',
      ),
    );
  });

  it('span attributes take the latest names: cache_write, request.stream, response.time_to_first_chunk', () => {
    const cacheTokens = callSpanOf(records.find((r) => r.planned.kind === 'cache-tokens')!).attributes;
    expect(cacheTokens['gen_ai.usage.cache_write.input_tokens']).toBe(10);
    expect(cacheTokens['gen_ai.usage.cache_creation.input_tokens']).toBeUndefined();
    expect(cacheTokens['gen_ai.request.stream']).toBe(false);
    const stream = callSpanOf(records.find((r) => r.planned.kind === 'ok-stream')!).attributes;
    expect(stream['gen_ai.request.stream']).toBe(true);
    expect(stream['gen_ai.response.time_to_first_chunk']).toBeGreaterThanOrEqual(0);
    expect(measurements(pointsOf(metrics, L.timeToFirstChunk))).toBe(
      records.filter((r) => r.planned.operation === 'stream').length,
    );
  });
});
