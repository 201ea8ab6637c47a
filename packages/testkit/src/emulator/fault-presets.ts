import type { ScriptStep } from './types.js';

/** A named fault preset: the step to use for call number `call` when nothing is scripted for it. */
export type FaultPreset = (call: number) => ScriptStep | undefined;

/** The fault presets `startEmulator({ faults })` and the `pal-emulator --faults` flag accept. */
export const FAULT_PRESETS: Readonly<Record<string, FaultPreset>> = {
  /** No faults. */
  none: () => undefined,
  /** Every third call answers 429 with `retry-after: 1`. */
  flaky: (call) =>
    call % 3 === 0
      ? { fault: { type: 'error', kind: 'rate_limit', status: 429, headers: { 'retry-after': '1' } } }
      : undefined,
  /** Every stream chunk is delayed by 200 ms. */
  slow: () => ({ chunkDelayMs: 200 }),
  /** Every call answers 503. */
  outage: () => ({ fault: { type: 'error', kind: 'unavailable', status: 503 } }),
};

/** The names of the fault presets. */
export const FAULT_PRESET_NAMES = Object.keys(FAULT_PRESETS);
