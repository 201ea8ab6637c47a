/**
 * Recipe: retrying a rate-limited call on the same provider (no fallback to another one).
 *
 * `policies.retry` retries errors marked `retryable` (rate limits, overload, 5xx, network
 * failures) up to `maxAttempts` tries in all, with exponential back-off and full jitter, and
 * waits at least what the vendor asks in `retry-after` (unless that is above `maxRetryAfterMs`,
 * then it gives up at once). The vendor SDKs' own retries are off, so each try is one request.
 * `result.attempts` lists every try, with the error that moved PAL on to the next.
 *
 * Here the 429 is injected into the local OpenAI emulator (`emulator.script` with a `fault`,
 * see @pal/testkit's README); against the real API you would get it when over your rate limit.
 *
 * Run on its own (starts a local OpenAI emulator, no key needed):
 *   npx -y pnpm@10 --filter @pal/docs recipe recipes/retry-without-fallback.ts
 */
import { pathToFileURL } from 'node:url';
import { createRuntime, type ErrorCode } from '@pal/core';
import { openai } from '@pal/provider-openai';
import { type Emulator, startEmulator } from '@pal/testkit';

export interface RetryEnv {
  /** A local OpenAI emulator, told here to answer the next call with a 429. */
  emulator: Emulator;
  print?: (line: string) => void;
}

export async function main({ emulator, print = console.log }: RetryEnv) {
  // the kernel reports each retry (and its wait) to telemetry sinks as a `retry` event
  const retries: Array<{ attempt: number; delayMs: number; code: ErrorCode }> = [];
  const pal = createRuntime({
    providers: [openai({ apiKey: 'sk-local', baseURL: `${emulator.url}/v1` })],
    // back-off alone would wait at most 50 ms: the longer wait below is the vendor's retry-after
    policies: { retry: { maxAttempts: 3, baseDelayMs: 50, maxDelayMs: 50 } },
    telemetry: {
      emit(event) {
        if (event.type === 'retry')
          retries.push({ attempt: event.attempt, delayMs: event.delayMs, code: event.error.code });
      },
    },
  });
  try {
    // the next request gets OpenAI's 429 rate_limit_exceeded body with `retry-after: 1` (second)
    emulator.script({ fault: { type: 'error', kind: 'rate_limit', headers: { 'retry-after': '1' } } });

    const started = Date.now();
    const result = await pal.chat({
      model: 'openai/gpt-5.4-mini',
      messages: [{ role: 'user', content: 'Hello after a rate limit' }],
    });
    const elapsedMs = Date.now() - started;

    for (const attempt of result.attempts)
      print(
        `attempt ${attempt.attempt}: ${attempt.error ? `${attempt.error.code} (${attempt.error.userMessage})` : 'ok'}`,
      );
    for (const retry of retries) print(`waited ${retry.delayMs} ms before attempt ${retry.attempt + 1}`);
    print(`answer after ${result.attempts.length} attempts in ${elapsedMs} ms: ${result.text}`);
    return { result, retries, elapsedMs };
  } finally {
    await pal.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const emulator = await startEmulator('openai');
  try {
    await main({ emulator });
  } finally {
    await emulator.close();
  }
}
