import { Writable } from 'node:stream';
import { createRuntime, PalError, type TelemetryEvent } from '@pal/core';
import { openai } from '@pal/provider-openai';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAL_REDACT_PATHS } from './log-options.js';
import { logSink } from './log-sink.js';
import { type Emulators, KEYS, startEmulators } from './scenario.test-support.js';

let emus: Emulators;
beforeAll(async () => {
  emus = await startEmulators();
});
afterAll(() => emus?.close());

function memoryLogger(level = 'info') {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino(
    { level },
    new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line));
        done();
      },
    }),
  );
  return { lines, logger };
}

const base = { time: 0, requestId: 'r1', provider: 'openai', model: 'gpt-4o-mini' };

describe('logSink', () => {
  it('writes one line per call end; a credential in the metadata is redacted by pino, one in an error message masked by PAL', async () => {
    const { lines, logger } = memoryLogger();
    const runtime = createRuntime({
      providers: [openai({ apiKey: KEYS.openai, baseURL: `${emus.openai.url}/v1` })],
      telemetry: logSink({ logger }),
    });
    const result = await runtime.chat({
      model: 'openai/gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      metadata: { runId: 'run-7', apiKey: KEYS.openai, token: KEYS.openai },
    });
    emus.openai.script({
      fault: { type: 'error', kind: 'auth', message: `Incorrect API key provided: ${KEYS.openai}` },
    });
    await runtime
      .chat({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
      .catch(() => undefined);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 30,
        pal: 'call',
        requestId: result.requestId,
        outcome: 'success',
        attempts: 1,
        inputTokens: result.usage.inputTokens,
        metadata: { runId: 'run-7', apiKey: '[redacted]', token: '[redacted]' },
      }),
      expect.objectContaining({
        level: 50,
        pal: 'call',
        outcome: 'PROVIDER_AUTH_ERROR',
        error: expect.stringContaining('sk-...'),
      }),
    ]);
    expect(JSON.stringify(lines)).not.toContain(KEYS.openai.slice(8, 30));
  });

  it('warnings, circuit changes and budget alerts and refusals at warn; the rest of the routing at debug only', () => {
    const { lines, logger } = memoryLogger('info');
    const sink = logSink({ logger });
    const events: TelemetryEvent[] = [
      { ...base, type: 'warning', warning: { type: 'unsupported-setting', setting: 'seed' } },
      { ...base, type: 'circuit', state: 'open', previous: 'closed' },
      {
        ...base,
        type: 'budget',
        action: 'alert',
        scope: 'global:day',
        amountUsd: 0,
        spentUsd: 8,
        limitUsd: 10,
      },
      {
        ...base,
        type: 'budget',
        action: 'reject',
        scope: 'global:day',
        amountUsd: 3,
        spentUsd: 8,
        limitUsd: 10,
      },
      {
        ...base,
        type: 'budget',
        action: 'settle',
        scope: 'global:day',
        amountUsd: 1,
        spentUsd: 9,
        limitUsd: 10,
      },
      { ...base, type: 'retry', attempt: 1, delayMs: 5, error: new PalError({ code: 'TIMEOUT' }) },
    ];
    for (const event of events) sink.emit(event);
    expect(lines.map((l) => [l.level, l.pal])).toEqual([
      [40, 'warning'],
      [40, 'circuit'],
      [40, 'budget'],
      [40, 'budget'],
    ]);
    expect(lines[0]).toMatchObject({
      warning: 'unsupported-setting',
      setting: 'seed',
      msg: 'seed is not supported and was not sent',
    });
    const debug = memoryLogger('debug');
    logSink({ logger: debug.logger }).emit(events[5] as TelemetryEvent);
    expect(debug.lines).toEqual([
      expect.objectContaining({ level: 20, pal: 'retry', code: 'TIMEOUT', delayMs: 5 }),
    ]);
  });

  it('redacts its own paths plus those given; refuses a logger that is not one', () => {
    const { lines, logger } = memoryLogger();
    const sink = logSink({ logger: logger.child({ service: 'api' }), redact: ['metadata.email'] });
    sink.emit({
      ...base,
      type: 'call-end',
      operation: 'chat',
      outcome: 'success',
      latencyMs: 3,
      attempts: 1,
      metadata: { email: 'ada@example.com', password: 'hunter2', headers: { authorization: 'Bearer x' } },
    });
    expect(lines[0]).toMatchObject({
      service: 'api',
      metadata: { email: '[redacted]', password: '[redacted]', headers: { authorization: '[redacted]' } },
    });
    expect(PAL_REDACT_PATHS).toContain('metadata.apiKey');
    expect(PAL_REDACT_PATHS.some((path) => path.includes('*'))).toBe(false);
    expect(() => logSink({ logger: console as never })).toThrow(
      expect.objectContaining({ code: 'CONFIG_ERROR' }),
    );
  });
});
