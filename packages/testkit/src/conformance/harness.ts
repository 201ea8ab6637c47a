import {
  createRuntime,
  isPalError,
  type PalError,
  type PolicySettings,
  type ProviderAdapter,
  type Runtime,
  type StreamEvent,
} from '@pal/core';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { type Emulator, startEmulator } from '../emulator/server.js';
import { CONFORMANCE_API_KEY, type ProviderConformanceOptions } from './conformance-options.js';

/** What every conformance test works with; valid inside tests (set up in `beforeAll`). */
export interface ConformanceHarness {
  readonly options: ProviderConformanceOptions;
  readonly emulator: Emulator;
  readonly adapter: ProviderAdapter;
  /** `"<provider id>/<model>"` for a bare model id. */
  ref(model: string): string;
  /** A runtime over the adapter with retry and the circuit breaker off, plus `policies`. */
  runtime(policies?: PolicySettings): Runtime;
}

/**
 * Starts the vendor emulator before the suite's tests, builds the adapter against it, resets the
 * emulator before each test and closes it afterwards. Call inside a `describe`.
 */
export function useConformanceHarness(options: ProviderConformanceOptions): ConformanceHarness {
  let emulator: Emulator | undefined;
  let adapter: ProviderAdapter | undefined;
  beforeAll(async () => {
    emulator = await startEmulator(options.vendor);
    adapter = options.makeAdapter(emulator.url, { apiKey: CONFORMANCE_API_KEY });
  });
  beforeEach(() => emulator?.reset());
  afterAll(async () => {
    await emulator?.close();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the conformance harness is used outside a test');
    return value;
  };
  return {
    options,
    get emulator() {
      return ready(emulator);
    },
    get adapter() {
      return ready(adapter);
    },
    ref: (model) => `${ready(adapter).id}/${model}`,
    runtime: (policies = {}) =>
      createRuntime({
        providers: [ready(adapter)],
        policies: { retry: false, circuitBreaker: false, ...policies },
      }),
  };
}

/** Awaits a promise that must reject, and returns its error (asserted to be a PalError). */
export async function rejectionOf(promise: Promise<unknown>): Promise<PalError> {
  let error: unknown;
  try {
    await promise;
  } catch (caught) {
    error = caught;
  }
  expect(error, 'the call was expected to fail').toBeDefined();
  expect(isPalError(error), `expected a PalError, got ${String(error)}`).toBe(true);
  return error as PalError;
}

/** Every event of a stream, until it ends; a thrown error is returned as a final `error` event. */
export async function drain(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  try {
    for await (const event of stream) events.push(event);
  } catch (error) {
    expect(isPalError(error), `a stream threw a non-PalError: ${String(error)}`).toBe(true);
    events.push({ type: 'error', error: error as PalError });
  }
  return events;
}

/** The joined text of a stream's text deltas. */
export function streamedText(events: readonly StreamEvent[]): string {
  return events.flatMap((e) => (e.type === 'text-delta' ? [e.text] : [])).join('');
}

/** The one event of `type` in `events` (asserted to exist). */
export function eventOf<T extends StreamEvent['type']>(
  events: readonly StreamEvent[],
  type: T,
): Extract<StreamEvent, { type: T }> {
  const found = events.filter((e) => e.type === type);
  expect(found.length, `expected one "${type}" event, got ${events.map((e) => e.type).join(', ')}`).toBe(1);
  return found[0] as Extract<StreamEvent, { type: T }>;
}

/** Polls `condition` every 10 ms until it holds or `limitMs` passes; returns whether it held. */
export async function eventually(condition: () => boolean, limitMs = 3000): Promise<boolean> {
  const until = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}
