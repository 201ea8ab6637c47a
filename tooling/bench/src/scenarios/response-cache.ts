import { createRuntime, type Runtime } from '@pal/core';
import { openai } from '@pal/provider-openai';
import type { Comparison } from '../comparison.js';
import { ratioToBaseline } from '../comparison.js';
import type { EmulatorThread } from '../emulator-thread.js';
import { formatDuration } from '../format-figures.js';
import {
  type BenchTask,
  type MeasuredTask,
  type MeasureOptions,
  measureSideBySide,
} from '../side-by-side.js';
import { UpstreamTally } from '../upstream-tally.js';
import { EMULATOR_KEY } from './sdk-over-http.js';

const REQUEST = {
  model: 'openai/gpt-4o-mini',
  messages: [
    { role: 'system' as const, content: 'You are a concise assistant.' },
    { role: 'user' as const, content: 'What is the capital of France?' },
  ],
};

/**
 * What the response cache saves: the same request repeated through two runtimes over the OpenAI
 * emulator, one with the `cache` policy on and one without, for chat and for streams (a cached
 * stream is replayed from the stored result). Counts the requests that reached the emulator.
 */
export async function benchResponseCache(
  emulator: EmulatorThread,
  options: MeasureOptions,
): Promise<Comparison[]> {
  const baseURL = `${emulator.url}/v1`;
  const uncached = createRuntime({ providers: [openai({ apiKey: EMULATOR_KEY, baseURL })] });
  const cached = createRuntime({
    providers: [openai({ apiKey: EMULATOR_KEY, baseURL })],
    policies: { cache: true },
  });

  const first = await cached.chat(REQUEST);
  const again = await cached.chat(REQUEST);
  if (first.cached || !again.cached || again.text !== first.text) {
    throw new Error('cache benchmark: the second identical request was not answered from the cache');
  }

  const chat = await compare(
    '3a. Response cache: the same chat request repeated (emulator-backed)',
    'one chat call (identical request every time)',
    (runtime) => () => runtime.chat(REQUEST),
    { uncached, cached },
    emulator,
    options,
  );
  const stream = await compare(
    '3b. Response cache: the same stream repeated (emulator-backed)',
    'one stream read to the end (identical request every time)',
    (runtime) => async () => {
      for await (const _ of runtime.stream(REQUEST));
    },
    { uncached, cached },
    emulator,
    options,
  );
  await Promise.all([uncached.close(), cached.close()]);
  return [chat, stream];
}

async function compare(
  title: string,
  operation: string,
  callWith: (runtime: Runtime) => () => Promise<unknown>,
  runtimes: { uncached: Runtime; cached: Runtime },
  emulator: EmulatorThread,
  options: MeasureOptions,
): Promise<Comparison> {
  const off = new UpstreamTally(emulator);
  const on = new UpstreamTally(emulator);
  const task = (name: string, runtime: Runtime, tally: UpstreamTally): BenchTask => {
    const call = callWith(runtime);
    return {
      name,
      fn: () => {
        tally.call();
        return call();
      },
      beforeRound: tally.beforeRound,
      afterRound: tally.afterRound,
    };
  };
  const comparison: Comparison = {
    title,
    operation,
    rows: await measureSideBySide(
      [task('cache off (default)', runtimes.uncached, off), task('cache on', runtimes.cached, on)],
      options,
    ),
    findings: [],
  };
  const [offRow, onRow] = comparison.rows as [MeasuredTask, MeasuredTask];
  comparison.findings.push(
    `A repeated request costs ${formatDuration(onRow.stats.p50Ms)} instead of ${formatDuration(offRow.stats.p50Ms)} (medians): ${(1 / ratioToBaseline(comparison, onRow)).toFixed(1)}× faster with the cache on.`,
    `Upstream: cache off ${off.describe()}; cache on ${on.describe()}.`,
  );
  return comparison;
}
