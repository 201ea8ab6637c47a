import {
  type CallContext,
  type ChatRequest,
  type ChatRequestInput,
  type ProviderStreamEvent,
  type RateLimitInfo,
  createCall,
} from '@pal/core';
import { chatRequestSchema } from '@pal/core/provider';

/** A validated request, as the kernel hands it to adapters. */
export function chatRequest(input: Partial<ChatRequestInput> = {}): ChatRequest {
  return chatRequestSchema.parse({
    model: 'claude-haiku-4-5',
    messages: [{ role: 'user', content: 'Hello' }],
    ...input,
  });
}

/** A call context like the kernel's, collecting reported rate limits. */
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
export async function drain(stream: AsyncIterable<ProviderStreamEvent>): Promise<ProviderStreamEvent[]> {
  const events: ProviderStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

/** The events of one type, narrowed. */
export function ofType<T extends ProviderStreamEvent['type']>(
  events: ProviderStreamEvent[],
  type: T,
): Array<Extract<ProviderStreamEvent, { type: T }>> {
  return events.filter((e): e is Extract<ProviderStreamEvent, { type: T }> => e.type === type);
}
