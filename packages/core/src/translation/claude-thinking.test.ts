import { describe, expect, it } from 'vitest';
import { CLAUDE_THINKING_BUDGETS, claudeThinking } from './claude-thinking.js';

const fixed = () => 64_000;

describe('claudeThinking', () => {
  it('is undefined without reasoning', () => {
    expect(claudeThinking({}, fixed)).toBeUndefined();
    expect(claudeThinking({ maxOutputTokens: 100 }, fixed)).toBeUndefined();
  });

  it('thinks at the medium budget for reasoning: {}', () => {
    expect(claudeThinking({ reasoning: {} }, fixed)).toEqual({
      budgetTokens: CLAUDE_THINKING_BUDGETS.medium,
      maxTokens: 64_000,
    });
  });

  it("takes the effort's budget, or the request's own", () => {
    expect(claudeThinking({ reasoning: { effort: 'high' } }, fixed)?.budgetTokens).toBe(16_384);
    expect(claudeThinking({ reasoning: { effort: 'low', budgetTokens: 3000 } }, fixed)?.budgetTokens).toBe(
      3000,
    );
  });

  it('keeps max_tokens above the budget, and asks the default for it only without maxOutputTokens', () => {
    expect(claudeThinking({ reasoning: { budgetTokens: 2048 }, maxOutputTokens: 256 }, fixed)).toEqual({
      budgetTokens: 2048,
      maxTokens: 3072,
    });
    expect(
      claudeThinking({ reasoning: { budgetTokens: 2048 }, maxOutputTokens: 9000 }, fixed)?.maxTokens,
    ).toBe(9000);
    expect(claudeThinking({ reasoning: { effort: 'low' } }, (budget) => budget + 4096)?.maxTokens).toBe(5120);
    expect(claudeThinking({ reasoning: { effort: 'low' } }, () => 10)?.maxTokens).toBe(2048);
  });
});
