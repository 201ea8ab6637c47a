import { createRuntime } from '@pal/core';
import { createPooledFetch } from '@pal/core/http';
import { openai } from '@pal/provider-openai';
import OpenAI from 'openai';
import type { Comparison } from '../comparison.js';
import { deltaToBaseline, ratioToBaseline } from '../comparison.js';
import type { EmulatorThread } from '../emulator-thread.js';
import { formatDuration, formatPercent } from '../format-figures.js';
import type { BenchTask, MeasureOptions, MeasuredTask } from '../side-by-side.js';
import { measureSideBySide } from '../side-by-side.js';

/** A key the emulator accepts; not a secret. */
export const EMULATOR_KEY = 'sk-bench-emulator-key';

/** The request every side sends: the same model and messages. */
const MODEL = 'gpt-4o-mini';
const MESSAGES = [
  { role: 'system' as const, content: 'You are a concise assistant.' },
  { role: 'user' as const, content: 'What is the capital of France?' },
];

/**
 * What PAL costs on a real call: the official `openai` SDK over HTTP to the testkit's OpenAI emulator,
 * called directly (`chat.completions.create`, retries off) and through `createRuntime` with the
 * `openai()` provider and default policies, for a chat call and for a streamed answer read to the end
 * (all ask for usage in the stream). A third row gives the direct SDK the pooled keep-alive `fetch`
 * PAL's provider uses, so the transport's share and PAL's own share of the difference can be told apart.
 */
export async function benchSdkOverHttp(
  emulator: EmulatorThread,
  options: MeasureOptions,
): Promise<Comparison[]> {
  const baseURL = `${emulator.url}/v1`;
  const sdk = new OpenAI({ apiKey: EMULATOR_KEY, baseURL, maxRetries: 0 });
  const sdkPooled = new OpenAI({
    apiKey: EMULATOR_KEY,
    baseURL,
    maxRetries: 0,
    fetch: createPooledFetch({ maxConnections: 64 }),
  });
  const runtime = createRuntime({ providers: [openai({ apiKey: EMULATOR_KEY, baseURL })] });
  const palInput = { model: `openai/${MODEL}`, messages: MESSAGES };
  const afterRound = () => emulator.reset();

  const sdkAnswer = await sdk.chat.completions.create({ model: MODEL, messages: MESSAGES });
  const palAnswer = await runtime.chat(palInput);
  if (!palAnswer.text || palAnswer.text !== sdkAnswer.choices[0]?.message.content) {
    throw new Error(
      `HTTP benchmark: PAL answered "${palAnswer.text}", the SDK "${sdkAnswer.choices[0]?.message.content}"`,
    );
  }

  const sdkChat = (client: OpenAI) => () =>
    client.chat.completions.create({ model: MODEL, messages: MESSAGES });
  const chat = await compare(
    '2a. openai SDK over HTTP (emulator on 127.0.0.1): chat',
    'one chat completion, request to parsed answer',
    [
      { name: 'openai SDK (direct)', fn: sdkChat(sdk), afterRound },
      { name: 'openai SDK + pooled fetch', fn: sdkChat(sdkPooled), afterRound },
      { name: 'PAL runtime.chat + openai()', fn: () => runtime.chat(palInput), afterRound },
    ],
    'chat call',
    options,
  );

  const sdkStream = (client: OpenAI) => async () => {
    const chunks = await client.chat.completions.create({
      model: MODEL,
      messages: MESSAGES,
      stream: true,
      stream_options: { include_usage: true },
    });
    for await (const _ of chunks);
  };
  const stream = await compare(
    '2b. openai SDK over HTTP (emulator on 127.0.0.1): stream',
    'one streamed completion read to the end (role, text chunks, finish, usage)',
    [
      { name: 'openai SDK stream (direct)', fn: sdkStream(sdk), afterRound },
      { name: 'openai SDK + pooled fetch', fn: sdkStream(sdkPooled), afterRound },
      {
        name: 'PAL runtime.stream + openai()',
        fn: async () => {
          for await (const _ of runtime.stream(palInput));
        },
        afterRound,
      },
    ],
    'stream',
    options,
  );

  await runtime.close();
  return [chat, stream];
}

async function compare(
  title: string,
  operation: string,
  tasks: [BenchTask, BenchTask, BenchTask],
  what: string,
  options: MeasureOptions,
): Promise<Comparison> {
  const comparison: Comparison = {
    title,
    operation,
    rows: await measureSideBySide(tasks, options),
    findings: [],
  };
  const [, pooled, pal] = comparison.rows as [MeasuredTask, MeasuredTask, MeasuredTask];
  const palOverPooled = pal.stats.p50Ms / pooled.stats.p50Ms - 1;
  comparison.findings.push(
    `PAL takes ${formatPercent(ratioToBaseline(comparison, pal) - 1)} (${formatDuration(deltaToBaseline(comparison, pal))}) per ${what} vs the SDK as shipped.`,
    `Against the SDK on the same pooled fetch, PAL's own share is ${formatPercent(palOverPooled)} (${formatDuration(pal.stats.p50Ms - pooled.stats.p50Ms)}).`,
  );
  return comparison;
}
