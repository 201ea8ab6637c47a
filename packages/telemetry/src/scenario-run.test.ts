import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { MetricData } from '@opentelemetry/sdk-metrics';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logSink } from './log-sink.js';
import { measurements, otelHarness, pointsOf, total } from './otel-harness.test-support.js';
import { otelSink } from './otel-sink.js';
import { countOf, type Exposition, parseExposition, sumOf } from './prometheus-text.test-support.js';
import { prometheusSink } from './prometheus-sink.js';
import {
  type CallRecord,
  type Emulators,
  KEYS,
  runPlan,
  scenarioClients,
  servedBy,
  servedTotal,
  startEmulators,
} from './scenario.test-support.js';
import { DURATION_BUCKETS_S, SEMCONV_LATEST, SEMCONV_V1_41, TOKEN_BUCKETS } from './semconv.js';

// 200 calls through the runtime and two routers against the emulators, with all three sinks on:
// what the spans, metrics, /metrics text and log lines say is checked call by call against what
// the emulators saw (their requests carry each call's traceparent) and served

const PROVIDER_NAMES: Record<string, string> = {
  openai: 'openai',
  anthropic: 'anthropic',
  ollama: 'ollama',
  groq: 'groq',
};
const M = SEMCONV_V1_41.metrics;

let emus: Emulators;
let records: CallRecord[];
let spans: ReadableSpan[];
let metrics: MetricData[];
let exposition: string;
let contentType: string;
let exposed: Exposition;
const logLines: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  emus = await startEmulators();
  const otel = otelHarness();
  const tracing = otelSink({ tracer: otel.tracer, meter: otel.meter });
  const prom = prometheusSink();
  const logs = logSink({
    logger: pino(
      { level: 'debug' },
      new Writable({
        write(chunk, _encoding, done) {
          for (const line of String(chunk).split('\n')) if (line) logLines.push(JSON.parse(line));
          done();
        },
      }),
    ),
  });
  const clients = scenarioClients(emus, [tracing, prom, logs], [tracing, prom, logs]);
  records = await runPlan(emus, clients);
  spans = otel.spans();
  metrics = await otel.metrics();
  ({ body: exposition, contentType } = await prom.metricsHandler());
  exposed = parseExposition(exposition);
  await otel.shutdown();
});
afterAll(() => emus?.close());

const callSpans = () => spans.filter((s) => s.kind === SpanKind.CLIENT);
const spanOf = (record: CallRecord) => {
  const found = callSpans().filter((s) => s.spanContext().traceId === record.traceId);
  expect(found, `the span of call ${record.planned.index}`).toHaveLength(1);
  return found[0] as ReadableSpan;
};
const childrenOf = (span: ReadableSpan) =>
  spans.filter((s) => s.parentSpanContext?.spanId === span.spanContext().spanId);
const servingProvider = (record: CallRecord) =>
  record.result?.provider ?? record.error?.provider ?? record.planned.model.split('/')[0];

describe('a scripted run of 200 calls', () => {
  it('went as planned: every kind ended as scripted', () => {
    expect(records).toHaveLength(200);
    const outcome = (kind: string) => [
      ...new Set(records.filter((r) => r.planned.kind === kind).map((r) => r.error?.code ?? 'ok')),
    ];
    expect(outcome('fail-auth')).toEqual(['PROVIDER_AUTH_ERROR']);
    expect(outcome('stream-cut')).toEqual(['NETWORK_ERROR']);
    expect(outcome('circuit')).toEqual(['PROVIDER_API_ERROR', 'CIRCUIT_OPEN']);
    for (const kind of [
      'ok-chat',
      'ok-stream',
      'retry-ok',
      'fallback',
      'cached',
      'stream-fallback',
      'hedge',
      'embed',
    ])
      expect(outcome(kind), kind).toEqual(['ok']);
    expect(
      records
        .filter((r) => r.planned.kind === 'cached')
        .every((r) => r.result && 'cached' in r.result && r.result.cached),
    ).toBe(true);
  });

  describe('spans', () => {
    it('one CLIENT span per call, `{operation} {request model}`, child of the call’s traceparent; one child span per attempt the emulators saw', () => {
      expect(callSpans()).toHaveLength(200);
      for (const record of records) {
        const span = spanOf(record);
        const operation = record.planned.operation === 'embed' ? 'embeddings' : 'chat';
        const requestModel =
          record.planned.model === 'auto'
            ? record.planned.client === 'hedger'
              ? 'claude-haiku-4-5'
              : 'gpt-4o-mini'
            : record.planned.model.slice(record.planned.model.indexOf('/') + 1);
        expect(span.name).toBe(`${operation} ${requestModel}`);
        expect(span.parentSpanContext?.spanId).toBe(record.parentSpanId);
        const attempts = childrenOf(span).filter((s) => s.name === 'pal.attempt');
        expect(
          attempts,
          `attempt spans of call ${record.planned.index} (${record.planned.kind})`,
        ).toHaveLength(record.requests.length);
        expect(span.attributes['pal.attempts']).toBe(record.requests.length);
        // every request an emulator failed (an error answer, a cut stream) is an attempt span with an error
        const failed = record.requests.filter((r) => r.step?.fault && r.step.fault.type !== 'stall').length;
        expect(
          attempts.filter(
            (s) =>
              s.status.code === SpanStatusCode.ERROR &&
              !String(s.attributes['error.type']).startsWith('ABORTED'),
          ),
        ).toHaveLength(failed);
      }
    });

    it('carries the request, response, usage and PAL attributes of what happened', () => {
      for (const record of records) {
        const span = spanOf(record);
        const a = span.attributes;
        const where = `call ${record.planned.index} (${record.planned.kind})`;
        expect(a['gen_ai.operation.name'], where).toBe(
          record.planned.operation === 'embed' ? 'embeddings' : 'chat',
        );
        expect(a['gen_ai.provider.name'], where).toBe(PROVIDER_NAMES[servingProvider(record) as string]);
        expect(a['server.address'], where).toBe('127.0.0.1');
        expect(typeof a['server.port'], where).toBe('number');
        expect(a['pal.retries'], where).toBe(record.planned.retries);
        expect(a['pal.fallbacks'], where).toBe(record.planned.fallbacks);
        expect(a['pal.cached'], where).toBe(record.planned.kind === 'cached');
        expect(
          span.events.filter((e) => e.name === 'pal.retry'),
          where,
        ).toHaveLength(record.planned.retries);
        expect(
          span.events.filter((e) => e.name === 'pal.fallback'),
          where,
        ).toHaveLength(record.planned.fallbacks);
        if (record.error) {
          expect(span.status.code, where).toBe(SpanStatusCode.ERROR);
          expect(a['error.type'], where).toBe(record.error.code);
          continue;
        }
        const result = record.result!;
        expect(span.status.code, where).toBe(SpanStatusCode.UNSET);
        expect(a['error.type'], where).toBeUndefined();
        expect(a['gen_ai.usage.input_tokens'], where).toBe(result.usage.inputTokens);
        expect(a['gen_ai.usage.output_tokens'], where).toBe(result.usage.outputTokens);
        expect(a['gen_ai.response.model'], where).toBe(result.model);
        expect(a['pal.cost.usd'], where).toBeCloseTo(result.cost.totalUsd, 12);
        if ('id' in result) {
          expect(a['gen_ai.response.id'], where).toBe(result.id || undefined);
          expect(a['gen_ai.response.finish_reasons'], where).toEqual([result.finishReason]);
          expect(result.traceId, where).toBe(record.traceId);
          expect(result.traceparent, where).toBe(`00-${record.traceId}-${span.spanContext().spanId}-01`);
        }
        if (record.planned.kind === 'cache-tokens') {
          expect(a['gen_ai.usage.cache_read.input_tokens']).toBe(40);
          expect(a['gen_ai.usage.cache_creation.input_tokens']).toBe(10);
          expect(a['gen_ai.usage.cache_write.input_tokens']).toBeUndefined();
        }
        if (record.planned.kind === 'reasoning') expect(a['gen_ai.usage.reasoning.output_tokens']).toBe(12);
      }
    });

    it('routing, hedges, cache lookups, budget decisions, rate-limit waits and the circuit are span events', () => {
      const eventsOf = (kind: string, name: string) =>
        records
          .filter((r) => r.planned.kind === kind)
          .map((r) => spanOf(r).events.filter((e) => e.name === name).length);
      expect(eventsOf('fallback', 'pal.route').every((n) => n === 1)).toBe(true);
      expect(eventsOf('ok-chat', 'pal.route').some((n) => n === 0)).toBe(true); // runtime calls are not routed
      expect(eventsOf('hedge', 'pal.hedge')).toEqual([3, 3]); // start, win, cancel
      expect(eventsOf('cached', 'pal.cache').every((n) => n === 1)).toBe(true);
      expect(eventsOf('ok-chat', 'pal.budget').every((n) => n >= 2)).toBe(true); // reserve, settle
      expect(eventsOf('rate-limited', 'pal.rate_limit')).toEqual([1]);
      expect(eventsOf('circuit', 'pal.circuit')).toEqual([0, 1, 0]);
      const hedge = spanOf(records.find((r) => r.planned.kind === 'hedge')!);
      const actions = hedge.events
        .filter((e) => e.name === 'pal.hedge')
        .map((e) => e.attributes?.['pal.hedge.action']);
      expect(actions).toEqual(['start', 'win', 'cancel']);
      expect(hedge.attributes['gen_ai.provider.name']).toBe('ollama');
    });
  });

  describe('metrics (semantic conventions v1.41, the default)', () => {
    it('duration: one point per call, the conventions’ buckets, error.type on failures', () => {
      const points = pointsOf(metrics, M.inferenceDuration);
      expect(measurements(points)).toBe(200);
      expect(points[0]?.boundaries).toEqual([...DURATION_BUCKETS_S]);
      for (const code of new Set(records.flatMap((r) => (r.error ? [r.error.code] : []))))
        expect(measurements(points, { 'error.type': code }), code).toBe(
          records.filter((r) => r.error?.code === code).length,
        );
      expect(measurements(points, { 'gen_ai.operation.name': 'embeddings' })).toBe(10);
    });

    it('token usage: the tokens the emulators served, per provider, and none for cache hits', () => {
      const points = pointsOf(metrics, M.tokenUsage!);
      expect(points[0]?.boundaries).toEqual([...TOKEN_BUCKETS]);
      expect(total(points, { 'gen_ai.token.type': 'input' })).toBe(servedTotal(records, 'inputTokens'));
      expect(total(points, { 'gen_ai.token.type': 'output' })).toBe(servedTotal(records, 'outputTokens'));
      expect(servedTotal(records, 'inputTokens')).toBeGreaterThan(3000);
      for (const vendor of ['openai', 'anthropic', 'ollama'] as const)
        for (const [type, field] of [
          ['input', 'inputTokens'],
          ['output', 'outputTokens'],
        ] as const)
          expect(
            total(points, { 'gen_ai.provider.name': vendor, 'gen_ai.token.type': type }),
            `${vendor} ${type}`,
          ).toBe(servedBy(records, vendor, field));
    });

    it('time to first chunk for each stream that got one; cost, retries, fallbacks and hedges', () => {
      const streams = records.filter((r) => r.planned.operation === 'stream');
      expect(measurements(pointsOf(metrics, M.timeToFirstChunk))).toBe(streams.length);
      expect(total(pointsOf(metrics, 'pal.client.retries'))).toBe(
        records.reduce((n, r) => n + r.planned.retries, 0),
      );
      expect(total(pointsOf(metrics, 'pal.client.fallbacks'))).toBe(
        records.reduce((n, r) => n + r.planned.fallbacks, 0),
      );
      expect(total(pointsOf(metrics, 'pal.client.hedges'), { 'pal.hedge.action': 'start' })).toBe(2);
      const cost = records.reduce((n, r) => n + (r.result?.cost.totalUsd ?? 0), 0);
      expect(total(pointsOf(metrics, 'pal.client.cost'))).toBeCloseTo(cost, 9);
    });

    it('emits none of the latest conventions’ names', () => {
      const names = new Set(metrics.map((m) => m.descriptor.name));
      for (const name of [
        SEMCONV_LATEST.metrics.inferenceDuration,
        SEMCONV_LATEST.metrics.timeToFirstChunk,
        SEMCONV_LATEST.metrics.usageCounters!.input,
      ])
        expect(names.has(name)).toBe(false);
    });
  });

  describe('/metrics', () => {
    it('parses as the Prometheus text format and carries every metric', () => {
      expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
      const expected = [
        'pal_requests_total',
        'pal_request_duration_seconds',
        'pal_time_to_first_token_seconds',
        'pal_tokens_total',
        'pal_cost_usd_total',
        'pal_in_flight_requests',
        'pal_retries_total',
        'pal_fallbacks_total',
        'pal_hedges_total',
        'pal_circuit_state',
        'pal_cache_hits_total',
        'pal_cache_misses_total',
        'pal_rate_limit_wait_seconds',
        'pal_budget_spent_usd',
        'pal_budget_limit_usd',
      ];
      for (const name of expected) {
        expect(exposed.families.get(name)?.help, name).toBeTruthy();
        const samples = exposed.samples.get(`${name}_count`) ?? exposed.samples.get(name);
        expect(samples?.length, name).toBeGreaterThan(0);
      }
    });

    it('says what happened: outcomes, tokens served, cache, circuit, retries, fallbacks, hedges, budget, nothing in flight', () => {
      const requests = (where: Record<string, string> = {}) => sumOf(exposed, 'pal_requests_total', where);
      expect(requests({ outcome: 'success' })).toBe(records.filter((r) => r.result).length);
      expect(requests({ outcome: 'PROVIDER_AUTH_ERROR' })).toBe(10);
      expect(requests({ outcome: 'CIRCUIT_OPEN', provider: 'groq' })).toBe(1);
      expect(requests({ outcome: 'ABORTED' })).toBe(2); // the hedges' losers
      expect(countOf(exposed, 'pal_request_duration_seconds')).toBe(requests());
      for (const [type, field] of [
        ['input', 'inputTokens'],
        ['output', 'outputTokens'],
        ['cached_input', 'cachedInputTokens'],
        ['cache_write', 'cacheWriteTokens'],
        ['reasoning', 'reasoningTokens'],
      ] as const)
        expect(sumOf(exposed, 'pal_tokens_total', { type }), type).toBe(servedTotal(records, field));
      expect(sumOf(exposed, 'pal_cache_hits_total')).toBe(10);
      expect(sumOf(exposed, 'pal_circuit_state', { provider: 'groq' })).toBe(2);
      expect(sumOf(exposed, 'pal_circuit_state', { provider: 'openai' })).toBe(0);
      expect(sumOf(exposed, 'pal_retries_total')).toBe(30);
      expect(
        sumOf(exposed, 'pal_fallbacks_total', { from_provider: 'openai', to_provider: 'anthropic' }),
      ).toBe(20);
      expect(sumOf(exposed, 'pal_hedges_total', { provider: 'ollama', action: 'start' })).toBe(2);
      expect(countOf(exposed, 'pal_rate_limit_wait_seconds', { provider: 'openai' })).toBe(1);
      expect(countOf(exposed, 'pal_time_to_first_token_seconds')).toBe(
        records.filter((r) => r.planned.operation === 'stream').length,
      );
      expect(sumOf(exposed, 'pal_budget_limit_usd', { scope: 'global:day' })).toBe(1000);
      expect(sumOf(exposed, 'pal_budget_spent_usd', { scope: 'global:day' })).toBeGreaterThan(0);
      expect(sumOf(exposed, 'pal_in_flight_requests')).toBe(0);
      const cost = records.reduce((n, r) => n + (r.result?.cost.totalUsd ?? 0), 0);
      expect(sumOf(exposed, 'pal_cost_usd_total')).toBeCloseTo(cost, 9);
    });
  });

  describe('logs', () => {
    it('one line per call end with provider, model, outcome, latency, tokens, cost, attempts and trace id', () => {
      const calls = logLines.filter((l) => l.pal === 'call');
      expect(calls).toHaveLength(200);
      for (const record of records) {
        const line = calls.find((l) => l.traceId === record.traceId);
        const where = `call ${record.planned.index} (${record.planned.kind})`;
        expect(line, where).toBeDefined();
        expect(line!.provider, where).toBe(servingProvider(record));
        expect(line!.attempts, where).toBe(record.requests.length);
        expect(typeof line!.latencyMs, where).toBe('number');
        if (record.error) {
          expect(line).toMatchObject({ level: 50, outcome: record.error.code });
          continue;
        }
        expect(line).toMatchObject({
          level: 30,
          outcome: 'success',
          requestId: record.result!.requestId,
          inputTokens: record.result!.usage.inputTokens,
          outputTokens: record.result!.usage.outputTokens,
        });
        expect(line!.costUsd).toBeCloseTo(record.result!.cost.totalUsd, 12);
      }
    });

    it('circuit changes at warn, retries and fallbacks at debug', () => {
      expect(logLines.filter((l) => l.pal === 'circuit')).toEqual([
        expect.objectContaining({ level: 40, provider: 'groq', state: 'open', previous: 'closed' }),
      ]);
      expect(logLines.filter((l) => l.pal === 'retry' && l.level === 20)).toHaveLength(30);
      expect(logLines.filter((l) => l.pal === 'fallback' && l.level === 20)).toHaveLength(20);
    });
  });

  describe('secrets', () => {
    it('no key appears in any span attribute, event, status, metric label, /metrics line or log line', () => {
      const haystacks = [
        JSON.stringify(
          spans.map((s) => ({
            name: s.name,
            attributes: s.attributes,
            events: s.events,
            status: s.status,
            resource: s.resource.attributes,
          })),
        ),
        JSON.stringify(
          metrics.map((m) => ({ name: m.descriptor.name, points: m.dataPoints.map((p) => p.attributes) })),
        ),
        exposition,
        JSON.stringify(logLines),
      ];
      for (const key of Object.values(KEYS)) {
        // the key, and any 12 characters of it past its prefix
        const parts = [key, ...Array.from({ length: key.length - 20 }, (_, i) => key.slice(8 + i, 20 + i))];
        for (const text of haystacks) for (const part of parts) expect(text.includes(part), part).toBe(false);
      }
      // the failing key's error was recorded, masked
      expect(haystacks[3]).toContain('Incorrect API key provided');
    });
  });
});
