import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CallContext,
  type ChatRequest,
  type ChatRequestInput,
  isPalError,
  type PalError,
  type ProviderAdapter,
  type ProviderStreamEvent,
  type RateLimitInfo,
  createCall,
} from '@pal/core';
import { chatRequestSchema } from '@pal/core/provider';
import { expect } from 'vitest';

/** The key tests build adapters with (the emulator accepts any key but `bad-key`). */
export const TEST_KEY = 'sk-test-SECRET-0123456789abcdef';

/** A validated request, as the kernel hands it to adapters (`model` is the bare model id). */
export function chatRequest(input: Partial<ChatRequestInput> = {}): ChatRequest {
  return chatRequestSchema.parse({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'Hello' }],
    ...input,
  });
}

/** A call context like the kernel's, collecting what the adapter reports to the rate limiter. */
export function callContext(
  overrides: Partial<CallContext> = {},
): CallContext & { rateLimits: RateLimitInfo[] } {
  const rateLimits: RateLimitInfo[] = [];
  return {
    signal: new AbortController().signal,
    attempt: 1,
    headers: {},
    requestId: 'req-test',
    call: createCall('chat', 'req-test'),
    reportRateLimit: (info) => rateLimits.push(info),
    rateLimits,
    ...overrides,
  };
}

/** Every event of an adapter stream. */
export async function drainEvents(
  stream: AsyncIterable<ProviderStreamEvent>,
): Promise<ProviderStreamEvent[]> {
  const events: ProviderStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

/** The joined text deltas of a stream. */
export function deltaText(events: ReadonlyArray<{ type: string; text?: string }>): string {
  return events.flatMap((e) => (e.type === 'text-delta' ? [e.text ?? ''] : [])).join('');
}

/** The error a call failed with, mapped by the adapter's `toPalError` as the kernel would. */
export async function failureOf(
  adapter: ProviderAdapter,
  promise: Promise<unknown>,
  model?: string,
): Promise<PalError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'the call was expected to fail').toBeDefined();
  const mapped = adapter.toPalError(error, { model });
  expect(isPalError(mapped)).toBe(true);
  return mapped;
}

let fixtureDir: string | undefined;

/** Writes `lines` as a fixture file in a temporary directory (for `emulator.replayFixture`) and returns its path. */
export function writeFixture(name: string, lines: readonly string[]): string {
  fixtureDir ??= mkdtempSync(join(tmpdir(), 'pal-openai-fixtures-'));
  const path = join(fixtureDir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}
