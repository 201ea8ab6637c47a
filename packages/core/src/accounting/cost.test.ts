import { describe, expect, it } from 'vitest';
import { computeCost, estimateCostRange, ratesFor } from './cost.js';
import { chatRequest, fakeModel, usageOf } from '../policies/fake-next.test-support.js';

const gpt4o = { inputPerMTok: 2.5, outputPerMTok: 10, cachedInputPerMTok: 1.25 };

describe('computeCost', () => {
  it('prices 1000 in / 500 out of gpt-4o at exactly $0.0075', () => {
    expect(computeCost(usageOf(1000, 500), gpt4o)).toEqual({
      inputUsd: 0.0025,
      outputUsd: 0.005,
      totalUsd: 0.0075,
    });
  });

  it('prices cached input at the cached rate, as part of the input', () => {
    const cost = computeCost({ ...usageOf(1000, 0), cachedInputTokens: 400 }, gpt4o);
    expect(cost.inputUsd).toBe(0.002); // 600 × 2.5 + 400 × 1.25 per 1M
  });

  it('prices cache reads and writes at the input rate when the model has no cache prices', () => {
    const cost = computeCost(
      { ...usageOf(1000, 0), cachedInputTokens: 300, cacheWriteTokens: 200 },
      { inputPerMTok: 3, outputPerMTok: 15 },
    );
    expect(cost.inputUsd).toBe(0.003);
  });

  it('prices cache writes at their own rate', () => {
    const cost = computeCost(
      { ...usageOf(1000, 100), cachedInputTokens: 500, cacheWriteTokens: 200 },
      { inputPerMTok: 3, outputPerMTok: 15, cachedInputPerMTok: 0.3, cacheWritePerMTok: 3.75 },
    );
    // 300 × 3 + 500 × 0.3 + 200 × 3.75 = 1800 per 1M
    expect(cost).toEqual({ inputUsd: 0.0018, outputUsd: 0.0015, totalUsd: 0.0033 });
  });

  it('never counts more cached tokens than input tokens', () => {
    const cost = computeCost({ ...usageOf(100, 0), cachedInputTokens: 500, cacheWriteTokens: 50 }, gpt4o);
    expect(cost.inputUsd).toBe(0.000125);
  });

  it('is zero and unpriced without pricing', () => {
    expect(computeCost(usageOf(1000, 1000))).toEqual({
      inputUsd: 0,
      outputUsd: 0,
      totalUsd: 0,
      unpriced: true,
    });
  });
});

describe('estimateCostRange', () => {
  it('bounds the cost between input only and input plus the output cap', () => {
    const request = chatRequest('x'.repeat(3972), { maxOutputTokens: 1000 });
    const range = estimateCostRange(request, fakeModel('m1'));
    expect(range.inputTokens).toBe(1000);
    expect(range.maxOutputTokens).toBe(1000);
    expect(range.minUsd).toBe(0.0025);
    expect(range.maxUsd).toBe(0.0125);
    expect(range.unpriced).toBeUndefined();
  });

  it('is zero and unpriced for a model without pricing', () => {
    const range = estimateCostRange(chatRequest('hi'));
    expect(range).toMatchObject({ minUsd: 0, maxUsd: 0, unpriced: true, maxOutputTokens: 4096 });
  });
});

describe('ratesFor: tiers and dated changes', () => {
  const pricing = {
    inputPerMTok: 1,
    outputPerMTok: 4,
    cachedInputPerMTok: 0.1,
    tiers: [
      { aboveInputTokens: 200_000, inputPerMTok: 2, outputPerMTok: 6 },
      { aboveInputTokens: 500_000, inputPerMTok: 3 },
    ],
    changes: [{ from: '2027-01-01', inputPerMTok: 1.5, outputPerMTok: 5 }],
  };
  const now = new Date('2026-12-03T00:00:00Z');

  it('takes the highest tier the input is above, keeping base rates the tier leaves out', () => {
    expect(ratesFor(pricing, 200_000, now)).toMatchObject({ inputPerMTok: 1, outputPerMTok: 4 });
    expect(ratesFor(pricing, 200_001, now)).toMatchObject({
      inputPerMTok: 2,
      outputPerMTok: 6,
      cachedInputPerMTok: 0.1,
    });
    expect(ratesFor(pricing, 600_000, now)).toMatchObject({ inputPerMTok: 3, outputPerMTok: 4 });
  });

  it('switches to a dated change from its day on (its own tiers, none here)', () => {
    expect(ratesFor(pricing, 1000, new Date('2026-12-31T23:59:59Z')).inputPerMTok).toBe(1);
    expect(ratesFor(pricing, 300_000, new Date('2027-01-01T00:00:00Z'))).toEqual({
      inputPerMTok: 1.5,
      outputPerMTok: 5,
    });
  });

  it('bills 1-hour cache writes and reasoning at their own rates, or their parents’', () => {
    const rates = {
      inputPerMTok: 3,
      outputPerMTok: 15,
      cacheWritePerMTok: 3.75,
      cacheWrite1hPerMTok: 6,
      reasoningPerMTok: 20,
    };
    const usage = {
      inputTokens: 1000,
      outputTokens: 100,
      totalTokens: 1100,
      cacheWriteTokens: 500,
      cacheWrite1hTokens: 200,
      reasoningTokens: 40,
    };
    // 500 × 3 + 300 × 3.75 + 200 × 6 = 3825; 60 × 15 + 40 × 20 = 1700 (per 1M)
    expect(computeCost(usage, rates)).toEqual({ inputUsd: 0.003825, outputUsd: 0.0017, totalUsd: 0.005525 });
    // without their own rates: 1-hour writes at the write rate, reasoning at the output rate
    expect(computeCost(usage, { inputPerMTok: 3, outputPerMTok: 15, cacheWritePerMTok: 3.75 })).toEqual({
      inputUsd: 0.003375,
      outputUsd: 0.0015,
      totalUsd: 0.004875,
    });
  });

  it('estimates a long prompt at its tier (the estimate and the bill agree)', () => {
    const request = chatRequest('x'.repeat(3972 * 250), { maxOutputTokens: 1000 });
    const range = estimateCostRange(request, { ...fakeModel('m1'), contextWindow: 1_000_000, pricing });
    expect(range.inputTokens).toBeGreaterThan(200_000);
    expect(range.minUsd).toBeCloseTo((range.inputTokens * 2) / 1e6, 10);
    expect(range.maxUsd).toBeCloseTo((range.inputTokens * 2 + 1000 * 6) / 1e6, 10);
  });
});
