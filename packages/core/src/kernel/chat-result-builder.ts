import type { AdapterChatResult } from '../contracts/adapter.js';
import type { Attempt, ChatResult } from '../contracts/chat-result.js';
import type { Cost, Usage } from '../contracts/usage.js';
import { joinParts } from './stream-collector.js';

/** What the kernel adds to an adapter's answer. */
export interface ChatResultContext {
  provider: string;
  latencyMs: number;
  attempts: Attempt[];
  includeRaw: boolean;
  price(usage: Usage): Cost;
  /** Estimates usage when the adapter reported none, from everything the model produced. */
  estimateUsage(producedText: string): Usage;
}

/** The cost of an answer served from the response cache. */
export const FREE: Cost = { inputUsd: 0, outputUsd: 0, totalUsd: 0 };

/**
 * Completes an adapter's `chat` answer into a `ChatResult`: joined text and reasoning,
 * tool calls, usage (estimated and marked so when missing), cost, latency, attempts,
 * the cache flag, and `raw` only when the caller asked for it.
 */
export function buildChatResult(
  answer: AdapterChatResult & { cached?: boolean },
  context: ChatResultContext,
): ChatResult {
  const text = joinParts(answer.content, 'text');
  const reasoning = joinParts(answer.content, 'reasoning');
  const toolCalls = answer.content.flatMap((part) =>
    part.type === 'tool-call' ? [{ id: part.id, name: part.name, arguments: part.arguments }] : [],
  );
  const usage =
    answer.usage ??
    context.estimateUsage(
      text + reasoning + toolCalls.map((call) => JSON.stringify(call.arguments ?? {})).join(''),
    );
  return {
    id: answer.id,
    provider: context.provider,
    model: answer.model,
    content: answer.content,
    text,
    toolCalls,
    ...(reasoning !== '' && { reasoning }),
    finishReason: answer.finishReason,
    usage,
    // a cache hit spent nothing: usage says what the answer holds, cost what this call cost
    cost: answer.cached ? FREE : context.price(usage),
    latencyMs: context.latencyMs,
    attempts: context.attempts,
    ...(answer.cached !== undefined && { cached: answer.cached }),
    ...(context.includeRaw && answer.raw !== undefined && { raw: answer.raw }),
  };
}
