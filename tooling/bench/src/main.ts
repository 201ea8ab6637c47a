/**
 * `pnpm bench`: times what PAL costs and saves, as ratios measured side by side in one run, and prints
 * one table per benchmark. Pick benchmarks by name on the command line (`kernel`, `http`, `cache`,
 * `budget`, `router`, `cold`, `store`, `telemetry`; all by default). `PAL_BENCH_TIME_MS` (timed ms per task, default 1500) and
 * `PAL_BENCH_ROUNDS` (default 5) trade precision for time; `PAL_BENCH_COLD_RUNS` (default 20) is the
 * number of fresh processes per contender in the cold-start benchmark.
 * @module
 */
import { cpus } from 'node:os';
import { type ColdStartTable, renderColdStart } from './cold-start-table.js';
import { type Comparison, renderComparison } from './comparison.js';
import { type EmulatorThread, startEmulatorThread } from './emulator-thread.js';
import { benchBudgetGuard } from './scenarios/budget-guard.js';
import { benchColdStart } from './scenarios/cold-start.js';
import { benchKernelOverhead } from './scenarios/kernel-overhead.js';
import { benchResponseCache } from './scenarios/response-cache.js';
import { benchRouterOverhead } from './scenarios/router-overhead.js';
import { benchSdkOverHttp } from './scenarios/sdk-over-http.js';
import { benchSqliteStore } from './scenarios/sqlite-store.js';
import { benchTelemetryOverhead } from './scenarios/telemetry-overhead.js';
import type { MeasureOptions } from './side-by-side.js';

type Benchmark = (
  emulator: () => Promise<EmulatorThread>,
  options: MeasureOptions,
) => Promise<Array<Comparison | ColdStartTable>>;

const BENCHMARKS: Record<string, Benchmark> = {
  kernel: (_, options) => benchKernelOverhead(options),
  http: async (emulator, options) => benchSdkOverHttp(await emulator(), options),
  cache: async (emulator, options) => benchResponseCache(await emulator(), options),
  budget: (_, options) => benchBudgetGuard(options),
  router: (_, options) => benchRouterOverhead(options),
  cold: () => benchColdStart({ runs: positiveIntegerFromEnv('PAL_BENCH_COLD_RUNS', 20) }),
  store: (_, options) => benchSqliteStore(options),
  telemetry: (_, options) => benchTelemetryOverhead(options),
};

function positiveIntegerFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

async function main(): Promise<void> {
  const names = process.argv.slice(2);
  const unknown = names.filter((name) => !(name in BENCHMARKS));
  if (unknown.length > 0) {
    throw new Error(
      `Unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(BENCHMARKS).join(', ')}`,
    );
  }
  const selected = names.length > 0 ? names : Object.keys(BENCHMARKS);
  const options: MeasureOptions = {
    timeMs: positiveIntegerFromEnv('PAL_BENCH_TIME_MS', 1500),
    rounds: positiveIntegerFromEnv('PAL_BENCH_ROUNDS', 5),
    warmupMs: 300,
  };
  const cpu = cpus();
  console.log(
    `PAL benchmarks, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'})`,
  );
  console.log(
    `Each task: ${options.timeMs} ms timed in ${options.rounds} alternating rounds after ${options.warmupMs} ms warm-up. ratio = median / baseline median (lower is faster).\n`,
  );

  let emulator: EmulatorThread | undefined;
  const emulatorOnce = async () => {
    emulator ??= await startEmulatorThread();
    return emulator;
  };
  const started = performance.now();
  const summary: string[] = [];
  try {
    for (const name of selected) {
      for (const comparison of await BENCHMARKS[name]!(emulatorOnce, options)) {
        const text = 'kind' in comparison ? renderColdStart(comparison) : renderComparison(comparison);
        console.log(`${text}\n`);
        summary.push(`${comparison.title.split(':')[0]}: ${comparison.findings[0] ?? ''}`);
      }
    }
  } finally {
    await emulator?.close();
  }
  console.log(`Summary (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  for (const line of summary) console.log(`  ${line}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
