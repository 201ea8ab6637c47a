import { describe, expect, it } from 'vitest';
import { budgetOf, draftOf } from './budgets/budget-draft.js';
import { emptyRow, idFromName, modelsOf } from './custom/model-rows.js';
import { moveItem } from './fallback/reorder.js';
import { EMPTY_KEY, keyInputOf } from './keys/key-draft.js';

describe('the forms', () => {
  it('turns a budget form into seed 003 ProviderBudget fields (emptied limits removed)', () => {
    const draft = draftOf(undefined);
    expect(draft.alertPercent).toBe('80');
    expect(budgetOf('openai', { ...draft, dailyUsd: '5' })).toEqual({
      budget: {
        provider: 'openai',
        dailyUsd: 5,
        monthlyUsd: null,
        perRunSoftTokens: null,
        perRunHardTokens: null,
        alertThreshold: 0.8,
      },
    });
    expect(
      budgetOf(undefined, { ...draft, capsOn: true, perRunSoftTokens: '1000', perRunHardTokens: '4000' }),
    ).toMatchObject({ budget: { perRunSoftTokens: 1000, perRunHardTokens: 4000 } });
    expect(budgetOf(undefined, { ...draft, dailyUsd: '-1' })).toEqual({
      problem: 'The daily limit must be a number ≥ 0 (or empty for none).',
    });
    expect(
      budgetOf(undefined, { ...draft, capsOn: true, perRunSoftTokens: '9', perRunHardTokens: '5' }),
    ).toEqual({
      problem: 'The soft cap must not be above the hard cap.',
    });
    expect(
      draftOf({
        dailyUsd: 2,
        alertThreshold: 0.9,
        perRunHardTokens: 100,
        spentTodayUsd: 0,
        spentThisMonthUsd: 0,
      }),
    ).toMatchObject({
      dailyUsd: '2',
      alertPercent: '90',
      capsOn: true,
      perRunHardTokens: '100',
    });
  });

  it("reads a custom host's model rows and makes an id from its name", () => {
    const row = {
      ...emptyRow(),
      id: 'llama-3.1-8b',
      contextWindow: '128000',
      inputPerMTok: '0.2',
      outputPerMTok: '0.6',
    };
    expect(modelsOf([row, emptyRow()])).toEqual({
      models: [{ id: 'llama-3.1-8b', contextWindow: 128000, inputPerMTok: 0.2, outputPerMTok: 0.6 }],
    });
    expect(modelsOf([{ ...row, inputPerMTok: 'cheap' }])).toEqual({
      problem: 'Row 1: the input price is not a number ≥ 0.',
    });
    expect(modelsOf([emptyRow()])).toEqual({ problem: 'Name at least one model the host serves.' });
    expect(idFromName('My vLLM box!')).toBe('my-vllm-box');
  });

  it('moves a fallback entry', () => {
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 9)).toEqual(['b', 'c', 'a']);
    expect(moveItem(['a', 'b'], 5, 0)).toEqual(['a', 'b']);
  });

  it('reads the create-key form', () => {
    expect(
      keyInputOf({
        ...EMPTY_KEY,
        name: ' app ',
        models: 'openai/*, anthropic/claude-haiku-4-5',
        dailyUsd: '1.5',
        rpm: '60',
      }),
    ).toEqual({
      input: {
        name: 'app',
        allowedModels: ['openai/*', 'anthropic/claude-haiku-4-5'],
        dailyUsd: 1.5,
        requestsPerMinute: 60,
      },
    });
    expect(keyInputOf(EMPTY_KEY)).toEqual({ problem: 'Name who or what the key is for.' });
  });
});
