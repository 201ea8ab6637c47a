import { createHash } from 'node:crypto';
import { countTokens, deterministicId, type NeutralRequest, planAnswer } from '../../emulator/defaults.js';
import { sampleToolArguments } from '../../emulator/sample-value.js';
import type { ScriptStep } from '../../emulator/types.js';
import { showsThinking } from '../claude-generation.js';
import type { AnthropicRequestBody } from './request-view.js';

/** A content block of an Anthropic response message. */
export type AnthropicResponseBlock =
  | { type: 'text'; text: string }
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> };

/** Anthropic's usage object: `input_tokens` excludes tokens read from or written to the prompt cache. */
export interface AnthropicUsage {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  /** Cache writes by lifetime, as the Messages API reports them. */
  cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
  output_tokens: number;
  /** Reasoning tokens within `output_tokens`, sent when the answer thought. */
  output_tokens_details?: { thinking_tokens: number };
  service_tier: 'standard';
}

/** A Messages API response (`type: "message"`). */
export interface AnthropicMessage {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: AnthropicResponseBlock[];
  stop_reason: string | null;
  stop_sequence: string | null;
  usage: AnthropicUsage;
}

const STOP_REASONS = { stop: 'end_turn', length: 'max_tokens', 'tool-calls': 'tool_use' } as const;

/** A forced tool choice (`any` / `tool`) answered with a call to that tool, built from a scripted JSON text if any. */
function forceToolCall(body: AnthropicRequestBody, neutral: NeutralRequest, step: ScriptStep): ScriptStep {
  const choice = body.tool_choice;
  if (step.toolCalls || (choice?.type !== 'any' && choice?.type !== 'tool')) return step;
  const name = choice.type === 'tool' && choice.name ? choice.name : neutral.toolNames[0];
  if (!name) return step;
  let args: unknown;
  try {
    args = step.text === undefined ? undefined : JSON.parse(step.text);
  } catch {
    args = undefined;
  }
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    args = sampleToolArguments(neutral.toolSchemas?.[name]);
  }
  return { ...step, text: '', toolCalls: [{ name, arguments: args as Record<string, unknown> }] };
}

/** A deterministic, base64 thinking signature. */
function signatureFor(thinking: string): string {
  return `Eq${createHash('sha256').update(thinking).digest('base64')}`;
}

/** The earliest stop sequence inside `text`, with the text cut before it. */
function applyStopSequences(text: string, sequences: string[] | undefined) {
  let best: { at: number; sequence: string } | undefined;
  for (const sequence of sequences ?? []) {
    const at = sequence ? text.indexOf(sequence) : -1;
    if (at >= 0 && (!best || at < best.at)) best = { at, sequence };
  }
  return best ? { text: text.slice(0, best.at), sequence: best.sequence } : undefined;
}

/**
 * Builds the message the emulator answers a Messages request with: the shared planner's
 * answer (or the scripted step) as thinking / text / tool_use blocks (thinking text empty, its
 * signature kept, when the display is omitted: Claude 4.7+'s default), the stop reason
 * (stop sequences and `max_tokens` honoured) and Anthropic-style usage.
 */
export function buildAnthropicMessage(
  body: AnthropicRequestBody,
  neutral: NeutralRequest,
  step: ScriptStep,
): AnthropicMessage {
  const thinkingOn = body.thinking?.type === 'enabled' || body.thinking?.type === 'adaptive';
  const effective = forceToolCall(body, neutral, {
    ...step,
    ...(thinkingOn && step.reasoning === undefined && { reasoning: `Considering: ${neutral.lastUserText}` }),
  });
  const planned = planAnswer(neutral, effective);
  let text = planned.text;
  let stopReason: string = STOP_REASONS[planned.finish];
  let stopSequence: string | null = null;
  let outputTokens = planned.usage.outputTokens;
  const stopped = planned.toolCalls.length === 0 ? applyStopSequences(text, body.stop_sequences) : undefined;
  if (stopped) {
    ({ text, sequence: stopSequence } = stopped);
    stopReason = 'stop_sequence';
    if (step.usage?.outputTokens === undefined)
      outputTokens = countTokens(text) + planned.usage.reasoningTokens;
  }
  const maxTokens = body.max_tokens ?? Number.POSITIVE_INFINITY;
  if (planned.toolCalls.length === 0 && step.usage?.outputTokens === undefined && outputTokens > maxTokens) {
    text = text.slice(0, maxTokens * 4);
    outputTokens = maxTokens;
    stopReason = 'max_tokens';
  }
  const content: AnthropicResponseBlock[] = [];
  if (planned.reasoning !== undefined) {
    // with the display omitted (Claude 4.7+'s default) the block keeps its signature, not its text
    const shown = !thinkingOn || showsThinking(body.model ?? '', body.thinking);
    content.push({
      type: 'thinking',
      thinking: shown ? planned.reasoning : '',
      signature: signatureFor(planned.reasoning),
    });
  }
  if (text) content.push({ type: 'text', text });
  planned.toolCalls.forEach((call, i) => {
    const id = effective.toolCalls?.[i]?.id ?? deterministicId('toolu_01', `${neutral.promptText}:${i}`);
    content.push({ type: 'tool_use', id, name: call.name, input: call.arguments });
  });
  const { inputTokens, cachedInputTokens, cacheWriteTokens, cacheWrite1hTokens, reasoningTokens } =
    planned.usage;
  const written1h = Math.min(cacheWrite1hTokens, cacheWriteTokens);
  return {
    id: deterministicId('msg_01', `${body.model}:${neutral.promptText}`),
    type: 'message',
    role: 'assistant',
    model: body.model ?? '',
    content,
    stop_reason: step.finishReason ?? stopReason,
    stop_sequence: stopSequence,
    usage: {
      input_tokens: Math.max(0, inputTokens - cachedInputTokens - cacheWriteTokens),
      cache_creation_input_tokens: cacheWriteTokens,
      cache_read_input_tokens: cachedInputTokens,
      cache_creation: {
        ephemeral_5m_input_tokens: cacheWriteTokens - written1h,
        ephemeral_1h_input_tokens: written1h,
      },
      output_tokens: outputTokens,
      ...(planned.reasoning !== undefined && {
        output_tokens_details: { thinking_tokens: Math.min(reasoningTokens, outputTokens) },
      }),
      service_tier: 'standard',
    },
  };
}
