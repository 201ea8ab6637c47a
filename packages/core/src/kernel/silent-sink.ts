import type { TelemetrySink } from '../telemetry/telemetry-sink.js';

/**
 * The sink a runtime hands its calls when no telemetry is configured: it drops every event.
 * The kernel and the policies recognise it (see {@link isSilentSink}) and do not even build
 * the events they would send it.
 */
export const SILENT_SINK: TelemetrySink = Object.freeze({ emit(): void {} });

/** True when events sent to `sink` go nowhere: no sink at all, or {@link SILENT_SINK}. */
export function isSilentSink(sink: TelemetrySink | undefined): boolean {
  return sink === undefined || sink === SILENT_SINK;
}
