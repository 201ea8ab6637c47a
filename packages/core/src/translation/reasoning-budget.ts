import type { ChatRequest } from '../contracts/chat-request.js';

/** A reasoning effort, as `ChatRequest.reasoning.effort` names it. */
export type ReasoningEffort = 'low' | 'medium' | 'high';

/** Thinking-token budgets per reasoning effort, for APIs that take a budget rather than an effort. */
export type ReasoningBudgets = Readonly<Record<ReasoningEffort, number>>;

/** Claude's thinking budgets, on Anthropic's API and on Bedrock alike (1024 is the API's minimum). */
export const CLAUDE_THINKING_BUDGETS: ReasoningBudgets = { low: 1024, medium: 4096, high: 16_384 };

/**
 * The thinking budget for a request's `reasoning`: its own `budgetTokens`, else the budget in
 * `budgets` for its `effort` (else for `defaultEffort`). Undefined without `reasoning`, and when
 * it names neither and there is no default.
 * @example
 * reasoningBudget({ effort: 'high' }, CLAUDE_THINKING_BUDGETS); // 16384
 */
export function reasoningBudget(
  reasoning: ChatRequest['reasoning'],
  budgets: ReasoningBudgets,
  defaultEffort?: ReasoningEffort,
): number | undefined {
  if (!reasoning) return undefined;
  const effort = reasoning.effort ?? defaultEffort;
  return reasoning.budgetTokens ?? (effort && budgets[effort]);
}
