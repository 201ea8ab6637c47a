import type { ChatRequest } from '../contracts/chat-request.js';
import { type ReasoningBudgets, reasoningBudget } from './reasoning-budget.js';

/**
 * Claude's thinking budgets per reasoning effort (1024 is the smallest budget Claude takes).
 * Several vendors serve Claude with the same `thinking: { type: 'enabled', budget_tokens }`
 * (Anthropic's API, Amazon Bedrock), so this one table serves every adapter that talks to Claude.
 */
export const CLAUDE_THINKING_BUDGETS: ReasoningBudgets = { low: 1024, medium: 4096, high: 16_384 };
/** Room left for the answer above a thinking budget: Claude's max_tokens counts thinking and must exceed the budget. */
const ANSWER_ROOM = 1024;

/** Claude's extended thinking for one request: the budget, and the max_tokens to send with it. */
export interface ClaudeThinking {
  budgetTokens: number;
  maxTokens: number;
}

/**
 * Claude's extended thinking for a request's `reasoning`, or undefined without it. The budget is
 * `budgetTokens`, else the effort's from {@link CLAUDE_THINKING_BUDGETS}, else medium's (so
 * `reasoning: {}` thinks at the default effort). `maxTokens` is `maxOutputTokens`, else
 * `defaultMaxTokens(budget)`, raised to at least budget + 1024. The one place of this arithmetic:
 * adapters send it, and report it from `maxOutputTokensFor` so budgets reserve what Claude may bill.
 * @example
 * claudeThinking({ reasoning: {} }, () => 64_000); // { budgetTokens: 4096, maxTokens: 64000 }
 * claudeThinking({ reasoning: { effort: 'low' }, maxOutputTokens: 256 }, () => 64_000); // { budgetTokens: 1024, maxTokens: 2048 }
 */
export function claudeThinking(
  request: Pick<ChatRequest, 'reasoning' | 'maxOutputTokens'>,
  defaultMaxTokens: (budgetTokens: number) => number,
): ClaudeThinking | undefined {
  const budgetTokens = reasoningBudget(request.reasoning, CLAUDE_THINKING_BUDGETS, 'medium');
  if (!budgetTokens) return undefined;
  const requested = request.maxOutputTokens ?? defaultMaxTokens(budgetTokens);
  return { budgetTokens, maxTokens: Math.max(requested, budgetTokens + ANSWER_ROOM) };
}
