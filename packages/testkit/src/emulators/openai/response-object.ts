import { deterministicId } from '../../emulator/defaults.js';
import type { OpenAIPlan } from './chat-plan.js';

/** One output item of a Responses API answer. */
export type ResponseOutputItem =
  | { type: 'reasoning'; id: string; summary: Array<{ type: 'summary_text'; text: string }> }
  | {
      type: 'function_call';
      id: string;
      call_id: string;
      name: string;
      arguments: string;
      status: 'completed';
    }
  | {
      type: 'message';
      id: string;
      status: 'completed';
      role: 'assistant';
      content: Array<{ type: 'output_text'; text: string; annotations: unknown[]; logprobs: unknown[] }>;
    };

/** The Responses API `usage` object. */
export function responseUsage(plan: OpenAIPlan) {
  const { inputTokens, outputTokens, cachedInputTokens, reasoningTokens } = plan.usage;
  return {
    input_tokens: inputTokens,
    input_tokens_details: { cached_tokens: cachedInputTokens },
    output_tokens: outputTokens,
    output_tokens_details: { reasoning_tokens: reasoningTokens },
    total_tokens: inputTokens + outputTokens,
  };
}

/** The output items for a plan: reasoning summary (if any), function calls, then the message (if any text). */
export function responseOutput(plan: OpenAIPlan, seed: string): ResponseOutputItem[] {
  const items: ResponseOutputItem[] = [];
  if (plan.reasoning) {
    items.push({
      type: 'reasoning',
      id: deterministicId('rs_', seed),
      summary: [{ type: 'summary_text', text: plan.reasoning }],
    });
  }
  plan.toolCalls.forEach((call, i) => {
    items.push({
      type: 'function_call',
      id: deterministicId('fc_', `${seed}:${i}`),
      call_id: call.id,
      name: call.name,
      arguments: JSON.stringify(call.arguments),
      status: 'completed',
    });
  });
  if (plan.text || plan.toolCalls.length === 0) {
    items.push({
      type: 'message',
      id: deterministicId('msg_', seed),
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', text: plan.text, annotations: [], logprobs: [] }],
    });
  }
  return items;
}

/** The `response` object in a given state (`in_progress` without output, or final). */
export function responseObject(
  plan: OpenAIPlan,
  meta: { id: string; model: string; createdAt: number; body: Record<string, unknown> },
  state: 'in_progress' | 'final',
  output: ResponseOutputItem[],
) {
  const incomplete = plan.finishReason === 'length';
  const final = state === 'final';
  return {
    id: meta.id,
    object: 'response',
    created_at: meta.createdAt,
    status: final ? (incomplete ? 'incomplete' : 'completed') : 'in_progress',
    background: false,
    error: null,
    incomplete_details: final && incomplete ? { reason: 'max_output_tokens' } : null,
    instructions: meta.body.instructions ?? null,
    max_output_tokens: meta.body.max_output_tokens ?? null,
    model: meta.model,
    output: final ? output : [],
    parallel_tool_calls: true,
    previous_response_id: meta.body.previous_response_id ?? null,
    reasoning: { effort: null, summary: null },
    service_tier: 'default',
    store: true,
    temperature: 1,
    text: meta.body.text ?? { format: { type: 'text' } },
    tool_choice: meta.body.tool_choice ?? 'auto',
    tools: meta.body.tools ?? [],
    top_p: 1,
    truncation: 'disabled',
    usage: final ? responseUsage(plan) : null,
    user: null,
    metadata: {},
  };
}
