import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../ledger/ledger-entry.js';
import { databaseOf } from '../schema/database-of.js';
import { useTempDir } from '../test-support/temp-dir.test-support.js';
import { DAY_MS, HOUR_MS, planRange } from './time-range.js';

/** Seed 003 "Analytics" over a seeded ledger, on a fixed clock. */

const temp = useTempDir();
const NOW = Date.UTC(2026, 2, 15, 12); // 2026-03-15 12:00 UTC: 14.5 days into a 31-day month

function entry(fields: Partial<LedgerEntry> & Pick<LedgerEntry, 'timestamp' | 'costUsd'>): LedgerEntry {
  return {
    provider: 'openai',
    model: 'gpt-4o',
    requestId: `r${fields.timestamp}-${Math.random()}`,
    inputTokens: 100,
    outputTokens: 10,
    latencyMs: 5,
    outcome: 'success',
    attempts: 1,
    ...fields,
  };
}

/** March 1st to 15th, 06:00 to 17:00: $1 of openai/gpt-4o and $0.25 of anthropic each day; one February row. */
function seeded() {
  const store = temp.open({ clock: () => NOW });
  store.ledger.append(entry({ timestamp: Date.UTC(2026, 1, 28, 23, 59), costUsd: 100, runId: 'february' }));
  for (let day = 1; day <= 15; day++) {
    const at = (hour: number) => Date.UTC(2026, 2, day, hour, 30);
    store.ledger.append(entry({ timestamp: at(6), costUsd: 0.6, runId: `run-${day}` }));
    store.ledger.append(entry({ timestamp: at(9), costUsd: 0.4, model: 'gpt-4o-mini', runId: `run-${day}` }));
    store.ledger.append(
      entry({
        timestamp: at(17),
        costUsd: 0.25,
        provider: 'anthropic',
        model: 'claude-haiku-4-5',
        runId: `run-${day}`,
      }),
    );
  }
  return store;
}

describe('cost analytics', () => {
  it('projects the month at its month-to-date pace on a fixed clock', () => {
    const store = seeded();
    // before 12:00 on the 15th: 14 whole days ($1.25 each) and the 15th's 06:30 and 09:30 rows ($1)
    expect(store.spendThisMonth()).toBeCloseTo(14 * 1.25 + 1, 10);
    const projection = store.projectedMonthlySpend();
    expect(projection).toEqual({
      month: '2026-03',
      monthToDateUsd: 18.5,
      projectedUsd: 39.5517241379, // 18.5 / 14.5 days × 31 days
      elapsedDays: 14.5,
      daysInMonth: 31,
      message: "You're on track for $39.55 this month",
    });
    // an hour into a month, the pace is taken over a full day rather than that hour
    const early = store.projectedMonthlySpend({ now: Date.UTC(2026, 1, 1, 1) });
    expect(early.monthToDateUsd).toBe(0);
    expect(store.projectedMonthlySpend({ now: Date.UTC(2026, 2, 1, 7) }).projectedUsd).toBeCloseTo(
      0.6 * 31,
      9,
    );
  });

  it('adds up cost by provider and by model over a range, dearest first', () => {
    const store = seeded();
    const march = { since: Date.UTC(2026, 2, 1), until: Date.UTC(2026, 3, 1) };
    expect(store.costByProvider(march)).toEqual([
      { provider: 'openai', costUsd: 15, calls: 30, inputTokens: 3000, outputTokens: 300 },
      { provider: 'anthropic', costUsd: 3.75, calls: 15, inputTokens: 1500, outputTokens: 150 },
    ]);
    expect(store.costByModel(march).map((m) => [m.provider, m.model, m.costUsd, m.calls])).toEqual([
      ['openai', 'gpt-4o', 9, 15],
      ['openai', 'gpt-4o-mini', 6, 15],
      ['anthropic', 'claude-haiku-4-5', 3.75, 15],
    ]);
    // a ragged range: from 09:00 on the 2nd to 07:00 on the 4th
    const ragged = { since: Date.UTC(2026, 2, 2, 9), until: Date.UTC(2026, 2, 4, 7) };
    expect(store.costByProvider(ragged).map((p) => [p.provider, p.costUsd, p.calls])).toEqual([
      ['openai', 0.4 + 1 + 0.6, 4],
      ['anthropic', 0.5, 2],
    ]);
    expect(store.costByProvider()[0]).toMatchObject({ provider: 'openai', costUsd: 115, calls: 31 });
  });

  it('gives a time series per UTC day or hour for charts, empty buckets as zeros', () => {
    const store = seeded();
    const days = store.usageTimeseries({
      bucket: 'day',
      since: Date.UTC(2026, 2, 14),
      until: Date.UTC(2026, 2, 17),
    });
    expect(days.map((d) => [new Date(d.start).toISOString().slice(0, 10), d.costUsd, d.calls])).toEqual([
      ['2026-03-14', 1.25, 3],
      ['2026-03-15', 1.25, 3],
      ['2026-03-16', 0, 0],
    ]);
    const hours = store.usageTimeseries({
      bucket: 'hour',
      since: Date.UTC(2026, 2, 15, 5, 45),
      provider: 'openai',
    });
    expect(hours).toHaveLength(7); // 05:00 … 11:00 (until defaults to the clock's now, 12:00)
    expect(hours.filter((h) => h.calls > 0).map((h) => [new Date(h.start).getUTCHours(), h.costUsd])).toEqual(
      [
        [6, 0.6],
        [9, 0.4],
      ],
    );
  });

  it('lists the dearest runs', () => {
    const store = seeded();
    expect(store.topRuns({ limit: 2 }).map((r) => [r.runId, r.costUsd, r.calls])).toEqual([
      ['february', 100, 1],
      ['run-1', 1.25, 3],
    ]);
    const recent = store.topRuns({ limit: 1, since: Date.UTC(2026, 2, 15) });
    expect(recent).toEqual([
      {
        runId: 'run-15',
        costUsd: 1.25,
        calls: 3,
        inputTokens: 300,
        outputTokens: 30,
        firstAt: Date.UTC(2026, 2, 15, 6, 30),
        lastAt: Date.UTC(2026, 2, 15, 17, 30),
      },
    ]);
  });

  it('answers every range exactly as a sum over the ledger rows would (roll-up plus ragged edges)', () => {
    const store = temp.open({ clock: () => NOW });
    let seed = 7;
    const random = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    const start = Date.UTC(2026, 0, 1);
    for (let i = 0; i < 3000; i++) {
      store.ledger.append(
        entry({
          timestamp: start + Math.floor(random() * 20 * DAY_MS),
          costUsd: Math.round(random() * 1e6) / 1e6,
          provider: random() < 0.5 ? 'openai' : 'gemini',
        }),
      );
    }
    store.ledger.flush();
    const db = databaseOf(store);
    const direct = db.prepare(
      'SELECT provider_id AS provider, SUM(cost) AS cost, COUNT(*) AS calls FROM provider_usage WHERE timestamp >= ? AND timestamp < ? GROUP BY provider_id',
    );
    for (let i = 0; i < 50; i++) {
      const a = start + Math.floor(random() * 21 * DAY_MS);
      const b = a + Math.floor(random() * (i % 2 === 0 ? 3 * HOUR_MS : 10 * DAY_MS));
      const expected = new Map(
        (direct.all(a, b) as Array<{ provider: string; cost: number; calls: number }>).map((r) => [
          r.provider,
          r,
        ]),
      );
      const answered = store.costByProvider({ since: a, until: b });
      expect(answered.length).toBe(expected.size);
      for (const row of answered) {
        expect(row.calls).toBe(expected.get(row.provider)!.calls);
        expect(row.costUsd).toBeCloseTo(expected.get(row.provider)!.cost, 6);
      }
    }
  });
});

describe('planRange', () => {
  it('reads whole hours from the roll-up and at most two ragged edges from the rows', () => {
    const h = HOUR_MS;
    expect(planRange(10 * h + 5, 13 * h + 7)).toEqual({
      hours: { from: 11 * h, to: 13 * h },
      rows: [
        { from: 10 * h + 5, to: 11 * h },
        { from: 13 * h, to: 13 * h + 7 },
      ],
    });
    expect(planRange(10 * h, 12 * h)).toEqual({ hours: { from: 10 * h, to: 12 * h }, rows: [] });
    expect(planRange(10 * h + 1, 10 * h + 9)).toEqual({ rows: [{ from: 10 * h + 1, to: 10 * h + 9 }] });
    expect(planRange(5, 5)).toEqual({ rows: [] });
  });
});
