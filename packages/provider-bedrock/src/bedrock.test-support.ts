import {
  type CallContext,
  type ChatRequest,
  type ChatRequestInput,
  type ProviderStreamEvent,
  createCall,
} from '@pal/core';
import { chatRequestSchema } from '@pal/core/provider';
import { type Emulator, startEmulator } from '@pal/testkit';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { bedrock } from './bedrock-provider.js';
import type { BedrockProviderOptions } from './options.js';

/** The chat model the tests use. */
export const HAIKU = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';

/** Starts one Bedrock emulator for the file, reset before each test. */
export function useBedrockEmulator(): { readonly current: Emulator } {
  const holder: { current: Emulator } = { current: undefined as unknown as Emulator };
  beforeAll(async () => {
    holder.current = await startEmulator('bedrock');
  });
  beforeEach(() => holder.current.reset());
  afterAll(() => holder.current.close());
  return holder;
}

/** An adapter against the emulator, with static test credentials. */
export function adapterFor(emulator: Emulator, options: BedrockProviderOptions = {}) {
  return bedrock({
    endpoint: emulator.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' },
    ...options,
  });
}

/** A validated chat request (what adapters receive). */
export function chatRequest(input: Partial<ChatRequestInput> & { content?: string } = {}): ChatRequest {
  const { content = 'Hello', ...rest } = input;
  return chatRequestSchema.parse({ model: HAIKU, messages: [{ role: 'user', content }], ...rest });
}

/** A call context with a fresh signal. */
export function callContext(overrides: Partial<CallContext> = {}): CallContext {
  return {
    signal: new AbortController().signal,
    attempt: 1,
    headers: {},
    requestId: 'req-test',
    call: createCall('chat', 'req-test'),
    ...overrides,
  };
}

/** Every event an adapter stream yields. */
export async function collect(stream: AsyncIterable<ProviderStreamEvent>): Promise<ProviderStreamEvent[]> {
  const events: ProviderStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

/** Joined text deltas. */
export function textOf(events: ProviderStreamEvent[]): string {
  return events.flatMap((e) => (e.type === 'text-delta' ? [e.text] : [])).join('');
}
