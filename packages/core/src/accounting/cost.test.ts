import { describe, expect, it } from 'vitest';
import { computeCost, estimateCostRange } from './cost.js';
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
