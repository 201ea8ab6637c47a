import { describe, expect, it } from 'vitest';
import { DEFAULT_RUN, runCost, switchCostText, typicalRun } from './typical-run.js';

// catalog prices (USD per 1M tokens) of gpt-5.4, claude-sonnet-4-6 and gpt-5.4-mini
const gpt54 = { inputPerMTok: 2.5, outputPerMTok: 15 };
const sonnet = { inputPerMTok: 3, outputPerMTok: 15 };
const mini = { inputPerMTok: 0.75, outputPerMTok: 4.5 };

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
    expect(runCost(run, gpt54)).toBeCloseTo(0.11, 10);
    expect(switchCostText(run, gpt54, sonnet)).toBe('~$0.01 more per run');
    expect(switchCostText(run, gpt54, mini)).toBe('~$0.08 less per run');
    expect(switchCostText({ ...run, inputTokens: 100, outputTokens: 10 }, mini, gpt54)).toBe(
      '~$0.00028 more per run',
    );
    expect(switchCostText(run, gpt54, gpt54)).toBe('about the same per run');
    expect(switchCostText(run, gpt54, {})).toBeUndefined();
    expect(runCost(run, undefined)).toBeUndefined();
  });
});
