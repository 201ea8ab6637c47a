import { createRuntime } from '@pal/core';
import type { Comparison } from '../comparison.js';
import { deltaToBaseline, ratioToBaseline } from '../comparison.js';
import { formatDuration, formatRatio } from '../format-figures.js';
import {
  BENCH_INPUT,
  BENCH_REQUEST,
  directCallContext,
  forgetCalls,
  scriptedBenchAdapter,
} from '../scripted-bench-adapter.js';
import { type MeasureOptions, measureSideBySide } from '../side-by-side.js';

/** Events in the long stream, the one the per-event cost is read from. */
export const LONG_STREAM_EVENTS = 100;
/** Events in the short stream, which separates a stream's fixed cost from its cost per event. */
export const SHORT_STREAM_EVENTS = 10;

/**
 * What the kernel costs per call: the same in-process scripted adapter called directly and through
 * `createRuntime` with the default policies (validation, registry lookup, timeout, retry, circuit
 * breaker, usage and cost), for `chat` and for streams of {@link LONG_STREAM_EVENTS} and
 * {@link SHORT_STREAM_EVENTS} events, whose difference splits a stream's overhead into a fixed part
 * and a part per event.
 */
export async function benchKernelOverhead(options: MeasureOptions): Promise<Comparison[]> {
  const chat = await chatOverhead(options);
  const long = await streamOverhead(LONG_STREAM_EVENTS, '1b', options);
  const short = await streamOverhead(SHORT_STREAM_EVENTS, '1c', options);

  const longDelta = deltaToBaseline(long, long.rows[1]!);
  const shortDelta = deltaToBaseline(short, short.rows[1]!);
  const perEvent = (longDelta - shortDelta) / (LONG_STREAM_EVENTS - SHORT_STREAM_EVENTS);
  const fixed = shortDelta - perEvent * SHORT_STREAM_EVENTS;
  short.findings.unshift(
    `From ${SHORT_STREAM_EVENTS} vs ${LONG_STREAM_EVENTS} events: about ${formatDuration(fixed)} per stream plus ${formatDuration(perEvent)} per event.`,
  );
  return [chat, long, short];
}

async function chatOverhead(options: MeasureOptions): Promise<Comparison> {
  const adapter = scriptedBenchAdapter();
  const runtime = createRuntime({ providers: [adapter] });
  const ctx = directCallContext();
  const forget = () => forgetCalls(adapter);

  const direct = await adapter.chat(BENCH_REQUEST, ctx);
  const viaPal = await runtime.chat(BENCH_INPUT);
  if (viaPal.text !== 'Paris.' || direct.content[0]?.type !== 'text') {
    throw new Error('kernel benchmark: the runtime and the adapter did not give the scripted answer');
  }

  const chat: Comparison = {
    title: '1a. Kernel overhead: chat (scripted adapter, in process, no network)',
    operation: 'one chat call',
    rows: await measureSideBySide(
      [
        { name: 'adapter.chat (direct)', fn: () => adapter.chat(BENCH_REQUEST, ctx), afterEach: forget },
        { name: 'runtime.chat (default policies)', fn: () => runtime.chat(BENCH_INPUT), afterEach: forget },
      ],
      options,
    ),
    findings: [],
  };
  await runtime.close();
  const pal = chat.rows[1]!;
  chat.findings.push(
    `The kernel adds ${formatDuration(deltaToBaseline(chat, pal))} per chat call (${formatRatio(ratioToBaseline(chat, pal))} a bare adapter call).`,
  );
  return chat;
}

async function streamOverhead(events: number, label: string, options: MeasureOptions): Promise<Comparison> {
  const adapter = scriptedBenchAdapter(events);
  const runtime = createRuntime({ providers: [adapter] });
  const ctx = directCallContext();
  const forget = () => forgetCalls(adapter);

  let seen = 0;
  for await (const _ of runtime.stream(BENCH_INPUT)) seen++;
  if (seen < events) throw new Error(`kernel benchmark: the runtime passed on ${seen} of ${events} events`);

  const stream: Comparison = {
    title: `${label}. Kernel overhead: stream of ${events} events (scripted adapter, in process)`,
    operation: `one stream read to the end (${events} events)`,
    rows: await measureSideBySide(
      [
        {
          name: 'adapter.stream (direct)',
          fn: async () => {
            for await (const _ of adapter.stream(BENCH_REQUEST, ctx));
          },
          afterEach: forget,
        },
        {
          name: 'runtime.stream (default policies)',
          fn: async () => {
            for await (const _ of runtime.stream(BENCH_INPUT));
          },
          afterEach: forget,
        },
      ],
      options,
    ),
    findings: [],
  };
  await runtime.close();
  const pal = stream.rows[1]!;
  stream.findings.push(
    `The kernel adds ${formatDuration(deltaToBaseline(stream, pal))} per ${events}-event stream, ${formatDuration(deltaToBaseline(stream, pal) / events)} per event on average (${formatRatio(ratioToBaseline(stream, pal))} direct).`,
  );
  return stream;
}
