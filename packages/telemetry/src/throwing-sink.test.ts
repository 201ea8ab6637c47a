import { SpanKind } from '@opentelemetry/api';
import type { TelemetryEvent, TelemetrySink } from '@pal/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { otelHarness } from './otel-harness.test-support.js';
import { otelSink } from './otel-sink.js';
import { type Emulators, plan, runPlan, scenarioClients, startEmulators } from './scenario.test-support.js';

let emus: Emulators;
beforeAll(async () => {
  emus = await startEmulators();
});
afterAll(() => emus?.close());

describe('a sink that throws on every event', () => {
  it('breaks no call: the scripted calls end as they do without it, the other sinks see everything, one warning', async () => {
    const warnings = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    let thrown = 0;
    const broken: TelemetrySink = {
      emit(_event: TelemetryEvent) {
        thrown++;
        throw new Error('collector unreachable');
      },
      traceContext() {
        throw new Error('no context either');
      },
    };
    const otel = otelHarness();
    const tracing = otelSink({ tracer: otel.tracer, meter: otel.meter });
    const planned = plan().slice(0, 60);
    const records = await runPlan(emus, scenarioClients(emus, [broken, tracing], [broken, tracing]), planned);
    expect(thrown).toBeGreaterThan(500);
    // every call ended as scripted: the failures are the planned ones, nothing else
    const failedKinds = new Set(records.filter((r) => r.error).map((r) => r.planned.kind));
    expect(failedKinds).toEqual(new Set(['fail-auth', 'stream-cut']));
    expect(records.filter((r) => r.result)).toHaveLength(54);
    // the runtime's and each router's combined sinks report the broken sink once each
    expect(
      warnings.mock.calls.filter(([, o]) => (o as { code?: string })?.code === 'PAL_TELEMETRY_SINK_ERROR'),
    ).toHaveLength(3);
    expect(otel.spans().filter((s) => s.kind === SpanKind.CLIENT)).toHaveLength(60);
    warnings.mockRestore();
    await otel.shutdown();
  });
});
