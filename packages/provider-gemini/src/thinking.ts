import type { CallWarning, ChatRequest, ModelInfo } from '@pal/core';
import { effortForBudget, type ReasoningBudgets, reasoningBudget } from '@pal/core/provider';
import type { GeminiThinkingConfig } from './wire-types.js';

/** Gemini 2.5's thinking budgets (tokens) for the canonical reasoning efforts. */
export const GEMINI_THINKING_BUDGETS: ReasoningBudgets = { low: 1024, medium: 8192, high: 24_576 };

/**
 * How a Gemini model takes `generationConfig.thinkingConfig`: a token budget (`thinkingBudget`,
 * Gemini 2.5), a level (`thinkingLevel`, Gemini 3, which refuses a budget beside it), or not at
 * all (models that do not think).
 */
export type GeminiThinkingStyle = 'budget' | 'level' | 'none';

/** Model families that do not think (Gemini 1.x / 2.0 other than the thinking experiments, Gemma, LearnLM). */
const NO_THINKING = /^(?:gemini-(?:1\.0|1\.5|2\.0)-|gemini-pro(?:-vision)?$|gemma-|learnlm-)/;

/**
 * The thinking style of `model`: its catalog entry (`info`) decides whether it thinks when there
 * is one; Gemini 3 ids (`gemini-3*`) take a level; ids of families that never thought take none;
 * any other id (2.5, the `-latest` aliases, names PAL does not know) a budget.
 */
export function geminiThinkingStyle(model: string, info?: ModelInfo): GeminiThinkingStyle {
  if (info?.capabilities.reasoning === false) return 'none';
  if (/^gemini-3/.test(model)) return 'level';
  if (info?.capabilities.reasoning === true) return 'budget';
  return NO_THINKING.test(model) && !/thinking/.test(model) ? 'none' : 'budget';
}

/** What a request's `reasoning` becomes for its model, and what the caller should be told about it. */
export interface GeminiThinkingPlan {
  /** The `thinkingConfig` to send; undefined when none is sent. */
  config?: GeminiThinkingConfig;
  warnings: CallWarning[];
}

/** The thinking levels PAL sends to Gemini 3 (the canonical efforts; Gemini's `minimal` has none). */
export type GeminiThinkingLevel = 'low' | 'medium' | 'high';

/** Gemini 3 Pro (the first 3.x Pro) takes only low and high; later 3.x models take medium too. */
const LOW_HIGH_ONLY = /^gemini-3-pro(?:-|$)/;

/**
 * Maps `request.reasoning` onto the model's thinking style ({@link geminiThinkingStyle}), with
 * `includeThoughts` so thought summaries come back as reasoning parts:
 * - budget (2.5): `budgetTokens`, else the effort's budget in {@link GEMINI_THINKING_BUDGETS};
 * - level (3): the effort as the level; a `budgetTokens` becomes the level its size suggests
 *   (`changed-setting`); Gemini 3 Pro, which takes only low or high, gets medium as high
 *   (`changed-setting`);
 * - none: nothing sent (`unsupported-setting`).
 * Without a budget or effort, thoughts are on at the model's own (dynamic) amount. Pure, so the
 * translator and the output cap ({@link geminiOutputCap}) read the same answer.
 */
export function planGeminiThinking(request: ChatRequest, info?: ModelInfo): GeminiThinkingPlan {
  const { reasoning, model } = request;
  if (!reasoning) return { warnings: [] };
  const style = geminiThinkingStyle(model, info);
  if (style === 'none') {
    const details = `${model} does not think, so Gemini takes no thinkingConfig for it; none was sent`;
    return { warnings: [{ type: 'unsupported-setting', setting: 'reasoning', details }] };
  }
  if (style === 'budget') {
    const thinkingBudget = reasoningBudget(reasoning, GEMINI_THINKING_BUDGETS);
    return { config: { ...(thinkingBudget && { thinkingBudget }), includeThoughts: true }, warnings: [] };
  }
  const warnings: CallWarning[] = [];
  const { budgetTokens, effort } = reasoning;
  let thinkingLevel: GeminiThinkingLevel | undefined = effort;
  let setting = 'reasoning.effort';
  if (budgetTokens !== undefined) {
    // the level whose Gemini 2.5 budget the token budget fits
    thinkingLevel = effortForBudget(budgetTokens, GEMINI_THINKING_BUDGETS);
    setting = 'reasoning.budgetTokens';
    warnings.push({
      type: 'changed-setting',
      setting,
      details: `Gemini 3 takes a thinking level, not a token budget: ${budgetTokens} tokens was sent as thinkingLevel "${thinkingLevel}"`,
    });
  }
  if (thinkingLevel === 'medium' && LOW_HIGH_ONLY.test(model)) {
    thinkingLevel = 'high';
    warnings.push({
      type: 'changed-setting',
      setting,
      details: `${model} takes thinkingLevel "low" or "high": medium was sent as thinkingLevel "high"`,
    });
  }
  return { config: { ...(thinkingLevel && { thinkingLevel }), includeThoughts: true }, warnings };
}

/**
 * The most output tokens a request may be billed for, from what {@link planGeminiThinking} sends:
 * `maxOutputTokens` plus the thinking budget when one is sent (Gemini 2.5). Google bills thoughts as
 * output and documents the budget as apart from `maxOutputTokens`, while the API has been seen to
 * count thoughts inside it; the sum covers both readings. A Gemini 3 level or a model that does not
 * think adds nothing (no budget is sent; `maxOutputTokens` bounds the thoughts too). Undefined when
 * the request sets no cap.
 */
export function geminiOutputCap(request: ChatRequest, info?: ModelInfo): number | undefined {
  if (request.maxOutputTokens === undefined) return undefined;
  return request.maxOutputTokens + (planGeminiThinking(request, info).config?.thinkingBudget ?? 0);
}
