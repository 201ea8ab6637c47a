import { describe, expect, it } from 'vitest';
import { DEFAULT_RUN, runCost, switchCostText, typicalRun } from './typical-run.js';

const gpt4o = { inputPerMTok: 2.5, outputPerMTok: 10 };
const sonnet = { inputPerMTok: 3, outputPerMTok: 15 };
const mini = { inputPerMTok: 0.15, outputPerMTok: 0.6 };

describe('the cost of a model choice', () => {
  it('takes the average call as a typical run once there are 20 calls', () => {
    expect(typicalRun([])).toBe(DEFAULT_RUN);
    expect(typicalRun([{ calls: 19, inputTokens: 19, outputTokens: 19 }])).toBe(DEFAULT_RUN);
    expect(
      typicalRun([
        { calls: 10, inputTokens: 15_000, outputTokens: 5000 },
        { calls: 10, inputTokens: 5000, outputTokens: 1000 },
      ]),
    ).toEqual({ inputTokens: 1000, outputTokens: 300, basis: 'average' });
  });

  it('prices a run, and says what a switch changes per run (seed 003: "~$0.05 more per run")', () => {
    const run = { inputTokens: 20_000, outputTokens: 4_000, basis: 'default' as const };
    expect(runCost(run, gpt4o)).toBeCloseTo(0.09, 10);
    expect(switchCostText(run, gpt4o, sonnet)).toBe('~$0.03 more per run');
    expect(switchCostText(run, gpt4o, mini)).toBe('~$0.08 less per run');
    expect(switchCostText({ ...run, inputTokens: 100, outputTokens: 10 }, mini, gpt4o)).toBe(
      '~$0.00033 more per run',
    );
    expect(switchCostText(run, gpt4o, gpt4o)).toBe('about the same per run');
    expect(switchCostText(run, gpt4o, {})).toBeUndefined();
    expect(runCost(run, undefined)).toBeUndefined();
  });
});
