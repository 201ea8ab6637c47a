import { describe, expect, it } from 'vitest';
import { reasoningBudget } from './reasoning-budget.js';

const budgets = { low: 100, medium: 200, high: 300 };

describe('reasoningBudget', () => {
  it("prefers the request's own budget", () => {
    expect(reasoningBudget({ effort: 'low', budgetTokens: 5000 }, budgets)).toBe(5000);
  });

  it('looks the effort up in the budgets', () => {
    expect(reasoningBudget({ effort: 'high' }, budgets)).toBe(300);
  });

  it('uses the default effort when the request names none', () => {
    expect(reasoningBudget({}, budgets, 'medium')).toBe(200);
    expect(reasoningBudget({}, budgets)).toBeUndefined();
  });

  it('is undefined without reasoning, default or not', () => {
    expect(reasoningBudget(undefined, budgets, 'medium')).toBeUndefined();
  });
});
