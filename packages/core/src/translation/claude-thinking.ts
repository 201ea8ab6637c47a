import type { ChatRequest } from '../contracts/chat-request.js';
import type { Warn } from './call-warnings.js';
import {
  effortForBudget,
  type ReasoningBudgets,
  type ReasoningEffort,
  reasoningBudget,
} from './reasoning-budget.js';

/**
 * Claude's thinking budgets per reasoning effort (1024 is the smallest budget Claude takes).
 * Several vendors serve Claude with the same `thinking: { type: 'enabled', budget_tokens }`
 * (Anthropic's API, Amazon Bedrock), so this one table serves every adapter that talks to Claude.
 * On models with adaptive thinking it also maps a `budgetTokens` to the nearest effort.
 */
export const CLAUDE_THINKING_BUDGETS: ReasoningBudgets = { low: 1024, medium: 4096, high: 16_384 };
/** Room left for the answer above a thinking budget: Claude's max_tokens counts thinking and must exceed the budget. */
const ANSWER_ROOM = 1024;

/**
 * How a Claude model thinks, by generation (Anthropic's extended- and adaptive-thinking docs):
 * - `budget`: Claude 4.5 and earlier, and ids whose version cannot be read: extended thinking
 *   (`thinking: { type: 'enabled', budget_tokens }`) is the only mode.
 * - `adaptive`: Claude 4.6: adaptive thinking (`thinking: { type: 'adaptive' }` with
 *   `output_config.effort`); extended thinking is deprecated there (it still works).
 * - `adaptive-only`: Claude 4.7 and later (every 5.x): extended thinking is refused with a 400,
 *   and so are the sampling parameters (temperature, top_p, top_k).
 */
export type ClaudeThinkingMode = 'budget' | 'adaptive' | 'adaptive-only';

/**
 * A Claude model id's version: Anthropic ids (`claude-opus-4-7`, `claude-sonnet-5`, dated
 * `claude-opus-4-6-20260205`, older `claude-3-7-sonnet-20250219`), Bedrock ids, inference
 * profiles and ARNs (`us.anthropic.claude-sonnet-4-6`, `anthropic.claude-opus-4-6-v1`). The
 * minor is one or two digits not followed by another (a date is not a minor).
 */
const CLAUDE_VERSION = /claude-(?:[a-z]+-)?(\d{1,2})(?!\d)(?:[-.](\d{1,2})(?!\d))?/;

/** The `{ major, minor }` version in a Claude model id, or undefined when it names none. */
function claudeVersion(model: string): { major: number; minor: number } | undefined {
  const match = CLAUDE_VERSION.exec(model.toLowerCase());
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2] ?? 0) };
}

/**
 * How the Claude model `model` thinks (see {@link ClaudeThinkingMode}): from the version in its
 * id, `adaptive-only` for 4.7 and later (unknown later versions included), `adaptive` for 4.6,
 * `budget` for 4.5 and earlier and for ids whose version cannot be read (the mode every Claude
 * that thinks takes, bar 4.7+).
 * @example
 * claudeThinkingMode('claude-opus-4-7'); // 'adaptive-only'
 * claudeThinkingMode('us.anthropic.claude-sonnet-4-6'); // 'adaptive'
 * claudeThinkingMode('claude-haiku-4-5-20251001'); // 'budget'
 */
export function claudeThinkingMode(model: string): ClaudeThinkingMode {
  const version = claudeVersion(model);
  if (!version) return 'budget';
  const { major, minor } = version;
  if (major > 4 || (major === 4 && minor >= 7)) return 'adaptive-only';
  return major === 4 && minor === 6 ? 'adaptive' : 'budget';
}

/**
 * Claude's thinking for one request, and the max_tokens to send with it: extended thinking with a
 * budget (`type: 'enabled'`), or adaptive thinking at an effort (none: the API's default, high).
 */
export type ClaudeThinking =
  | { type: 'enabled'; budgetTokens: number; maxTokens: number }
  | { type: 'adaptive'; effort?: ReasoningEffort; maxTokens: number };

/** The adaptive thinking for a request's `reasoning` on a 4.6+ model, warning about a budget it cannot send. */
function adaptiveThinking(
  request: Pick<ChatRequest, 'model' | 'reasoning' | 'maxOutputTokens'>,
  defaultMaxTokens: (budgetTokens: number) => number,
  warn: Warn,
): ClaudeThinking {
  const { effort: asked, budgetTokens } = request.reasoning ?? {};
  let effort = asked;
  if (budgetTokens !== undefined && asked !== undefined) {
    warn({
      type: 'unsupported-setting',
      setting: 'reasoning.budgetTokens',
      details: `${request.model} thinks adaptively and takes no thinking budget: reasoning.effort "${asked}" was sent as output_config.effort`,
    });
  } else if (budgetTokens !== undefined) {
    effort = effortForBudget(budgetTokens, CLAUDE_THINKING_BUDGETS);
    warn({
      type: 'changed-setting',
      setting: 'reasoning.budgetTokens',
      details: `${request.model} thinks adaptively and takes no thinking budget: budgetTokens ${budgetTokens} was sent as output_config.effort "${effort}"`,
    });
  }
  const maxTokens = request.maxOutputTokens ?? defaultMaxTokens(CLAUDE_THINKING_BUDGETS[effort ?? 'high']);
  return { type: 'adaptive', ...(effort && { effort }), maxTokens };
}

/**
 * Claude's thinking for a request's `reasoning`, or undefined without it; the mode comes from
 * the model id ({@link claudeThinkingMode}).
 *
 * Extended thinking (Claude 4.5 and earlier): the budget is `budgetTokens`, else the effort's from
 * {@link CLAUDE_THINKING_BUDGETS}, else medium's (so `reasoning: {}` thinks at the default effort);
 * `maxTokens` is `maxOutputTokens`, else `defaultMaxTokens(budget)`, raised to at least budget + 1024.
 *
 * Adaptive thinking (Claude 4.6 and later): `effort` is `reasoning.effort` as is, none for
 * `reasoning: {}` (the API's default, high), or for a `budgetTokens` alone the effort nearest it
 * (≤ low's budget low, ≤ medium's medium, else high), which `warn` reports as a changed setting
 * (and a `budgetTokens` beside an effort as not sent). There is no budget to exceed, so
 * `maxTokens` is `maxOutputTokens`, else `defaultMaxTokens` of the effort's nominal budget.
 *
 * The one place of this arithmetic: adapters send it (see {@link claudeThinkingFields}) and report
 * its `maxTokens` from `maxOutputTokensFor`, so budgets reserve what Claude may bill.
 * @example
 * claudeThinking({ model: 'claude-haiku-4-5', reasoning: {} }, () => 64_000); // { type: 'enabled', budgetTokens: 4096, maxTokens: 64000 }
 * claudeThinking({ model: 'claude-haiku-4-5', reasoning: { effort: 'low' }, maxOutputTokens: 256 }, () => 64_000); // { type: 'enabled', budgetTokens: 1024, maxTokens: 2048 }
 * claudeThinking({ model: 'claude-opus-4-7', reasoning: { effort: 'high' } }, () => 64_000); // { type: 'adaptive', effort: 'high', maxTokens: 64000 }
 */
export function claudeThinking(
  request: Pick<ChatRequest, 'model' | 'reasoning' | 'maxOutputTokens'>,
  defaultMaxTokens: (budgetTokens: number) => number,
  warn: Warn = () => {},
): ClaudeThinking | undefined {
  if (!request.reasoning) return undefined;
  if (claudeThinkingMode(request.model) !== 'budget')
    return adaptiveThinking(request, defaultMaxTokens, warn);
  const budgetTokens = reasoningBudget(request.reasoning, CLAUDE_THINKING_BUDGETS, 'medium');
  if (!budgetTokens) return undefined;
  const requested = request.maxOutputTokens ?? defaultMaxTokens(budgetTokens);
  return { type: 'enabled', budgetTokens, maxTokens: Math.max(requested, budgetTokens + ANSWER_ROOM) };
}

/** Claude's request fields for its thinking, as Anthropic's API and Bedrock (additionalModelRequestFields) take them. */
export interface ClaudeThinkingFields {
  thinking:
    | { type: 'enabled'; budget_tokens: number }
    | {
        type: 'adaptive';
        /** `summarized` returns the thinking text; 4.7+ default to `omitted` (a signature only). */
        display: 'summarized';
      };
  output_config?: { effort: ReasoningEffort };
}

/**
 * The request fields of a {@link ClaudeThinking}: `thinking: { type: 'enabled', budget_tokens }`,
 * or `thinking: { type: 'adaptive', display: 'summarized' }` (always summarized, so the reasoning
 * text keeps arriving: Claude 4.7+ omit it by default) with `output_config: { effort }` when an
 * effort is set. Anthropic's API and Bedrock's Converse take the same shapes.
 * @example
 * claudeThinkingFields({ type: 'adaptive', effort: 'low', maxTokens: 8192 });
 * // { thinking: { type: 'adaptive', display: 'summarized' }, output_config: { effort: 'low' } }
 */
export function claudeThinkingFields(thinking: ClaudeThinking): ClaudeThinkingFields {
  if (thinking.type === 'enabled') {
    return { thinking: { type: 'enabled', budget_tokens: thinking.budgetTokens } };
  }
  return {
    thinking: { type: 'adaptive', display: 'summarized' },
    ...(thinking.effort && { output_config: { effort: thinking.effort } }),
  };
}

/** The sampling settings Claude is sent. */
export interface ClaudeSampling {
  temperature?: number;
  topP?: number;
  topK?: number;
}

/**
 * The sampling settings Claude takes from a request, each other one warned as not sent
 * (`unsupported-setting`): Claude 4.7 and later refuse temperature, topP and topK outright, with
 * or without thinking; with thinking on, earlier Claude takes a temperature of 1 only, a topP of
 * 0.95 or more only, and no topK. The one rule on Claude's sampling, for every vendor serving it.
 * @example
 * claudeSampling({ model: 'claude-opus-4-7', temperature: 0.2 }, false, warn); // {} and warns
 * claudeSampling({ model: 'claude-haiku-4-5', temperature: 0.2 }, false, warn); // { temperature: 0.2 }
 */
export function claudeSampling(
  request: Pick<ChatRequest, 'model' | 'temperature' | 'topP' | 'topK'>,
  thinking: boolean,
  warn: Warn,
): ClaudeSampling {
  const { temperature, topP, topK } = request;
  const refused = (setting: 'temperature' | 'topK' | 'topP', details: string) =>
    warn({ type: 'unsupported-setting', setting, details });
  if (claudeThinkingMode(request.model) === 'adaptive-only') {
    const details = `${request.model} refuses sampling parameters (temperature, top_p, top_k); it was not sent`;
    if (temperature !== undefined) refused('temperature', details);
    if (topK !== undefined) refused('topK', details);
    if (topP !== undefined) refused('topP', details);
    return {};
  }
  if (!thinking) return { temperature, topP, topK };
  const onlyWithThinking = (allowed: string) => `Claude takes ${allowed} with thinking on; it was not sent`;
  const sampling: ClaudeSampling = {};
  if (temperature === 1) sampling.temperature = 1;
  else if (temperature !== undefined) refused('temperature', onlyWithThinking('no temperature other than 1'));
  if (topK !== undefined) refused('topK', onlyWithThinking('no topK'));
  if (topP !== undefined && topP >= 0.95) sampling.topP = topP;
  else if (topP !== undefined) refused('topP', onlyWithThinking('no topP below 0.95'));
  return sampling;
}
