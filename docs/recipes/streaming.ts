/**
 * Recipe: streaming an answer.
 *
 * `runtime.stream(request)` returns a `PalStream`: iterate it with `for await` and print each
 * `text-delta` as it arrives. The last event, `finish`, carries the finish reason, the usage and
 * the cost in USD (priced from the model catalog). After the loop, `await stream.result()` gives
 * the whole `ChatResult` (text, usage, cost, attempts, latency) without a second request.
 *
 * A failure after the stream started does not throw out of the loop: it arrives as an `error`
 * event (and `stream.result()` rejects with it). Breaking out of the loop closes the connection.
 *
 * Run on its own (starts a local OpenAI emulator, no key needed):
 *   npx -y pnpm@10 --filter @pal/docs recipe recipes/streaming.ts
 */
import { pathToFileURL } from 'node:url';
import { createRuntime, type FinishEvent } from '@pal/core';
import { openai } from '@pal/provider-openai';
import { startEmulator } from '@pal/testkit';

export interface StreamingEnv {
  /** Where an OpenAI-compatible server listens (origin, no path). */
  openaiURL: string;
  /** Where text goes as it streams (default: stdout). */
  write?: (text: string) => void;
}

export async function main({ openaiURL, write = (text) => process.stdout.write(text) }: StreamingEnv) {
  const pal = createRuntime({ providers: [openai({ apiKey: 'sk-local', baseURL: `${openaiURL}/v1` })] });
  try {
    const stream = pal.stream({
      model: 'openai/gpt-5.4-mini',
      messages: [{ role: 'user', content: 'Tell me a short story about a lighthouse.' }],
    });

    const deltas: string[] = [];
    let finish: FinishEvent | undefined;
    for await (const event of stream) {
      if (event.type === 'text-delta') {
        deltas.push(event.text);
        write(event.text);
      } else if (event.type === 'finish') {
        finish = event;
      } else if (event.type === 'error') {
        throw event.error; // a PalError: code, userMessage, retryable…
      }
    }
    if (!finish) throw new Error('the stream ended without a finish event');
    write(
      `\n[${finish.finishReason}] ${finish.usage.inputTokens} in + ${finish.usage.outputTokens} out tokens, ` +
        `$${finish.cost.totalUsd.toFixed(6)}\n`,
    );

    // the assembled result of the same call: no new request is sent
    const result = await stream.result();
    write(`${result.attempts.length} attempt(s), ${result.latencyMs} ms\n`);
    return { deltas, finish, result };
  } finally {
    await pal.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const emulator = await startEmulator('openai');
  try {
    await main({ openaiURL: emulator.url });
  } finally {
    await emulator.close();
  }
}
