import { inspect } from 'node:util';
import type { ErrorCode, PalError } from '@pal/core';
import { expect, it } from 'vitest';
import type { ErrorKind, Fault } from '../emulator/types.js';
import { CONFORMANCE_API_KEY } from './conformance-options.js';
import { type ConformanceHarness, drain, rejectionOf } from './harness.js';

/** Every vendor error kind the suite scripts, and the PAL code it must become. */
const ERROR_TABLE: ReadonlyArray<{ kind: ErrorKind; code: ErrorCode; needsAuth?: boolean }> = [
  { kind: 'auth', code: 'PROVIDER_AUTH_ERROR', needsAuth: true },
  { kind: 'permission', code: 'PROVIDER_AUTH_ERROR', needsAuth: true },
  { kind: 'not_found', code: 'MODEL_NOT_FOUND' },
  { kind: 'invalid', code: 'INVALID_REQUEST' },
  { kind: 'context_length', code: 'CONTEXT_LENGTH_EXCEEDED' },
  { kind: 'quota', code: 'QUOTA_EXCEEDED' },
  { kind: 'server', code: 'PROVIDER_API_ERROR' },
  { kind: 'overloaded', code: 'OVERLOADED' },
];

/** Fails when `error` reveals the suite's API key in its JSON or `util.inspect` form. */
function expectNoSecret(error: PalError): void {
  for (const text of [JSON.stringify(error), inspect(error, { depth: 8 }), String(error.stack)]) {
    expect(text).not.toContain(CONFORMANCE_API_KEY);
    expect(text).not.toContain('SECRET-1234567890');
  }
}

/** Registers the error-mapping tests (chat and stream) and the no-secret-in-errors test. */
export function registerErrorCases(h: ConformanceHarness): void {
  const auth = h.options.capabilities.auth !== false;
  const chat = () => ({
    model: h.ref(h.options.models.chat),
    messages: [{ role: 'user' as const, content: 'Hi' }],
  });
  const failWith = async (fault: Fault, timeoutMs?: number) => {
    h.emulator.script({ fault });
    const runtime = h.runtime(timeoutMs === undefined ? {} : { timeout: { totalMs: timeoutMs } });
    return rejectionOf(runtime.chat(chat()));
  };

  for (const { kind, code, needsAuth } of ERROR_TABLE) {
    it.skipIf(needsAuth && !auth)(`errors: vendor "${kind}" → ${code}`, async () => {
      const error = await failWith({ type: 'error', kind });
      expect(error.code).toBe(code);
      expect(error.provider).toBe(h.adapter.id);
      expect(h.emulator.requests).toHaveLength(1);
    });
  }

  it('errors: rate limit with retry-after: 2 → PROVIDER_RATE_LIMIT_ERROR, retryAfterMs 2000', async () => {
    const error = await failWith({ type: 'error', kind: 'rate_limit', headers: { 'retry-after': '2' } });
    expect(error.code).toBe('PROVIDER_RATE_LIMIT_ERROR');
    expect(error.retryAfterMs).toBe(2000);
    expect(error.retryable).toBe(true);
  });

  it('errors: a reset connection → NETWORK_ERROR', async () => {
    expect((await failWith({ type: 'reset' })).code).toBe('NETWORK_ERROR');
  });

  it("errors: a 2 s stall against the runtime's 300 ms timeout → TIMEOUT", async () => {
    const error = await failWith({ type: 'stall', ms: 2000 }, 300);
    expect(error.code).toBe('TIMEOUT');
  });

  it.runIf(h.options.capabilities.streaming !== false)(
    'errors: a stream that fails before its first event ends with the same mapped error',
    async () => {
      h.emulator.script({ fault: { type: 'error', kind: 'not_found' } });
      const events = await drain(h.runtime().stream(chat()));
      const last = events.at(-1);
      expect(last?.type).toBe('error');
      expect(last?.type === 'error' && last.error.code).toBe('MODEL_NOT_FOUND');
      expect(events.some((e) => e.type === 'finish')).toBe(false);
    },
  );

  it.runIf(h.options.capabilities.streaming !== false)(
    'errors: a stream cut mid-way ends with a typed error after the text so far',
    async () => {
      // 16 text chunks cut after 8 frames: past every vendor's preamble frames (the Responses API
      // sends four), well before the last frame
      h.emulator.script({
        text: 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen',
        chunks: 16,
        fault: { type: 'cut', afterChunks: 8 },
      });
      const events = await drain(h.runtime().stream(chat()));
      expect(
        events.some((e) => e.type === 'text-delta'),
        'text before the cut',
      ).toBe(true);
      expect(events.at(-1)?.type).toBe('error');
      expect(events.some((e) => e.type === 'finish')).toBe(false);
    },
  );

  it('errors: no error reveals the API key, even one the vendor echoes (JSON, inspect, stack)', async () => {
    const faults: Fault[] = [
      ...(auth ? [{ type: 'error', kind: 'auth' } as const] : []),
      { type: 'error', kind: 'not_found' },
      // vendors echo a rejected key back ("Incorrect API key provided: sk-…")
      { type: 'error', kind: 'invalid', message: `Incorrect API key provided: ${CONFORMANCE_API_KEY}` },
      { type: 'error', kind: 'server' },
      { type: 'error', kind: 'rate_limit', headers: { 'retry-after': '1' } },
      { type: 'reset' },
    ];
    for (const fault of faults) expectNoSecret(await failWith(fault));
    h.emulator.script({ fault: { type: 'error', kind: 'server' } });
    const events = await drain(h.runtime().stream(chat()));
    const last = events.at(-1);
    expect(last?.type).toBe('error');
    if (last?.type === 'error') expectNoSecret(last.error);
  });
}
