import type { AdapterChatResult } from '../contracts/adapter.js';
import type { Attempt, ChatResult } from '../contracts/chat-result.js';
import type { Cost, Usage } from '../contracts/usage.js';
import type { CallWarning } from '../contracts/warning.js';
import type { TraceContext } from '../telemetry/telemetry-sink.js';
import { joinParts, toolCallOf } from './stream-assembler.js';

/** What the kernel adds to an adapter's answer. */
export interface ChatResultContext {
  requestId: string;
  provider: string;
  latencyMs: number;
  attempts: Attempt[];
  /** The response cache served the answer. */
  cached: boolean;
  warnings: readonly CallWarning[];
  includeRaw: boolean;
  /** Prices usage (nothing for a cache hit). */
  price(usage: Usage): Cost;
  /** Estimates usage when the adapter reported none, from the characters the model produced. */
  estimateUsage(outputChars: number): Usage;
  /** The call's trace context, when it has one. */
  trace?: TraceContext;
}

/** The cost of an answer served from the response cache. */
export const FREE: Cost = { inputUsd: 0, outputUsd: 0, totalUsd: 0 };

/**
 * Completes an adapter's `chat` answer into a `ChatResult`: joined text and reasoning,
 * tool calls, usage (estimated and marked so when missing), cost, latency, attempts,
 * warnings, the cache flag, and `raw` only when the caller asked for it.
 */
export function buildChatResult(answer: AdapterChatResult, context: ChatResultContext): ChatResult {
  const text = joinParts(answer.content, 'text');
  const reasoning = joinParts(answer.content, 'reasoning');
  const toolCalls = answer.content.flatMap((part) => (part.type === 'tool-call' ? [toolCallOf(part)] : []));
  const usage =
    answer.usage ??
    context.estimateUsage(
      text.length +
        reasoning.length +
        toolCalls.reduce((n, call) => n + JSON.stringify(call.arguments ?? {}).length, 0),
    );
  return {
    id: answer.id,
    requestId: context.requestId,
    provider: context.provider,
    model: answer.model,
    content: answer.content,
    text,
    toolCalls,
    ...(reasoning !== '' && { reasoning }),
    finishReason: answer.finishReason,
    usage,
    cost: context.price(usage),
    latencyMs: context.latencyMs,
    attempts: context.attempts,
    ...(context.cached && { cached: true }),
    ...(context.warnings.length > 0 && { warnings: [...context.warnings] }),
    ...(context.includeRaw && answer.raw !== undefined && { raw: answer.raw }),
    ...(context.trace && { traceId: context.trace.traceId, traceparent: context.trace.traceparent }),
  };
}
