import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TelemetryEvent, TelemetrySink } from './telemetry-sink.js';
import { combineSinks } from './telemetry-sink.js';

const event: TelemetryEvent = { type: 'attempt', time: 0, requestId: 'r', attempt: 1 };

describe('combineSinks', () => {
  afterEach(() => vi.restoreAllMocks());

  it('isolates a sink that throws: the others get every event, failures are counted, each sink reported once', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const seen: TelemetryEvent[] = [];
    const broken: TelemetrySink = {
      emit() {
        throw new Error('exporter down, key sk-proj-abcdefghijklmnopqrstuvwxyz');
      },
    };
    const alsoBroken: TelemetrySink = {
      emit() {
        throw 'not an error';
      },
    };
    const sink = combineSinks(broken, undefined, { emit: (e) => void seen.push(e) }, alsoBroken);
    for (let i = 0; i < 5; i++) sink.emit(event);
    expect(seen).toHaveLength(5);
    expect(sink.failures).toBe(10);
    expect(warn).toHaveBeenCalledTimes(2);
    const [message, options] = warn.mock.calls[0] as [string, { code: string }];
    expect(options.code).toBe('PAL_TELEMETRY_SINK_ERROR');
    expect(message).toContain('exporter down');
    expect(message).not.toContain('abcdefghijklmnopqrstuvwxyz');
    expect(warn.mock.calls[1]?.[0]).toContain('not an error');
  });

  it('asks each tracing sink for the trace context until one answers, skipping one that throws', () => {
    vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const context = { traceId: 'a'.repeat(32), traceparent: `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01` };
    const sink = combineSinks(
      { emit() {} },
      {
        emit() {},
        traceContext() {
          throw new Error('broken');
        },
      },
      { emit() {}, traceContext: () => undefined },
      { emit() {}, traceContext: () => context },
    );
    expect(sink.traceContext?.('r')).toBe(context);
    expect(sink.failures).toBe(1);
    expect(combineSinks({ emit() {} }).traceContext).toBeUndefined();
    expect(combineSinks({ emit() {}, traceContext: () => undefined }).traceContext?.('r')).toBeUndefined();
  });
});
