import { createRuntime, isPalError, type PalError } from '@pal/core';
import { describe, expect, it } from 'vitest';
import { assertUsable } from './gemini-errors.js';
import { adapterFor, callContext, useGeminiEmulator } from './gemini.test-support.js';

const emulator = useGeminiEmulator();

const adapter = () => adapterFor(emulator.current);
const ctx = callContext;
const request = { model: 'gemini-2.5-flash', messages: [{ role: 'user' as const, content: 'Hi' }] };

/** The error the call failed with, mapped by the adapter as the kernel maps it. */
async function failure(promise: Promise<unknown>): Promise<PalError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'the call was expected to fail').toBeDefined();
  const mapped = adapter().toPalError(error, { model: 'gemini-2.5-flash' });
  expect(isPalError(mapped)).toBe(true);
  return mapped;
}

const RETRY_INFO = (retryDelay: string) => ({
  '@type': 'type.googleapis.com/google.rpc.RetryInfo',
  retryDelay,
});
const quotaFailure = (violation: Record<string, unknown>) => ({
  '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
  violations: [violation],
});
/** A 429 RESOURCE_EXHAUSTED ("Resource has been exhausted (e.g. check quota).") with these details. */
const exhausted = (details: Array<Record<string, unknown>>, message?: string) => ({
  fault: { type: 'error' as const, kind: 'rate_limit' as const, details, ...(message && { message }) },
});

describe('gemini 429 RESOURCE_EXHAUSTED: rate limit unless Google names a daily or billing quota', () => {
  it('RetryInfo alone (the per-minute limit) → PROVIDER_RATE_LIMIT_ERROR, retryable, retryAfterMs from retryDelay', async () => {
    emulator.current.script(exhausted([RETRY_INFO('34.4s')]));
    const error = await failure(adapter().chat(request, ctx()));
    expect(error.code).toBe('PROVIDER_RATE_LIMIT_ERROR');
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(34_400);
    expect(error.status).toBe(429);
  });

  it('no details at all → PROVIDER_RATE_LIMIT_ERROR (the word "quota" in the message decides nothing)', async () => {
    emulator.current.script(exhausted([]));
    const error = await failure(adapter().chat(request, ctx()));
    expect(error.code).toBe('PROVIDER_RATE_LIMIT_ERROR');
    expect(error.retryable).toBe(true);
  });

  it('a per-minute QuotaFailure → PROVIDER_RATE_LIMIT_ERROR with the RetryInfo delay', async () => {
    emulator.current.script(
      exhausted([
        quotaFailure({
          quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests',
          quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier',
          quotaValue: '10',
        }),
        RETRY_INFO('7s'),
      ]),
    );
    const error = await failure(adapter().chat(request, ctx()));
    expect(error.code).toBe('PROVIDER_RATE_LIMIT_ERROR');
    expect(error.retryAfterMs).toBe(7000);
  });

  it.each([
    [
      'a per-day quota id',
      { quotaId: 'GenerateRequestsPerDayPerProjectPerModel-FreeTier', quotaValue: '250' },
    ],
    ['a daily quota metric', { quotaMetric: 'generativelanguage.googleapis.com/daily_generate_requests' }],
    ['a per_day quota metric', { quotaMetric: 'generativelanguage.googleapis.com/requests_per_day' }],
    [
      'a free-tier quota whose limit is 0 (no free tier for this model)',
      {
        quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_input_token_count',
        quotaId: 'GenerateContentInputTokensPerModelPerMinute-FreeTier',
        quotaValue: '0',
      },
    ],
    ['a billing quota', { quotaId: 'BillingAccountSpendCap', description: 'billing spend cap reached' }],
  ])('%s → QUOTA_EXCEEDED, not retryable, even beside a RetryInfo', async (_, violation) => {
    emulator.current.script(exhausted([quotaFailure(violation), RETRY_INFO('30s')]));
    const error = await failure(adapter().chat(request, ctx()));
    expect(error.code).toBe('QUOTA_EXCEEDED');
    expect(error.retryable).toBe(false);
  });

  it('the same holds for the error object Gemini writes into a 200 stream', () => {
    const inStream = (details: unknown[]) => {
      try {
        assertUsable(
          {
            error: {
              code: 429,
              status: 'RESOURCE_EXHAUSTED',
              message: 'Resource has been exhausted (e.g. check quota).',
              details,
            },
          },
          'gemini',
          'gemini-2.5-flash',
        );
      } catch (error) {
        return error as PalError;
      }
      throw new Error('assertUsable accepted an error chunk');
    };
    const limited = inStream([RETRY_INFO('2s')]);
    expect(limited).toMatchObject({ code: 'PROVIDER_RATE_LIMIT_ERROR', retryable: true, retryAfterMs: 2000 });
    const daily = inStream([quotaFailure({ quotaId: 'GenerateRequestsPerDayPerProjectPerModel' })]);
    expect(daily).toMatchObject({ code: 'QUOTA_EXCEEDED', retryable: false });
  });
});

describe('gemini 429 through the kernel', () => {
  it('retries a RetryInfo-only 429 after its retryDelay (0.05 s), then answers', async () => {
    emulator.current.script(exhausted([RETRY_INFO('0.05s')]), {});
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
      await new Promise((resolve) => setTimeout(resolve, ms));
    };
    const runtime = createRuntime({
      providers: [adapter()],
      policies: {
        retry: { maxAttempts: 2, sleep, random: () => 0, budget: false },
        circuitBreaker: false,
      },
    });
    const started = Date.now();
    const result = await runtime.chat({ ...request, model: 'gemini/gemini-2.5-flash' });
    expect(result.text).toBe('Echo: Hi');
    expect(emulator.current.requests).toHaveLength(2);
    expect(waits).toEqual([50]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(50);
    expect(result.attempts[0]?.error).toMatchObject({ code: 'PROVIDER_RATE_LIMIT_ERROR', retryAfterMs: 50 });
  });

  it('does not retry a per-day quota', async () => {
    emulator.current.script({ fault: { type: 'error', kind: 'quota' } }, {});
    const runtime = createRuntime({
      providers: [adapter()],
      policies: { retry: { maxAttempts: 3, sleep: async () => {}, budget: false }, circuitBreaker: false },
    });
    await expect(runtime.chat({ ...request, model: 'gemini/gemini-2.5-flash' })).rejects.toMatchObject({
      code: 'QUOTA_EXCEEDED',
    });
    expect(emulator.current.requests).toHaveLength(1);
  });
});
