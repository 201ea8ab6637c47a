import { createRuntime } from '@pal/core';
import { createRouter } from '@pal/router';
import type { Comparison } from '../comparison.js';
import { deltaToBaseline } from '../comparison.js';
import { formatDuration } from '../format-figures.js';
import { BENCH_INPUT, forgetCalls, SCRIPTED_MODEL, scriptedBenchAdapter } from '../scripted-bench-adapter.js';
import { type MeasureOptions, measureSideBySide } from '../side-by-side.js';

/**
 * What the router costs per call over the runtime it wraps: the same scripted adapter through
 * `runtime.chat`, through a router over one healthy target (`router.chat` naming it: one candidate, nothing to screen),
 * and through `router.chat` with `model: 'auto'` over a chain of two healthy targets (each screened:
 * enabled, health, circuit), in process with no network.
 */
export async function benchRouterOverhead(options: MeasureOptions): Promise<Comparison[]> {
  const first = scriptedBenchAdapter();
  const second = scriptedBenchAdapter(100, 'beta');
  const runtime = createRuntime({ providers: [first, second] });
  const single = createRouter({ runtime, closeRuntime: false });
  const router = createRouter({ runtime, fallback: [BENCH_INPUT.model, `beta/${SCRIPTED_MODEL}`] });
  const forget = () => {
    forgetCalls(first);
    forgetCalls(second);
  };
  const auto = { ...BENCH_INPUT, model: 'auto' };
  const [viaRuntime, viaRouter, viaAuto] = await Promise.all([
    runtime.chat(BENCH_INPUT),
    single.chat(BENCH_INPUT),
    router.chat(auto),
  ]);
  if (viaRuntime.text !== viaRouter.text || viaAuto.routing.served !== BENCH_INPUT.model) {
    throw new Error('router benchmark: the router did not give the runtime’s answer from the first target');
  }
  const comparison: Comparison = {
    title: '6. Router overhead: chat (scripted adapters, in process, no network)',
    operation: 'one chat call',
    rows: await measureSideBySide(
      [
        { name: 'runtime.chat', fn: () => runtime.chat(BENCH_INPUT), afterEach: forget },
        { name: 'router.chat, one target', fn: () => single.chat(BENCH_INPUT), afterEach: forget },
        { name: "router.chat, 'auto' over 2", fn: () => router.chat(auto), afterEach: forget },
      ],
      options,
    ),
    findings: [],
  };
  await single.close();
  await router.close();
  const [, named, chosen] = comparison.rows;
  comparison.findings.push(
    `The router adds ${formatDuration(deltaToBaseline(comparison, named!))} per call over one healthy target, and ${formatDuration(deltaToBaseline(comparison, chosen!))} when it chooses between two.`,
  );
  return [comparison];
}
