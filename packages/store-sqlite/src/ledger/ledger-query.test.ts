import { describe, expect, it } from 'vitest';
import { useTempDir } from '../test-support/temp-dir.test-support.js';
import type { LedgerEntry } from './ledger-entry.js';

const temp = useTempDir();

const entry = (i: number, extra: Partial<LedgerEntry> = {}): LedgerEntry => ({
  provider: i % 2 === 0 ? 'openai' : 'anthropic',
  model: 'm',
  requestId: `r${i}`,
  timestamp: 1_000 + i,
  inputTokens: 10,
  outputTokens: 5,
  costUsd: 0.001,
  latencyMs: 3,
  outcome: 'success',
  attempts: 1,
  ...extra,
});

describe('reading the ledger back', () => {
  it('pages through rows oldest first, pending rows included, filtered by call, provider and time', () => {
    const store = temp.open({ ledger: { flushIntervalMs: 60_000 } });
    for (let i = 0; i < 5; i++) store.ledger.append(entry(i));
    store.ledger.append(
      entry(5, { outcome: 'aborted', errorCode: 'ABORTED', estimated: true, runId: 'run-1', user: 'ann' }),
    );
    expect(store.countUsageEntries()).toBe(6); // written first, though the interval has not come
    expect(store.countUsageEntries({ since: 1_004 })).toBe(2);

    const seen: string[] = [];
    let page = store.usageEntries({ limit: 4 });
    for (;;) {
      seen.push(...page.entries.map((e) => e.requestId));
      if (page.next === undefined) break;
      page = store.usageEntries({ limit: 4, after: page.next });
    }
    expect(seen).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5']);
    expect(store.usageEntries({ provider: 'anthropic' }).entries.map((e) => e.requestId)).toEqual([
      'r1',
      'r3',
      'r5',
    ]);
    expect(store.usageEntries({ since: 1_001, until: 1_003 }).entries.map((e) => e.requestId)).toEqual([
      'r1',
      'r2',
    ]);
    const [aborted] = store.usageEntries({ requestId: 'r5' }).entries;
    expect(aborted).toEqual({
      id: 6,
      ...entry(5),
      outcome: 'aborted',
      errorCode: 'ABORTED',
      estimated: true,
      runId: 'run-1',
      user: 'ann',
    });
  });
});
