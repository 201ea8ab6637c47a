import { describe, expect, it } from 'vitest';
import { fakeClock } from './fake-next.test-support.js';
import { createRetryBudget } from './retry-budget.js';

describe('createRetryBudget', () => {
  it('allows minRetriesPerSecond × window seconds retries with no traffic', () => {
    const clock = fakeClock(0);
    const budget = createRetryBudget({ ratio: 0, minRetriesPerSecond: 1, windowMs: 5000 }, clock.now);
    const granted = Array.from({ length: 10 }, () => budget.tryRetry()).filter(Boolean);
    expect(granted).toHaveLength(5);
  });

  it('adds ratio × requests to the allowance', () => {
    const clock = fakeClock(0);
    const budget = createRetryBudget({ ratio: 0.5, minRetriesPerSecond: 0 }, clock.now);
    for (let i = 0; i < 10; i++) budget.recordRequest();
    const granted = Array.from({ length: 20 }, () => budget.tryRetry()).filter(Boolean);
    expect(granted).toHaveLength(5);
  });

  it('forgets requests and retries that slid out of the window', () => {
    const clock = fakeClock(0);
    const budget = createRetryBudget({ ratio: 1, minRetriesPerSecond: 0, windowMs: 1000 }, clock.now);
    budget.recordRequest();
    expect(budget.tryRetry()).toBe(true);
    expect(budget.tryRetry()).toBe(false);
    clock.advance(1000);
    expect(budget.tryRetry()).toBe(false);
    budget.recordRequest();
    expect(budget.tryRetry()).toBe(true);
  });

  it('uses the defaults: 20 % of requests plus one retry per second over 10 s', () => {
    const clock = fakeClock(0);
    const budget = createRetryBudget({}, clock.now);
    for (let i = 0; i < 50; i++) budget.recordRequest();
    const granted = Array.from({ length: 100 }, () => budget.tryRetry()).filter(Boolean);
    expect(granted).toHaveLength(20);
  });
});
