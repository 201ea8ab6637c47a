import { expect, it } from 'vitest';
import type { ErrorKind } from '../emulator/types.js';
import { type ConformanceHarness, drain, eventually, rejectionOf } from './harness.js';

/** Registers the one-request-per-attempt and abort tests. */
export function registerTransportCases(h: ConformanceHarness): void {
  const chat = () => ({
    model: h.ref(h.options.models.chat),
    messages: [{ role: 'user' as const, content: 'Hi' }],
  });
  const streaming = h.options.capabilities.streaming !== false;

  it('attempts: retry maxAttempts 2 against 500, 500 sends exactly 2 requests', async () => {
    h.emulator.script(
      { fault: { type: 'error', kind: 'server' } },
      { fault: { type: 'error', kind: 'server' } },
    );
    const runtime = h.runtime({ retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2, budget: false } });
    const error = await rejectionOf(runtime.chat(chat()));
    expect(error.code).toBe('PROVIDER_API_ERROR');
    expect(h.emulator.requests).toHaveLength(2);
  });

  const noRetry: Array<[string, ErrorKind, number | undefined]> = [
    ['429', 'rate_limit', undefined],
    ['529', 'overloaded', 529],
    ['500', 'server', undefined],
  ];
  for (const [label, kind, status] of noRetry) {
    it(`attempts: with retry off, a ${label} is sent exactly once (no SDK-level retry)`, async () => {
      h.emulator.script({
        fault: { type: 'error', kind, ...(status && { status }), headers: { 'retry-after': '0' } },
      });
      await rejectionOf(h.runtime().chat(chat()));
      expect(h.emulator.requests).toHaveLength(1);
    });
  }

  it.runIf(streaming)(
    'abort: aborting after the first text delta closes the upstream connection',
    async () => {
      h.emulator.script({ text: 'word '.repeat(40), chunks: 20, chunkDelayMs: 40 });
      const controller = new AbortController();
      const stream = h.runtime().stream(chat(), { signal: controller.signal });
      let deltas = 0;
      const events = await drain(
        (async function* () {
          for await (const event of stream) {
            if (event.type === 'text-delta' && ++deltas === 1) controller.abort();
            yield event;
          }
        })(),
      );
      expect(events.some((e) => e.type === 'finish')).toBe(false);
      expect(deltas).toBeLessThan(20);
      expect(await eventually(() => h.emulator.requests[0]?.clientClosedEarly === true)).toBe(true);
    },
  );

  it.runIf(streaming)('abort: breaking out of for-await closes the upstream connection', async () => {
    h.emulator.script({ text: 'word '.repeat(40), chunks: 20, chunkDelayMs: 40 });
    for await (const event of h.runtime().stream(chat())) {
      if (event.type === 'text-delta') break;
    }
    expect(await eventually(() => h.emulator.requests[0]?.clientClosedEarly === true)).toBe(true);
  });
}
