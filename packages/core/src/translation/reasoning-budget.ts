import type { ChatRequest } from '../contracts/chat-request.js';

/** A reasoning effort, as `ChatRequest.reasoning.effort` names it. */
export type ReasoningEffort = 'low' | 'medium' | 'high';

/**
 * Thinking-token budgets per reasoning effort, for APIs that take a budget rather than an effort.
 * Each provider holds its vendor's table (Gemini's), except Claude's, which several vendors serve
 * and so lives once in core (`CLAUDE_THINKING_BUDGETS`, claude-thinking.ts).
 */
export type ReasoningBudgets = Readonly<Record<ReasoningEffort, number>>;

/**
 * The thinking budget for a request's `reasoning`: its own `budgetTokens`, else the budget in
 * `budgets` for its `effort` (else for `defaultEffort`). Undefined without `reasoning`, and when
 * it names neither and there is no default.
 * @example
 * const budgets = { low: 1024, medium: 4096, high: 16_384 };
 * reasoningBudget({ effort: 'high' }, budgets); // 16384
 * reasoningBudget({ budgetTokens: 2048 }, budgets); // 2048
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

/**
 * The inverse of {@link reasoningBudget}, for APIs that take an effort or a level rather than a
 * budget: the effort whose budget in `budgets` a token budget fits, up to low's low, up to
 * medium's medium, else high.
 * @example
 * effortForBudget(2048, { low: 1024, medium: 4096, high: 16_384 }); // 'medium'
 */
export function effortForBudget(budgetTokens: number, budgets: ReasoningBudgets): ReasoningEffort {
  if (budgetTokens <= budgets.low) return 'low';
  return budgetTokens <= budgets.medium ? 'medium' : 'high';
}
