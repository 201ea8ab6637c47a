import { Bench } from 'tinybench';
import { type SampleStats, sampleStats } from './sample-stats.js';

/** One thing to time: a call (sync or async) and optional hooks around its phases. */
export interface BenchTask {
  name: string;
  /** One timed operation. */
  fn: () => unknown;
  /** Runs after every call, untimed (e.g. to drop what a scripted adapter recorded). */
  afterEach?: () => void;
  /** Runs before each round of this task, untimed. */
  beforeRound?: () => void | Promise<void>;
  /** Runs after each round of this task, untimed. */
  afterRound?: () => void | Promise<void>;
}

/** How long to time each task. */
export interface MeasureOptions {
  /** Timed milliseconds per task, spread over the rounds. */
  timeMs: number;
  /** Rounds the tasks alternate in (order reversed every other round). */
  rounds: number;
  /** Untimed warm-up per task before its first round, in milliseconds. */
  warmupMs: number;
}

/** A task's name and the statistics of all its timed calls. */
export interface MeasuredTask {
  name: string;
  stats: SampleStats;
}

/**
 * Times `tasks` side by side with tinybench: the tasks take turns in `rounds` short runs (order
 * reversed every other round), so machine noise falls on all of them alike, and each task's samples
 * from every round are pooled into one set of statistics. A task that throws fails the measurement.
 */
export async function measureSideBySide(
  tasks: BenchTask[],
  options: MeasureOptions,
): Promise<MeasuredTask[]> {
  const samples = new Map<string, number[]>(tasks.map((task) => [task.name, []]));
  for (let round = 0; round < options.rounds; round++) {
    const bench = new Bench({
      time: options.timeMs / options.rounds,
      iterations: 8,
      warmup: round === 0,
      warmupTime: options.warmupMs,
      warmupIterations: 8,
      retainSamples: true,
      throws: true,
      timestampProvider: 'hrtimeNow',
    });
    const order = round % 2 === 0 ? tasks : [...tasks].reverse();
    for (const task of order) {
      bench.add(task.name, task.fn, {
        // declared, so tinybench does not call the task once (unawaited) to find out
        async: true,
        ...(task.afterEach && { afterEach: task.afterEach }),
        beforeAll: async (mode) => {
          if (mode === 'run') await task.beforeRound?.();
        },
        afterAll: async (mode) => {
          if (mode === 'run') await task.afterRound?.();
        },
      });
    }
    await bench.run();
    for (const run of bench.tasks) {
      const result = run.result;
      if (result.state !== 'completed') throw new Error(`Benchmark "${run.name}" ended ${result.state}`);
      const pooled = samples.get(run.name) ?? [];
      for (const sample of result.latency.samples ?? []) pooled.push(sample);
    }
  }
  return tasks.map((task) => ({ name: task.name, stats: sampleStats(samples.get(task.name) ?? []) }));
}
