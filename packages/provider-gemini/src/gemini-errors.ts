import {
  GoogleGenerativeAIAbortError,
  GoogleGenerativeAIError,
  GoogleGenerativeAIFetchError,
  GoogleGenerativeAIRequestInputError,
  GoogleGenerativeAIResponseError,
} from '@google/generative-ai';
import { PalError } from '@pal/core';
import { type ErrorMapper, createErrorMapper, palErrorFromHttp } from '@pal/core/provider';
import type { GeminiResponse } from './wire-types.js';

/** Google's canonical status name for each HTTP status the Gemini API uses (the SDK keeps only the number). */
const RPC_STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/**
 * The vendor's own message from the SDK's
 * `[GoogleGenerativeAI Error]: Error fetching from <url>: [429 Too Many Requests] <message> <details JSON>`.
 */
function vendorMessage(error: GoogleGenerativeAIFetchError): string {
  let text = error.message.replace(/^[\s\S]*?: \[\d+ [^\]]*\] ?/, '');
  const details = error.errorDetails ? ` ${JSON.stringify(error.errorDetails)}` : '';
  if (details && text.endsWith(details)) text = text.slice(0, -details.length);
  return text || error.statusText || 'Request failed';
}

/** SDK errors that are not HTTP failures, by what went wrong. */
function classify(provider: string, error: unknown): PalError | undefined {
  if (!(error instanceof GoogleGenerativeAIError) || error instanceof GoogleGenerativeAIFetchError)
    return undefined;
  const message = error.message;
  const fail = (code: 'ABORTED' | 'CONTENT_FILTERED' | 'INVALID_REQUEST' | 'STREAM_ERROR') =>
    new PalError({ code, provider, message, cause: error });
  if (error instanceof GoogleGenerativeAIAbortError) return fail('ABORTED');
  if (error instanceof GoogleGenerativeAIResponseError) return fail('CONTENT_FILTERED');
  if (error instanceof GoogleGenerativeAIRequestInputError) return fail('INVALID_REQUEST');
  // stream read failures: the SDK drops the cause, so a cut connection and a bad chunk look alike
  if (/Error reading from the stream|Failed to parse stream|Error parsing JSON response/.test(message)) {
    return fail('STREAM_ERROR');
  }
  return undefined;
}

/** A daily quota, named as Google names them in `QuotaFailure` ids and metrics. */
const DAILY_QUOTA = /per[ _-]?day|daily/i;
/** A quota money decides: billing, spend caps, prepaid credits. */
const BILLING_QUOTA = /billing|spend[ _-]?(?:cap|limit)|credits?\b|prepa(?:id|y)/i;

function record(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * True when a 429 RESOURCE_EXHAUSTED's `details` show a quota that waiting minutes will not
 * restore: a `google.rpc.QuotaFailure` violation naming a daily or billing quota (its `quotaId`,
 * `quotaMetric` or `description`), or one whose limit is 0 (the free tier does not cover the
 * model at all); or a `google.rpc.ErrorInfo` reason about billing. Anything else (a `RetryInfo`
 * alone, per-minute violations, no details) is the usual rate limit. The message is not read:
 * Gemini words per-minute and per-day 429s alike ("check quota", "check your plan and billing").
 */
export function isExhaustedQuota(details: unknown): boolean {
  if (!Array.isArray(details)) return false;
  return details.some((entry) => {
    const detail = record(entry);
    const type = String(detail?.['@type'] ?? '');
    if (type.endsWith('google.rpc.ErrorInfo')) return BILLING_QUOTA.test(String(detail?.reason ?? ''));
    if (!type.endsWith('google.rpc.QuotaFailure') || !Array.isArray(detail?.violations)) return false;
    return detail.violations.some((item) => {
      const violation = record(item) ?? {};
      const names = ['quotaId', 'quotaMetric', 'description']
        .map((k) => String(violation[k] ?? ''))
        .join(' ');
      return DAILY_QUOTA.test(names) || BILLING_QUOTA.test(names) || String(violation.quotaValue) === '0';
    });
  });
}

/**
 * Gemini's verdict on a mapped 429 (core reads the word "quota" in "Resource has been exhausted
 * (e.g. check quota)." as an exhausted quota): QUOTA_EXCEEDED only when {@link isExhaustedQuota},
 * else PROVIDER_RATE_LIMIT_ERROR, retryable. `retryAfterMs` (from `RetryInfo.retryDelay`) is kept.
 */
function classifyExhausted(error: PalError, details: unknown): PalError {
  if (error.status !== 429) return error;
  const code = isExhaustedQuota(details) ? 'QUOTA_EXCEEDED' : 'PROVIDER_RATE_LIMIT_ERROR';
  if (error.code === code) return error;
  // action and userMessage are derived from the code: drop the old ones so they are derived again
  return error.with({
    code,
    retryable: code !== 'QUOTA_EXCEEDED',
    action: undefined,
    userMessage: undefined,
  });
}

/** The model to suggest when a Gemini Pro is unavailable: Flash, the fast and usually available one. */
export function geminiAlternative(model: string): string | undefined {
  return /gemini-.*pro/.test(model) ? 'gemini-3.6-flash' : undefined;
}

/**
 * Maps what `@google/generative-ai` throws into PAL's taxonomy with core's mapper:
 * `GoogleGenerativeAIFetchError` (status + `errorDetails`) is rebuilt into Google's error body, so
 * 400 `API_KEY_INVALID` → PROVIDER_AUTH_ERROR and `RetryInfo.retryDelay` → `retryAfterMs`; a 429
 * RESOURCE_EXHAUSTED is QUOTA_EXCEEDED only for a daily / billing quota ({@link isExhaustedQuota}),
 * else PROVIDER_RATE_LIMIT_ERROR (retried after the delay). An unavailable Pro suggests Flash.
 */
export function geminiErrorMapper(provider: string): ErrorMapper {
  const map = createErrorMapper({
    provider,
    alternativeModel: geminiAlternative,
    extract(error) {
      if (!(error instanceof GoogleGenerativeAIFetchError) || error.status === undefined) return undefined;
      const message = vendorMessage(error);
      return {
        status: error.status,
        message,
        body: {
          error: {
            code: error.status,
            message,
            ...(RPC_STATUS[error.status] && { status: RPC_STATUS[error.status] }),
            ...(error.errorDetails && { details: error.errorDetails }),
          },
        },
      };
    },
    classify: (error) => classify(provider, error),
  });
  return (error, context) => {
    const mapped = map(error, context);
    return error instanceof GoogleGenerativeAIFetchError
      ? classifyExhausted(mapped, error.errorDetails)
      : mapped;
  };
}

/**
 * Throws for a 200 response that carries no answer: a blocked prompt (`promptFeedback.blockReason`,
 * no candidates) → CONTENT_FILTERED, or the `{error}` object Gemini writes into a stream, which the
 * 0.24 SDK yields as an ordinary chunk instead of raising.
 */
export function assertUsable(response: GeminiResponse, provider: string, model: string): void {
  if (response.error) {
    const error = palErrorFromHttp({
      status: response.error.code,
      body: { error: response.error },
      provider,
      model,
    });
    throw classifyExhausted(error, response.error.details);
  }
  const block = response.promptFeedback?.blockReason;
  if (!block || response.candidates?.length) return;
  const why = response.promptFeedback?.blockReasonMessage;
  throw new PalError({
    code: 'CONTENT_FILTERED',
    provider,
    model,
    status: 200,
    message: `${provider}: Gemini blocked the prompt (${block})${why ? `: ${why}` : ''}`,
    details: { blockReason: block },
  });
}
