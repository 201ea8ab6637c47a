import { deterministicId, splitIntoChunks } from '../../emulator/defaults.js';
import type { OpenAIPlan } from './chat-plan.js';

/** Identity of one completion: id, model, creation time, and whether Azure's extra fields are added. */
export interface CompletionMeta {
  id: string;
  model: string;
  created: number;
  azure: boolean;
}

const SAFE_FILTER_RESULTS = {
  hate: { filtered: false, severity: 'safe' },
  self_harm: { filtered: false, severity: 'safe' },
  sexual: { filtered: false, severity: 'safe' },
  violence: { filtered: false, severity: 'safe' },
};

/** Azure's `prompt_filter_results` entry (nothing filtered). */
export const AZURE_PROMPT_FILTER_RESULTS = [{ prompt_index: 0, content_filter_results: SAFE_FILTER_RESULTS }];

/** A fresh completion identity seeded by the prompt. */
export function completionMeta(model: string, seed: string, azure: boolean): CompletionMeta {
  return {
    id: deterministicId('chatcmpl-', `${seed}:${Date.now()}:${Math.random()}`),
    model,
    created: Math.floor(Date.now() / 1000),
    azure,
  };
}

/** OpenAI's `usage` object, with cached-input and reasoning token details. */
export function chatUsage(plan: OpenAIPlan) {
  const { inputTokens, outputTokens, cachedInputTokens, reasoningTokens } = plan.usage;
  return {
    prompt_tokens: inputTokens,
    completion_tokens: outputTokens,
    total_tokens: inputTokens + outputTokens,
    prompt_tokens_details: { cached_tokens: cachedInputTokens, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: reasoningTokens,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

function toolCallsOf(plan: OpenAIPlan) {
  return plan.toolCalls.map((call) => ({
    id: call.id,
    type: 'function' as const,
    function: { name: call.name, arguments: JSON.stringify(call.arguments) },
  }));
}

/** The non-stream `chat.completion` object. */
export function chatCompletion(plan: OpenAIPlan, meta: CompletionMeta) {
  const hasTools = plan.toolCalls.length > 0;
  return {
    id: meta.id,
    object: 'chat.completion',
    created: meta.created,
    model: meta.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: hasTools && !plan.text ? null : plan.text,
          refusal: null,
          annotations: [],
          ...(plan.reasoning !== undefined && { reasoning_content: plan.reasoning }),
          ...(hasTools && { tool_calls: toolCallsOf(plan) }),
        },
        logprobs: null,
        finish_reason: plan.finishReason,
        ...(meta.azure && { content_filter_results: SAFE_FILTER_RESULTS }),
      },
    ],
    usage: chatUsage(plan),
    service_tier: 'default',
    system_fingerprint: 'fp_pal_emulator',
    ...(meta.azure && { prompt_filter_results: AZURE_PROMPT_FILTER_RESULTS }),
  };
}

/**
 * The `chat.completion.chunk` objects of a streamed answer, in the API's order: role chunk, content
 * pieces, per tool call a header delta (id, type, name, empty arguments) then argument pieces by
 * `index`, a finish chunk, and (with `include_usage`) a `choices: []` usage chunk. Azure streams start
 * with a `prompt_filter_results` chunk.
 */
export function chatCompletionChunks(
  plan: OpenAIPlan,
  meta: CompletionMeta,
  includeUsage: boolean,
  pieces: number,
) {
  const base = { id: meta.id, object: 'chat.completion.chunk', created: meta.created, model: meta.model };
  const tail = {
    system_fingerprint: 'fp_pal_emulator',
    ...(includeUsage && { usage: null }),
  };
  const choiceChunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
    ...base,
    service_tier: 'default',
    choices: [
      {
        index: 0,
        delta,
        logprobs: null,
        finish_reason: finish,
        ...(meta.azure && delta.content !== undefined && { content_filter_results: SAFE_FILTER_RESULTS }),
      },
    ],
    ...tail,
  });
  const chunks: unknown[] = [];
  if (meta.azure) {
    chunks.push({
      choices: [],
      created: 0,
      id: '',
      model: '',
      object: '',
      prompt_filter_results: AZURE_PROMPT_FILTER_RESULTS,
    });
  }
  const hasTools = plan.toolCalls.length > 0;
  chunks.push(choiceChunk({ role: 'assistant', content: hasTools && !plan.text ? null : '', refusal: null }));
  if (plan.reasoning) {
    for (const piece of splitIntoChunks(plan.reasoning, pieces))
      chunks.push(choiceChunk({ reasoning_content: piece }));
  }
  for (const piece of plan.textChunks) chunks.push(choiceChunk({ content: piece }));
  plan.toolCalls.forEach((call, index) => {
    chunks.push(
      choiceChunk({
        tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }],
      }),
    );
    for (const piece of splitIntoChunks(JSON.stringify(call.arguments), pieces)) {
      chunks.push(choiceChunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
    }
  });
  chunks.push(choiceChunk({}, plan.finishReason));
  if (includeUsage) chunks.push({ ...base, choices: [], ...tail, usage: chatUsage(plan) });
  return chunks;
}
