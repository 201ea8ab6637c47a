import type { PalError } from '../errors/pal-error.js';
import type { Cost, Usage } from '../contracts/usage.js';

/** Fields every kernel event carries. */
interface EventBase {
  /** Epoch milliseconds. */
  time: number;
  requestId: string;
  provider?: string;
  model?: string;
}

/**
 * Every event the kernel and its policies emit. `@pal/telemetry` turns these into
 * OpenTelemetry spans, Prometheus metrics and ledger rows; the kernel imports no OTel.
 */
export type TelemetryEvent =
  | (EventBase & {
      type: 'request';
      operation: 'chat' | 'stream' | 'embed' | 'image';
      metadata?: Record<string, unknown>;
    })
  | (EventBase & { type: 'attempt'; attempt: number })
  | (EventBase & { type: 'retry'; attempt: number; delayMs: number; error: PalError })
  | (EventBase & { type: 'fallback'; from: string; to: string; error: PalError })
  | (EventBase & {
      type: 'circuit';
      state: 'closed' | 'open' | 'half-open';
      previous: 'closed' | 'open' | 'half-open';
    })
  | (EventBase & { type: 'cache'; hit: boolean })
  | (EventBase & { type: 'rate-limit'; waitedMs: number; rejected: boolean })
  | (EventBase & {
      type: 'budget';
      action: 'reserve' | 'settle' | 'release' | 'reject' | 'alert';
      scope: string;
      amountUsd: number;
      spentUsd: number;
      limitUsd?: number;
    })
  | (EventBase & { type: 'first-token'; latencyMs: number })
  | (EventBase & {
      type: 'usage';
      usage: Usage;
      cost: Cost;
      latencyMs: number;
      metadata?: Record<string, unknown>;
    })
  | (EventBase & { type: 'error'; error: PalError; latencyMs: number });

/** Receives kernel events. Implementations must not throw (errors are swallowed by the kernel). */
export interface TelemetrySink {
  emit(event: TelemetryEvent): void;
}

/** Fans one event out to several sinks, isolating failures. */
export function combineSinks(...sinks: Array<TelemetrySink | undefined>): TelemetrySink {
  const present = sinks.filter((s): s is TelemetrySink => s !== undefined);
  return {
    emit(event) {
      for (const sink of present) {
        try {
          sink.emit(event);
        } catch {
          // a broken sink must never break a call
        }
      }
    },
  };
}
