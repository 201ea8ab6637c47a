import type { CallContext } from '../contracts/adapter.js';
import { isSilentSink } from '../kernel/silent-sink.js';
import type { TelemetryEvent } from '../telemetry/telemetry-sink.js';

/** An event a policy emits, without the fields every event carries. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The body of a telemetry event; `time` and `requestId` are filled in by {@link emitPolicyEvent}. */
export type PolicyEventBody = DistributiveOmit<TelemetryEvent, 'time' | 'requestId'>;

/**
 * Sends a policy's event to the call's telemetry sink, stamping the time and request id.
 * A sink that throws never breaks the call.
 */
export function emitPolicyEvent(ctx: CallContext, body: PolicyEventBody, now: () => number = Date.now): void {
  const sink = ctx.telemetry;
  if (!sink || isSilentSink(sink)) return;
  try {
    sink.emit({ ...body, time: now(), requestId: ctx.requestId } as TelemetryEvent);
  } catch {
    // telemetry must never break a call
  }
}
