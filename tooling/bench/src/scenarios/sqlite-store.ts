import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime } from '@pal/core';
import { type LedgerEntry, openStore, type SqliteStore } from '@pal/store-sqlite';
import type { Comparison } from '../comparison.js';
import { deltaToBaseline } from '../comparison.js';
import { formatDuration, formatRate } from '../format-figures.js';
import { BENCH_INPUT, forgetCalls, scriptedBenchAdapter } from '../scripted-bench-adapter.js';
import { type MeasuredTask, type MeasureOptions, measureSideBySide } from '../side-by-side.js';

/** Rows one timed ledger operation appends and writes. */
export const LEDGER_ROWS = 10_000;
/** Sequential calls in one timed runtime operation (the ledger's batch size, so each op writes one batch). */
export const CALLS_PER_OP = 1_000;
/** Rows seeded for the analytics queries. */
export const ANALYTICS_ROWS = 1_000_000;

const HOUR_MS = 3_600_000;
/** The analytics clock: 2026-03-20 14:25 UTC, 19.6 days into March. */
const NOW = Date.UTC(2026, 2, 20, 14, 25);

/**
 * What `@pal/store-sqlite` costs and sustains, on real files in a temp directory: 7a the usage
 * ledger's write rate (rows appended, then written in batches of 1,000, one transaction each, to a
 * WAL file and to `:memory:`); 7b what the ledger adds to each `runtime.chat` (scripted adapter,
 * 1,000 calls then the batch written, against no telemetry and a no-op sink); 7c each analytics
 * query over {@link ANALYTICS_ROWS} seeded rows.
 */
export async function benchSqliteStore(options: MeasureOptions): Promise<Comparison[]> {
  const dir = mkdtempSync(join(tmpdir(), 'pal-bench-store-'));
  try {
    return [await ledgerRate(dir, options), await ledgerPerCall(dir, options), await analytics(dir, options)];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function row(i: number, timestamp: number): LedgerEntry {
  return {
    provider: ['openai', 'anthropic', 'gemini', 'bedrock', 'ollama'][i % 5]!,
    model: ['large', 'small', 'mini'][i % 3]!,
    requestId: `req-${i}`,
    timestamp,
    runId: `run-${i % 20_000}`,
    user: `user-${i % 100}`,
    operation: i % 4 === 0 ? 'stream' : 'chat',
    inputTokens: 200 + (i % 800),
    outputTokens: 20 + (i % 300),
    costUsd: (200 + (i % 800)) * 2.5e-6 + (20 + (i % 300)) * 1e-5,
    latencyMs: 300 + (i % 900),
    outcome: i % 50 === 0 ? 'error' : 'success',
    attempts: 1,
  };
}

async function ledgerRate(dir: string, options: MeasureOptions): Promise<Comparison> {
  const file = openStore({
    path: join(dir, 'ledger-rate.db'),
    env: {},
    ledger: { flushIntervalMs: 3_600_000 },
  });
  const memory = openStore({ path: ':memory:', env: {}, ledger: { flushIntervalMs: 3_600_000 } });
  let next = 0;
  const write = (store: SqliteStore) => () => {
    const start = Date.now();
    for (let i = 0; i < LEDGER_ROWS; i++) store.ledger.append(row(next++, start + i));
    if (store.ledger.flush() !== LEDGER_ROWS) throw new Error('ledger benchmark: a batch was not written');
  };
  const comparison: Comparison = {
    title: `7a. Usage ledger: ${LEDGER_ROWS.toLocaleString('en-US')} rows appended, then written in batches of 1,000`,
    operation: `${LEDGER_ROWS.toLocaleString('en-US')} ledger.append + flush (10 transactions, roll-ups included)`,
    rows: await measureSideBySide(
      [
        { name: 'file (WAL, synchronous=NORMAL)', fn: write(file) },
        { name: ':memory:', fn: write(memory) },
      ],
      options,
    ),
    findings: [],
  };
  const [onFile, inMemory] = comparison.rows as [MeasuredTask, MeasuredTask];
  const rate = (task: MeasuredTask) => (LEDGER_ROWS * 1000) / task.stats.p50Ms;
  comparison.findings.push(
    `The ledger writes ${formatRate(rate(onFile))} rows/s to a file (${formatRate(rate(inMemory))} rows/s in memory), ${formatDuration(onFile.stats.p50Ms / LEDGER_ROWS)} per row; ${file.ledger.stats().written.toLocaleString('en-US')} rows written in all.`,
  );
  file.close();
  memory.close();
  return comparison;
}

async function ledgerPerCall(dir: string, options: MeasureOptions): Promise<Comparison> {
  const adapter = scriptedBenchAdapter();
  const store = openStore({
    path: join(dir, 'ledger-calls.db'),
    env: {},
    ledger: { flushIntervalMs: 3_600_000 },
  });
  const plain = createRuntime({ providers: [adapter] });
  const noop = createRuntime({ providers: [adapter], telemetry: { emit() {} } });
  const ledgered = createRuntime({ providers: [adapter], telemetry: store.ledger });
  const calls = (runtime: typeof plain, after?: () => void) => async () => {
    for (let i = 0; i < CALLS_PER_OP; i++) await runtime.chat(BENCH_INPUT);
    after?.();
  };
  const forget = () => forgetCalls(adapter);
  const comparison: Comparison = {
    title: `7b. Usage ledger on the request path: ${CALLS_PER_OP.toLocaleString('en-US')} runtime.chat calls (scripted adapter, in process)`,
    operation: `${CALLS_PER_OP.toLocaleString('en-US')} sequential runtime.chat calls (with the ledger: and the batch of their rows written)`,
    rows: await measureSideBySide(
      [
        { name: 'no telemetry (default)', fn: calls(plain), afterEach: forget },
        { name: 'telemetry: a no-op sink', fn: calls(noop), afterEach: forget },
        {
          name: 'telemetry: store.ledger',
          fn: calls(ledgered, () => store.ledger.flush()),
          afterEach: forget,
        },
      ],
      options,
    ),
    findings: [],
  };
  const [base, sink, ledger] = comparison.rows as [MeasuredTask, MeasuredTask, MeasuredTask];
  const perCall = (task: MeasuredTask) => task.stats.p50Ms / CALLS_PER_OP;
  comparison.findings.push(
    `runtime.chat takes ${formatDuration(perCall(base))} per call without telemetry and ${formatDuration(perCall(ledger))} with the ledger (+${formatDuration(deltaToBaseline(comparison, ledger) / CALLS_PER_OP)}, its batch write included), of which building the events is ${formatDuration((sink.stats.p50Ms - base.stats.p50Ms) / CALLS_PER_OP)} (a no-op sink).`,
  );
  await Promise.all([plain.close(), noop.close(), ledgered.close()]);
  store.close();
  return comparison;
}

async function analytics(dir: string, options: MeasureOptions): Promise<Comparison> {
  const store = openStore({
    path: join(dir, 'analytics.db'),
    env: {},
    clock: () => NOW,
    ledger: { flushIntervalMs: 3_600_000 },
  });
  // a month of calls: March 1st to now, evenly spread
  const monthStart = Date.UTC(2026, 2, 1);
  const step = (NOW - monthStart) / ANALYTICS_ROWS;
  const seeded = performance.now();
  for (let i = 0; i < ANALYTICS_ROWS; i++) {
    store.ledger.append(row(i, Math.floor(monthStart + i * step)));
    if ((i + 1) % 100_000 === 0) store.ledger.flush();
  }
  store.ledger.flush();
  const seedMs = performance.now() - seeded;
  const queries: Array<[string, () => unknown]> = [
    ['costByProvider (this month)', () => store.costByProvider({ since: monthStart, until: NOW })],
    ['costByModel (this month)', () => store.costByModel({ since: monthStart, until: NOW })],
    [
      'costByProvider (ragged 36 h)',
      () => store.costByProvider({ since: NOW - 36 * HOUR_MS - 1234, until: NOW }),
    ],
    ['spendThisMonth', () => store.spendThisMonth()],
    ['projectedMonthlySpend', () => store.projectedMonthlySpend()],
    [
      'usageTimeseries (hour, 7 days)',
      () => store.usageTimeseries({ bucket: 'hour', since: NOW - 168 * HOUR_MS }),
    ],
    ['usageTimeseries (day, month)', () => store.usageTimeseries({ bucket: 'day', since: monthStart })],
    ['topRuns (10)', () => store.topRuns({ limit: 10 })],
  ];
  const comparison: Comparison = {
    title: `7c. Cost analytics over ${ANALYTICS_ROWS.toLocaleString('en-US')} ledger rows (a file; hourly and per-run roll-ups)`,
    operation: 'one analytics query',
    rows: await measureSideBySide(
      queries.map(([name, fn]) => ({ name, fn })),
      { ...options, timeMs: Math.min(options.timeMs, 1000) },
    ),
    findings: [],
  };
  const slowest = comparison.rows.reduce((a, b) => (b.stats.p50Ms > a.stats.p50Ms ? b : a));
  comparison.findings.push(
    `Every query answers in at most ${formatDuration(slowest.stats.p50Ms)} (median; the slowest is ${slowest.name}) over ${ANALYTICS_ROWS.toLocaleString('en-US')} rows, seeded through the ledger at ${formatRate((ANALYTICS_ROWS * 1000) / seedMs)} rows/s.`,
  );
  store.close();
  return comparison;
}
