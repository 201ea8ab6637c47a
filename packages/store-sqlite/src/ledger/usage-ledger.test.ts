import { type ChatResult, createRuntime, type PalError, type TelemetryEvent } from '@pal/core';
import { anthropic } from '@pal/provider-anthropic';
import { openai } from '@pal/provider-openai';
import { type Emulator, startEmulator } from '@pal/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { databaseOf } from '../schema/database-of.js';
import { storeProblemOf } from '../store-error.js';
import { useTempDir } from '../test-support/temp-dir.test-support.js';

/** The usage ledger against real providers and their emulators: every call a row, the bill to the cent. */

let oai: Emulator;
let ant: Emulator;
const temp = useTempDir();

beforeAll(async () => {
  [oai, ant] = await Promise.all([startEmulator('openai'), startEmulator('anthropic')]);
});
afterAll(() => Promise.all([oai.close(), ant.close()]));
beforeEach(() => {
  oai.reset();
  ant.reset();
});

function runtimeOver(
  telemetry: Parameters<typeof createRuntime>[0] extends infer O
    ? O extends { telemetry?: infer T }
      ? T
      : never
    : never,
) {
  return createRuntime({
    providers: [
      openai({ apiKey: 'sk-test-openai', baseURL: `${oai.url}/v1` }),
      anthropic({ apiKey: 'sk-ant-test', baseURL: ant.url }),
    ],
    telemetry,
    policies: { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 } },
  });
}

interface UsageRow {
  provider_id: string;
  model: string;
  run_id: string | null;
  user_id: string | null;
  request_id: string;
  operation: string;
  input_tokens: number;
  output_tokens: number;
  cached_input_tokens: number;
  reasoning_tokens: number;
  cost: number;
  latency_ms: number;
  outcome: string;
  error_code: string | null;
  attempts: number;
  trace_id: string | null;
  estimated: number;
}

const rowsOf = (store: object) =>
  databaseOf(store).prepare('SELECT * FROM provider_usage ORDER BY id').all() as UsageRow[];

describe('the usage ledger', () => {
  it('records 200 calls (chat and streams, two providers): rows, tokens and cost equal what the emulators served and the results said', async () => {
    const store = temp.open();
    const runtime = runtimeOver(store.ledger);
    const served = { input: 0, output: 0, cached: 0 };
    const results: ChatResult[] = [];
    for (let i = 0; i < 200; i++) {
      const emu = i % 2 === 0 ? oai : ant;
      const usage = {
        inputTokens: 100 + i,
        outputTokens: 20 + (i % 13),
        cachedInputTokens: i % 5 === 0 ? 64 : 0,
      };
      served.input += usage.inputTokens;
      served.output += usage.outputTokens;
      served.cached += usage.cachedInputTokens;
      emu.script({ text: `answer ${i}`, usage });
      const request = {
        model: i % 2 === 0 ? 'openai/gpt-4o-mini' : 'anthropic/claude-haiku-4-5',
        messages: [{ role: 'user' as const, content: `question ${i}` }],
        metadata: { runId: `run-${i % 7}`, user: `user-${i % 3}` },
      };
      const traced = { traceparent: `00-${(i + 1).toString(16).padStart(32, '0')}-00f067aa0ba902b7-01` };
      results.push(
        i % 4 === 3 ? await runtime.stream(request, traced).result() : await runtime.chat(request, traced),
      );
    }
    await runtime.close();
    store.ledger.flush();
    expect(store.ledger.stats()).toMatchObject({ written: 200, pending: 0, failedBatches: 0 });

    const rows = rowsOf(store);
    expect(rows).toHaveLength(200);
    const sum = (pick: (row: UsageRow) => number) => rows.reduce((total, row) => total + pick(row), 0);
    expect(sum((r) => r.input_tokens)).toBe(served.input);
    expect(sum((r) => r.output_tokens)).toBe(served.output);
    expect(results.reduce((total, r) => total + r.usage.inputTokens, 0)).toBe(served.input);
    const billed = results.reduce((total, r) => total + r.cost.totalUsd, 0);
    expect(billed).toBeGreaterThan(0);
    expect(sum((r) => r.cost)).toBeCloseTo(billed, 12);

    const byRequest = new Map(rows.map((row) => [row.request_id, row]));
    results.forEach((result, i) => {
      const row = byRequest.get(result.requestId)!;
      expect(row).toMatchObject({
        provider_id: result.provider,
        model: i % 2 === 0 ? 'gpt-4o-mini' : 'claude-haiku-4-5',
        operation: i % 4 === 3 ? 'stream' : 'chat',
        run_id: `run-${i % 7}`,
        user_id: `user-${i % 3}`,
        input_tokens: result.usage.inputTokens,
        output_tokens: result.usage.outputTokens,
        cached_input_tokens: result.usage.cachedInputTokens ?? 0,
        outcome: 'success',
        error_code: null,
        attempts: 1,
        trace_id: (i + 1).toString(16).padStart(32, '0'),
        estimated: 0,
      });
      expect(row.cost).toBeCloseTo(result.cost.totalUsd, 15);
    });

    // the analytics read the same numbers
    const byProvider = store.costByProvider();
    expect(byProvider.map((p) => p.calls).sort()).toEqual([100, 100]);
    expect(byProvider.reduce((total, p) => total + p.costUsd, 0)).toBeCloseTo(billed, 9);
    expect(store.topRuns({ limit: 7 }).reduce((total, run) => total + run.calls, 0)).toBe(200);
  });

  it('records a stream the caller stopped reading midway, with its partial usage estimated and marked so', async () => {
    const store = temp.open();
    const runtime = runtimeOver(store.ledger);
    oai.script({ text: 'word '.repeat(200), chunks: 40, chunkDelayMs: 2 });
    let deltas = 0;
    for await (const event of runtime.stream({
      model: 'openai/gpt-4o-mini',
      messages: [{ role: 'user', content: 'Tell me a long story' }],
      metadata: { runId: 'aborted-run' },
    })) {
      if (event.type === 'text-delta' && ++deltas === 3) break;
    }
    await runtime.close();
    store.ledger.flush();
    const [row] = rowsOf(store);
    expect(row).toMatchObject({
      outcome: 'aborted',
      error_code: 'ABORTED',
      estimated: 1,
      run_id: 'aborted-run',
      attempts: 1,
    });
    expect(row!.input_tokens).toBeGreaterThan(0);
    expect(row!.output_tokens).toBeGreaterThan(0);
    expect(row!.output_tokens).toBeLessThan(250); // three chunks of 40, not the whole answer
    expect(row!.cost).toBeGreaterThan(0);
  });

  it('records failed calls with their code and attempts, and retried ones once with every attempt', async () => {
    const store = temp.open();
    const runtime = runtimeOver(store.ledger);
    const hi = { model: 'openai/gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Hi' }] };
    oai.script({ fault: { type: 'error', kind: 'auth' } });
    await runtime.chat(hi).catch(() => undefined);
    oai.script(
      { fault: { type: 'error', kind: 'server' } },
      { text: 'second time', usage: { inputTokens: 9, outputTokens: 3 } },
    );
    await runtime.chat(hi);
    await runtime.close();
    store.ledger.flush();
    expect(
      rowsOf(store).map((r) => [r.outcome, r.error_code, r.attempts, r.input_tokens, r.cost > 0]),
    ).toEqual([
      ['error', 'PROVIDER_AUTH_ERROR', 1, 0, false],
      ['success', null, 2, 9, true],
    ]);
  });

  it('writes rows in batches off the request path: at maxBatchRows, and on the interval', async () => {
    const store = temp.open({ ledger: { flushIntervalMs: 20, maxBatchRows: 5 } });
    const entry = (i: number) => ({
      provider: 'p',
      model: 'm',
      requestId: `r${i}`,
      timestamp: 1_000 + i,
      inputTokens: 1,
      outputTokens: 1,
      costUsd: 0.5,
      latencyMs: 1,
      outcome: 'success' as const,
      attempts: 1,
    });
    for (let i = 0; i < 4; i++) store.ledger.append(entry(i));
    expect(rowsOf(store)).toHaveLength(0); // queued, not written by append
    expect(store.ledger.stats().pending).toBe(4);
    await vi.waitFor(() => expect(rowsOf(store)).toHaveLength(4)); // the interval wrote them
    for (let i = 4; i < 9; i++) store.ledger.append(entry(i));
    await new Promise((resolve) => setImmediate(resolve)); // a full batch goes at the next turn
    expect(rowsOf(store)).toHaveLength(9);
    expect(store.ledger.stats()).toMatchObject({ written: 9, pending: 0, dropped: 0, failedBatches: 0 });
  });

  it('keeps serving requests when the disk is full: the write fails off the path, is reported, no batch is half-written, and is retried', async () => {
    const reported: PalError[] = [];
    const warnings: TelemetryEvent[] = [];
    const store = temp.open({
      ledger: {
        flushIntervalMs: 60_000,
        onError: (error) => reported.push(error),
        telemetry: { emit: (event) => warnings.push(event) },
      },
    });
    const runtime = runtimeOver(store.ledger);
    const hi = { model: 'openai/gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Hi' }] };
    await runtime.chat(hi);
    store.ledger.flush();
    const db = databaseOf(store);
    // SQLite reports a database that cannot grow past max_page_count exactly as a full disk (SQLITE_FULL)
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages}`);

    const answers = await Promise.all(Array.from({ length: 300 }, () => runtime.chat(hi)));
    expect(answers.every((answer) => answer.text.length > 0)).toBe(true);
    expect(store.ledger.flush()).toBe(0);
    expect(rowsOf(store)).toHaveLength(1); // all of the failed batch or none of it
    expect(reported.map(storeProblemOf)).toEqual(['disk-full']);
    expect(reported[0]!.message).toContain(temp.path);
    expect(warnings).toMatchObject([{ type: 'warning', warning: { type: 'other' } }]);
    expect(store.ledger.stats()).toMatchObject({ pending: 300, failedBatches: 1 });

    db.pragma('max_page_count = 1073741823');
    expect(store.ledger.flush()).toBe(300);
    expect(rowsOf(store)).toHaveLength(301);
    await runtime.close();
  });

  it('writes fallbacks and budget alerts to the audit log', () => {
    const store = temp.open();
    const error = { code: 'OVERLOADED' } as PalError;
    store.ledger.emit({
      type: 'fallback',
      time: 5,
      requestId: 'r1',
      from: 'openai/gpt-4o',
      to: 'anthropic/claude-haiku-4-5',
      error,
    });
    store.ledger.emit({
      type: 'budget',
      time: 6,
      requestId: 'r2',
      provider: 'openai',
      action: 'alert',
      scope: 'provider:openai:month',
      amountUsd: 0,
      spentUsd: 8.5,
      limitUsd: 10,
    });
    store.ledger.flush();
    expect(store.auditLog().entries).toMatchObject([
      {
        provider: 'openai',
        action: 'fallback_triggered',
        timestamp: 5,
        metadata: { from: 'openai/gpt-4o', to: 'anthropic/claude-haiku-4-5', errorCode: 'OVERLOADED' },
      },
      {
        provider: 'openai',
        action: 'budget_alert',
        metadata: { scope: 'provider:openai:month', spentUsd: 8.5 },
      },
    ]);
  });

  it('writes what is pending when the store closes', () => {
    const store = temp.open({ ledger: { flushIntervalMs: 60_000 } });
    store.ledger.append({
      provider: 'p',
      model: 'm',
      requestId: 'last',
      timestamp: 1,
      inputTokens: 1,
      outputTokens: 1,
      costUsd: 1,
      latencyMs: 1,
      outcome: 'success',
      attempts: 1,
    });
    store.close();
    const reopened = temp.open();
    expect(rowsOf(reopened).map((r) => r.request_id)).toEqual(['last']);
  });
});
