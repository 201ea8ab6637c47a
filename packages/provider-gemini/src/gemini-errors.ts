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

/** The model to suggest when a Gemini Pro is unavailable: Flash, the fast and usually available one. */
export function geminiAlternative(model: string): string | undefined {
  return /gemini-.*pro/.test(model) ? 'gemini-2.5-flash' : undefined;
}

/**
 * Maps what `@google/generative-ai` throws into PAL's taxonomy with core's mapper:
 * `GoogleGenerativeAIFetchError` (status + `errorDetails`) is rebuilt into Google's error body, so
 * 400 `API_KEY_INVALID` → PROVIDER_AUTH_ERROR, `RetryInfo.retryDelay` → `retryAfterMs`, a per-day /
 * billing RESOURCE_EXHAUSTED → QUOTA_EXCEEDED and a per-minute one → PROVIDER_RATE_LIMIT_ERROR
 * (core decides by the `QuotaFailure` quota ids when Google sends them). An unavailable Pro suggests Flash.
 */
export function geminiErrorMapper(provider: string): ErrorMapper {
  return createErrorMapper({
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
}

/**
 * Throws for a 200 response that carries no answer: a blocked prompt (`promptFeedback.blockReason`,
 * no candidates) → CONTENT_FILTERED, or the `{error}` object Gemini writes into a stream, which the
 * 0.24 SDK yields as an ordinary chunk instead of raising.
 */
export function assertUsable(response: GeminiResponse, provider: string, model: string): void {
  if (response.error) {
    throw palErrorFromHttp({ status: response.error.code, body: { error: response.error }, provider, model });
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
