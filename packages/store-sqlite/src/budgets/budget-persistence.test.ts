import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type Emulator, startEmulator } from '@pal/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { databaseOf } from '../schema/database-of.js';
import { useTempDir } from '../test-support/temp-dir.test-support.js';
import { type Spending, spend } from './spend.test-support.js';

/** Seed 003 "Per-Provider Budgets" on a file: spend, alert marks and limits survive restarts and are shared. */

let emu: Emulator;
const temp = useTempDir();
const answer = { text: 'ok', usage: { inputTokens: 10, outputTokens: 10 } }; // $0.02 at DEAR prices
const DAY = Date.UTC(2026, 2, 10, 12);

beforeAll(async () => {
  emu = await startEmulator('openai');
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.reset();
  emu.script(...Array.from({ length: 400 }, () => answer));
});

/** Every budget counter in the file, in USD (the guard counts nano-dollars). */
function counters(store: object): Record<string, number> {
  const rows = databaseOf(store)
    .prepare("SELECT key, value FROM state WHERE key LIKE 'pal:budget:global:%'")
    .all() as Array<{ key: string; value: string }>;
  return Object.fromEntries(rows.map((row) => [row.key, Number(row.value) / 1e9]));
}

describe('budgets on the SQLite store', () => {
  it('stores the seed ProviderBudget settings, audited, and turns them into the budget guard settings', () => {
    const store = temp.open({ clock: () => 5 });
    store.setBudget({ dailyUsd: 5, monthlyUsd: 100, alertThreshold: 0.8 }, { actor: 'ann' });
    store.setBudget({ provider: 'openai', dailyUsd: 2, perRunSoftTokens: 1000, perRunHardTokens: 5000 });
    store.setBudget({ provider: 'openai', dailyUsd: 3 });
    expect(store.listBudgets()).toEqual([
      { dailyUsd: 5, monthlyUsd: 100, alertThreshold: 0.8, updatedAt: 5 },
      { provider: 'openai', dailyUsd: 3, perRunSoftTokens: 1000, perRunHardTokens: 5000, updatedAt: 5 },
    ]);
    const { policies, providerPolicies } = store.budgetPolicies();
    expect(policies.budget).toMatchObject({
      global: { dailyUsd: 5, monthlyUsd: 100 },
      alertThreshold: 0.8,
      providers: { openai: { dailyUsd: 3 } },
      store: store.state,
    });
    expect(providerPolicies).toEqual({
      openai: { budget: { perRun: { softTokens: 1000, hardTokens: 5000 } } },
    });
    expect(
      store.auditLog({ action: 'budget_changed' }).entries.map((e) => [e.provider, e.actor, e.metadata]),
    ).toEqual([
      [
        undefined,
        'ann',
        {
          scope: 'global',
          changes: {
            dailyUsd: { from: null, to: 5 },
            monthlyUsd: { from: null, to: 100 },
            alertThreshold: { from: null, to: 0.8 },
          },
        },
      ],
      expect.arrayContaining(['openai']),
      ['openai', undefined, { scope: 'provider:openai', changes: { dailyUsd: { from: 2, to: 3 } } }],
    ]);
  });

  it('keeps spend and the alert mark across a restart: the hard limit still holds and the 80 % alert fires once', async () => {
    const now = () => DAY;
    const first = temp.open({ clock: now });
    first.setBudget({ dailyUsd: 1, alertThreshold: 0.8 });
    // 42 calls of $0.02: $0.84 spent, past the 80 % alert
    const before = await spend(first, emu.url, { calls: 42, concurrency: 1, now });
    expect(before).toMatchObject({ answered: 42, refused: 0, alerts: 1 });
    first.close();

    const second = temp.open({ clock: now });
    expect(counters(second)['pal:budget:global:day:2026-03-10']).toBeCloseTo(0.84, 9);
    const after = await spend(second, emu.url, { calls: 20, concurrency: 1, now });
    expect(after.alerts).toBe(0); // already raised before the restart
    expect(after.refused).toBeGreaterThan(0);
    expect(before.settledUsd + after.settledUsd).toBeLessThanOrEqual(1);
    // the ledger (timed by the events, not the budget's clock) agrees
    expect(second.costByProvider()[0]!.costUsd).toBeCloseTo(before.settledUsd + after.settledUsd, 9);
    expect(second.auditLog({ action: 'budget_alert' }).entries).toHaveLength(1);
  });

  it("applies a provider's own limits: its daily USD and its per-run hard token cap", async () => {
    const store = temp.open();
    store.setBudget({ provider: 'openai', dailyUsd: 0.1 });
    // 5 calls of $0.02 fit; each reserves its dearest case first, so fewer are let through
    const daily = await spend(store, emu.url, { calls: 8, concurrency: 1 });
    expect(daily.answered).toBeGreaterThan(0);
    expect(daily.refused).toBeGreaterThan(0);
    expect(daily.settledUsd).toBeLessThanOrEqual(0.1);
    expect(store.auditLog({ action: 'budget_alert' }).entries.map((e) => e.metadata?.scope)).toEqual([
      'provider:openai:day',
    ]);

    // a run of 20-token calls (each reserving its input estimate + 20) under a 100-token hard cap
    store.setBudget({ provider: 'openai', dailyUsd: null, perRunHardTokens: 100 });
    const run = await spend(store, emu.url, { calls: 6, concurrency: 1, runId: 'nightly' });
    expect(run).toMatchObject({ answered: 4, refused: 2 });
  });

  it('two processes on one file with a $1.00 hard limit never settle more than $1.00 together', async () => {
    const setup = temp.open();
    setup.setBudget({ dailyUsd: 1 });
    setup.close();

    const script = fileURLToPath(new URL('./spend-child.test-support.ts', import.meta.url));
    const child = fork(script, [temp.path, emu.url, '60', '4'], {
      execArgv: ['--import', 'tsx'],
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const message = (type: string) =>
      new Promise<{ spending?: Spending }>((resolve, reject) => {
        child.on('message', (m: { type: string; spending?: Spending }) => m.type === type && resolve(m));
        child.once('exit', (code) =>
          reject(new Error(`the second process exited (${code}) before "${type}"`)),
        );
      });
    await message('ready');

    const store = temp.open();
    const done = message('done');
    child.send('go');
    const here = await spend(store, emu.url, { calls: 60, concurrency: 4 });
    const there = (await done).spending!;
    expect(await exited).toBe(0);

    // both spent (the limit was shared, not split), together never past $1.00
    expect(here.answered).toBeGreaterThan(0);
    expect(there.answered).toBeGreaterThan(0);
    expect(here.refused + there.refused).toBeGreaterThan(0);
    const settled = here.settledUsd + there.settledUsd;
    expect(settled).toBeLessThanOrEqual(1);
    expect(settled).toBeGreaterThan(0.9);
    const [day] = Object.values(counters(store));
    expect(day).toBeCloseTo(settled, 9);
    expect(store.spendThisMonth()).toBeCloseTo(settled, 9);
    expect(store.costByProvider()).toMatchObject([{ provider: 'openai', calls: 120 }]); // answered and refused rows
    expect(here.alerts + there.alerts).toBe(1);
  });
});
