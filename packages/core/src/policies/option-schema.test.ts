import { describe, expect, it } from 'vitest';
import { configErrorFromIssues } from '../config/config-error.js';
import { loadConfig } from '../config/load-config.js';
import { policiesSchema } from '../config/policy-schemas.js';
import { isPalError, type PalError } from '../errors/pal-error.js';
import { budget } from './budget.js';
import { cache } from './cache.js';
import { CIRCUIT_FAILURE_CODES, circuitBreaker } from './circuit-breaker.js';
import { concurrency } from './concurrency.js';
import { createMemoryStore } from './memory-store.js';
import { MAX_TIMER_MS } from './option-schema.js';
import { rateLimit } from './rate-limit.js';
import { retry } from './retry.js';
import { timeout } from './timeout.js';

const factories: Record<string, (options: never) => unknown> = {
  timeout,
  retry,
  circuitBreaker,
  rateLimit,
  concurrency,
  cache,
  budget,
};

type Row = [policy: string, options: Record<string, unknown>, accepted: boolean];

/** Edge values of every option a config file can hold, and whether they are legitimate. */
const EDGES: Row[] = [
  ['timeout', { totalMs: 1 }, true],
  ['timeout', { totalMs: MAX_TIMER_MS }, true],
  ['timeout', { totalMs: MAX_TIMER_MS + 1 }, false], // setTimeout would fire at once
  ['timeout', { totalMs: 0 }, false],
  ['timeout', { totalMs: -1 }, false],
  ['timeout', { totalMs: Number.NaN }, false],
  ['timeout', { totalMs: Number.POSITIVE_INFINITY }, false],
  ['timeout', { totalMs: '30000' }, false],
  ['timeout', { idleMs: 0.5 }, true],
  ['timeout', { idleMs: 0 }, false],
  ['timeout', { totalMS: 1 }, false], // a typo is an unknown key
  ['retry', { maxAttempts: 1 }, true],
  ['retry', { maxAttempts: 0 }, false],
  ['retry', { maxAttempts: 1.5 }, false],
  ['retry', { maxAttempts: '3' }, false],
  ['retry', { baseDelayMs: 0 }, true],
  ['retry', { baseDelayMs: -1 }, false],
  ['retry', { maxDelayMs: 0 }, true], // retry at once
  ['retry', { maxDelayMs: -1 }, false],
  ['retry', { maxDelayMs: MAX_TIMER_MS + 1 }, false],
  ['retry', { maxRetryAfterMs: 0 }, true],
  ['retry', { maxRetryAfterMs: -5 }, false],
  ['retry', { retryOn: ['TIMEOUT', 'OVERLOADED'] }, true],
  ['retry', { retryOn: [] }, true],
  ['retry', { retryOn: ['TIMEOUTS'] }, false],
  ['retry', { retryOn: 'TIMEOUT' }, false],
  ['retry', { budget: false }, true],
  ['retry', { budget: { ratio: 0, minRetriesPerSecond: 0 } }, true],
  ['retry', { budget: { ratio: 1 } }, true],
  ['retry', { budget: { ratio: 1.5 } }, false],
  ['retry', { budget: { windowMs: 0 } }, false],
  ['retry', { budget: true }, false],
  ['circuitBreaker', { failureThreshold: 1, successThreshold: 1 }, true],
  ['circuitBreaker', { failureThreshold: 0 }, false],
  ['circuitBreaker', { successThreshold: 2.5 }, false],
  ['circuitBreaker', { cooldownMs: 1 }, true],
  ['circuitBreaker', { cooldownMs: 0 }, false],
  ['circuitBreaker', { cooldownMs: -1 }, false],
  ['circuitBreaker', { failureCodes: [...CIRCUIT_FAILURE_CODES] }, true],
  ['circuitBreaker', { failureCodes: ['BROKEN'] }, false],
  ['rateLimit', { requestsPerMinute: 0.5 }, true], // one every two minutes
  ['rateLimit', { requestsPerMinute: 0 }, false],
  ['rateLimit', { tokensPerMinute: 1 }, true],
  ['rateLimit', { tokensPerMinute: -1 }, false],
  ['rateLimit', { mode: 'reject' }, true],
  ['rateLimit', { mode: 'later' }, false],
  ['rateLimit', { maxWaitMs: 0 }, true],
  ['rateLimit', { maxWaitMs: -1 }, false],
  ['concurrency', { maxConcurrent: 1 }, true],
  ['concurrency', { maxConcurrent: 0 }, false],
  ['concurrency', { maxConcurrent: 1.5 }, false],
  ['concurrency', { maxQueue: 0 }, true], // no queue
  ['concurrency', { maxQueue: -1 }, false],
  ['concurrency', { maxQueue: 2.5 }, false],
  ['cache', { maxEntries: 1, ttlMs: 1 }, true],
  ['cache', { maxEntries: 0 }, false],
  ['cache', { ttlMs: 0 }, false],
  ['budget', { global: { dailyUsd: 0 } }, true], // nothing may be spent
  ['budget', { global: { dailyUsd: 0.01, monthlyUsd: 0 } }, true],
  ['budget', { global: { dailyUsd: -1 } }, false],
  ['budget', { global: { dailyUsd: Number.NaN } }, false],
  ['budget', { global: { daily: 5 } }, false],
  ['budget', { dailyUsd: 5 }, false],
  ['budget', { providers: { acme: { monthlyUsd: 0 } } }, true],
  ['budget', { providers: { acme: { monthlyUsd: '5' } } }, false],
  ['budget', { perRun: { softTokens: 1, hardTokens: 1 } }, true],
  ['budget', { perRun: { hardTokens: 0 } }, false],
  ['budget', { perRun: { hardTokens: 1.5 } }, false],
  ['budget', { alertThreshold: 1 }, true],
  ['budget', { alertThreshold: 0 }, false],
  ['budget', { alertThreshold: 1.1 }, false],
  ['budget', { runTtlMs: 0 }, false],
  ['budget', { allowUnpriced: true }, true],
  ['budget', { allowUnpriced: 'yes' }, false],
];

function factoryError(policy: string, options: Record<string, unknown>): PalError | undefined {
  try {
    (factories[policy] as (options: unknown) => unknown)(options);
    return undefined;
  } catch (error) {
    if (!isPalError(error)) throw error;
    return error;
  }
}

describe('policy options: one schema for the factory and the config file', () => {
  it.each(EDGES)('%s %j: accepted = %s by both', (policy, options, accepted) => {
    const config = policiesSchema.safeParse({ [policy]: options }, { reportInput: true });
    const error = factoryError(policy, options);
    expect(config.success).toBe(accepted);
    expect(error === undefined).toBe(accepted);
    if (accepted || !error || config.success) return;
    expect(error.code).toBe('CONFIG_ERROR');
    // the same paths (the words differ only where code may pass more, e.g. a retryOn predicate)
    const paths = (e: PalError) =>
      (e.details as { issues: Array<{ path: string }> }).issues.map((i) => i.path);
    expect(paths(error)).toEqual(paths(configErrorFromIssues(config.error.issues)));
    expect(error.path?.[0]).toBe(policy);
  });

  it('names the path, what was expected and what was received', () => {
    const error = factoryError('retry', { maxAttempts: '3' });
    expect(error?.message).toBe(
      'Invalid retry options: retry.maxAttempts: expected a number, got the string "3"',
    );
    expect(error?.path).toEqual(['retry', 'maxAttempts']);
    expect(factoryError('budget', { global: { dailyUsd: -1 } })?.message).toContain(
      'budget.global.dailyUsd: expected a number >= 0, got -1',
    );
    expect(factoryError('concurrency', { maxQueue: 2.5 })?.message).toContain(
      'concurrency.maxQueue: expected an integer, got 2.5',
    );
    expect(factoryError('rateLimit', { mode: 'later' })?.message).toContain(
      'rateLimit.mode: expected one of "wait", "reject", got the string "later"',
    );
    expect(factoryError('timeout', { totalMS: 1 })?.message).toContain(
      'timeout: unknown key "totalMS"; did you mean "totalMs"?',
    );
    expect(factoryError('retry', { budget: true })?.message).toContain(
      'retry.budget: expected an object or false, got true',
    );
    expect(factoryError('retry', { budget: { ratio: 2 } })?.message).toContain(
      'retry.budget.ratio: expected a number <= 1, got 2',
    );
  });

  it('takes functions, clocks and stores in code, which a config file cannot hold', () => {
    const store = createMemoryStore();
    const now = () => 0;
    expect(() => retry({ retryOn: () => true, random: () => 0, sleep: async () => {}, now })).not.toThrow();
    expect(() => budget({ store, now, onAlert: () => {} })).not.toThrow();
    expect(() => circuitBreaker({ store, now })).not.toThrow();
    expect(() => rateLimit({ store, now, sleep: async () => {} })).not.toThrow();
    expect(() => cache({ store, now })).not.toThrow();
    for (const [policy, options] of [
      ['retry', { random: () => 0 }],
      ['budget', { onAlert: () => {} }],
      ['cache', { store }],
    ] as const)
      expect(policiesSchema.safeParse({ [policy]: options }).success).toBe(false);
    expect(policiesSchema.safeParse({ retry: { retryOn: () => true } }).success).toBe(false);
  });

  it('says what a function or store option must be', () => {
    expect(factoryError('retry', { random: 0.5 })?.message).toContain(
      'retry.random: expected a function () => number in [0, 1), got 0.5',
    );
    expect(factoryError('retry', { retryOn: 'TIMEOUT' })?.message).toContain(
      'retry.retryOn: expected an array or a function (error: PalError) => boolean, got the string "TIMEOUT"',
    );
    expect(factoryError('budget', { store: {} })?.message).toMatch(
      /budget\.store: expected a StateStore \(an object with get, set, .*\), got an object/,
    );
    expect(factoryError('cache', { now: 'today' })?.message).toContain(
      'cache.now: expected a function () => number (epoch ms), got the string "today"',
    );
  });

  it('a config file gets the same sentences under policies.', async () => {
    const error = await loadConfig(
      {
        policies: { retry: { maxAttempts: '3' } },
        providers: { acme: { policies: { budget: { global: { dailyUsd: -1 } } } } },
      },
      { env: {}, skipProviders: true },
    ).then(
      () => expect.unreachable('the config is invalid'),
      (e: unknown) => e as PalError,
    );
    expect(error.code).toBe('CONFIG_ERROR');
    expect(error.message).toContain('policies.retry.maxAttempts: expected a number, got the string "3"');
    expect(error.message).toContain(
      'providers.acme.policies.budget.global.dailyUsd: expected a number >= 0, got -1',
    );
    expect(error.message).not.toContain('Invalid input');
  });
});
