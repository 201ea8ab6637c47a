import type { ErrorCode } from './error-code.js';
import { type HeadersLike, readHeader } from './headers-like.js';
import { PalError } from './pal-error.js';
import { parseRetryAfter } from './retry-after.js';
import { readVendorError, type VendorErrorInfo } from './vendor-error-info.js';

/** What `palErrorFromHttp` needs to classify a failed HTTP response. */
export interface HttpErrorInput {
  /** HTTP status; when missing (a mid-stream error event) it is inferred from the vendor's error type/code. */
  status?: number;
  headers?: HeadersLike;
  /** The response body: parsed JSON, its text, or bytes. */
  body?: unknown;
  /** A message to use when the body has none (e.g. the SDK's own message). */
  message?: string;
  /** A vendor code known from elsewhere (e.g. the AWS SDK's exception name). */
  code?: string;
  provider: string;
  model?: string;
  cause?: unknown;
  /** What a wrong-path 404 should tell a person about this provider's base URL (see `ErrorMapperOptions.baseURLHint`). */
  baseURLHint?: string;
}

const CONTEXT_LENGTH =
  /maximum context length|context[_ ]length[_ ]exceeded|context window|prompt is too long|input is too long|too many tokens|input token count.*exceeds|exceeds the maximum number of tokens|maximum number of tokens allowed|reduce the length of the messages/i;
const CONTENT_FILTER =
  /content_filter|content[ _]management[ _]policy|ResponsibleAIPolicyViolation|\bSAFETY\b|\bblocked\b|content policy|safety system|usage policies/;
const INVALID_KEY =
  /API_KEY_INVALID|API key not valid|invalid[_ ]api[_ ]key|incorrect api key|invalid x-api-key|UnrecognizedClientException|InvalidSignatureException|ExpiredTokenException/i;
const QUOTA_WORDING = /insufficient_quota|exceeded your current quota|spend[_ ]limit|credit balance/i;
const QUOTA = /quota|billing/i;
const PER_MINUTE_RATE =
  /per[ _-]?minute|PerMinute|\brpm\b|\btpm\b|rate[ _-]?limit|per[ _-]?second|PerSecond/i;
const OVERLOADED = /overload|server busy|over capacity|at capacity/i;
const MODEL_REFERENCE = /model|deployment/i;
const RETRY_HINT = /(?:try again|retry) (?:in|after) (\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|sec|seconds?)\b/i;

/** The HTTP status a vendor error type / code / Google status implies, for errors that arrive without one. */
const STATUS_BY_NAME: Record<string, number> = {
  invalid_request_error: 400,
  INVALID_ARGUMENT: 400,
  FAILED_PRECONDITION: 400,
  ValidationException: 400,
  authentication_error: 401,
  UNAUTHENTICATED: 401,
  permission_error: 403,
  PERMISSION_DENIED: 403,
  AccessDeniedException: 403,
  billing_error: 402,
  not_found_error: 404,
  NOT_FOUND: 404,
  ResourceNotFoundException: 404,
  ModelTimeoutException: 408,
  ModelErrorException: 424,
  rate_limit_error: 429,
  rate_limit_exceeded: 429,
  insufficient_quota: 429,
  RESOURCE_EXHAUSTED: 429,
  ThrottlingException: 429,
  ModelNotReadyException: 429,
  api_error: 500,
  server_error: 500,
  INTERNAL: 500,
  InternalServerException: 500,
  ModelStreamErrorException: 500,
  UNAVAILABLE: 503,
  ServiceUnavailableException: 503,
  timeout_error: 504,
  DEADLINE_EXCEEDED: 504,
  overloaded_error: 529,
};

function inferStatus(info: VendorErrorInfo, code: string | undefined): number | undefined {
  for (const name of [code, info.code, info.type, info.status]) {
    if (name && STATUS_BY_NAME[name] !== undefined) return STATUS_BY_NAME[name];
  }
  return undefined;
}

interface Classification {
  code: ErrorCode;
  retryable?: boolean;
  /** The endpoint itself was not found (not a model): most likely a wrong base URL. */
  wrongPath?: boolean;
}

function isQuota(info: VendorErrorInfo, haystack: string): boolean {
  const google = info.status === 'RESOURCE_EXHAUSTED' || info.quotaViolations.length > 0;
  if (google) {
    // Google reports per-minute limits as quota failures too: those are rate limits that clear soon
    // the quota ids say which limit it is (per minute: a rate limit; per day or total: a quota);
    // links in the message ("…/rate-limits") must not decide
    if (info.quotaViolations.length > 0) return !PER_MINUTE_RATE.test(info.quotaViolations.join(' '));
    const message = (info.message ?? '').replace(/https?:\/\/\S+/g, '');
    return QUOTA.test(message) && !PER_MINUTE_RATE.test(message);
  }
  // OpenAI's rate-limit messages mention billing ("...by adding a payment method at .../billing")
  return QUOTA_WORDING.test(haystack) || (/billing/i.test(haystack) && !/rate[ _-]?limit/i.test(haystack));
}

function classify(status: number | undefined, info: VendorErrorInfo, haystack: string): Classification {
  if (info.type === 'overloaded_error' || status === 529) return { code: 'OVERLOADED' };
  if (status === undefined) return { code: 'PROVIDER_API_ERROR' };
  if (status === 400 || status === 413 || status === 422) {
    if (INVALID_KEY.test(haystack)) return { code: 'PROVIDER_AUTH_ERROR' };
    if (/ServiceQuotaExceeded/.test(haystack) || QUOTA_WORDING.test(haystack)) {
      return { code: 'QUOTA_EXCEEDED', retryable: false };
    }
    if (CONTEXT_LENGTH.test(haystack)) return { code: 'CONTEXT_LENGTH_EXCEEDED' };
    if (CONTENT_FILTER.test(haystack)) return { code: 'CONTENT_FILTERED' };
    return { code: 'INVALID_REQUEST' };
  }
  if (status === 401 || status === 403) return { code: 'PROVIDER_AUTH_ERROR' };
  if (status === 402) return { code: 'QUOTA_EXCEEDED', retryable: false };
  if (status === 404) {
    const aboutModel = info.code === 'model_not_found' || MODEL_REFERENCE.test(haystack);
    return aboutModel
      ? { code: 'MODEL_NOT_FOUND' }
      : { code: 'PROVIDER_API_ERROR', retryable: false, wrongPath: true };
  }
  if (status === 408) return { code: 'TIMEOUT' };
  if (status === 429) {
    return isQuota(info, haystack)
      ? { code: 'QUOTA_EXCEEDED', retryable: false }
      : { code: 'PROVIDER_RATE_LIMIT_ERROR' };
  }
  if (status === 503)
    return OVERLOADED.test(haystack) ? { code: 'OVERLOADED' } : { code: 'PROVIDER_API_ERROR' };
  if (status === 424) return { code: 'PROVIDER_API_ERROR', retryable: false };
  if (status >= 500) return { code: 'PROVIDER_API_ERROR', retryable: true };
  if (status === 409) return { code: 'PROVIDER_API_ERROR', retryable: true };
  if (status >= 400) return { code: 'INVALID_REQUEST' };
  return { code: 'PROVIDER_API_ERROR' };
}

function retryHintFromMessage(message: string | undefined): number | undefined {
  const match = message ? RETRY_HINT.exec(message) : null;
  if (!match) return undefined;
  const value = Number(match[1]);
  return /^m/i.test(match[2] as string) ? value : value * 1000;
}

function shouldRetryOverride(headers: HeadersLike): boolean | undefined {
  const value = readHeader(headers, 'x-should-retry')?.trim().toLowerCase();
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

/**
 * Maps a failed vendor HTTP response (status, headers, error body) onto PAL's error
 * taxonomy; see the table in the core README. The message is the vendor's own,
 * prefixed with the status and redacted; `details` carries the vendor's code/type
 * and request id (never headers). `x-should-retry` overrides `retryable`.
 */
export function palErrorFromHttp(input: HttpErrorInput): PalError {
  const info = readVendorError(input.body);
  const headerCode = readHeader(input.headers, 'x-amzn-errortype')?.split(':')[0];
  const vendorCode = input.code ?? info.code ?? headerCode;
  if (vendorCode && !info.code) info.code = vendorCode;
  const status = input.status ?? inferStatus(info, vendorCode);
  const vendorMessage = info.message ?? input.message;
  const haystack = [vendorMessage, input.message, vendorCode, info.type, info.status, ...info.reasons]
    .filter(Boolean)
    .join(' | ');
  const { code, retryable, wrongPath } = classify(status, info, haystack);

  const retryAfterMs =
    parseRetryAfter(input.headers) ??
    info.retryDelayMs ??
    (code === 'PROVIDER_RATE_LIMIT_ERROR' ? retryHintFromMessage(vendorMessage) : undefined);
  const requestId =
    readHeader(input.headers, 'x-request-id') ??
    readHeader(input.headers, 'request-id') ??
    readHeader(input.headers, 'x-amzn-requestid');
  const details = Object.fromEntries(
    Object.entries({
      code: vendorCode,
      type: info.type,
      status: info.status,
      reasons: info.reasons.length > 0 ? info.reasons : undefined,
      quotaViolations: info.quotaViolations.length > 0 ? info.quotaViolations : undefined,
      requestId,
    }).filter(([, v]) => v !== undefined),
  );

  const baseMessage = vendorMessage ?? (status === undefined ? 'Provider error' : 'Request failed');
  const prefix = status === undefined || baseMessage.startsWith(String(status)) ? '' : `${status} `;
  return new PalError({
    code,
    message: `${prefix}${baseMessage}`,
    retryable: shouldRetryOverride(input.headers) ?? retryable,
    ...(retryAfterMs !== undefined && { retryAfterMs }),
    provider: input.provider,
    ...(input.model !== undefined && { model: input.model }),
    ...(status !== undefined && { status }),
    ...(Object.keys(details).length > 0 && { details }),
    ...(input.cause !== undefined && { cause: input.cause }),
    ...(wrongPath && {
      userMessage: `${input.provider} has no such endpoint (404): check the provider's baseURL${input.baseURLHint ? ` (${input.baseURLHint})` : ''}.`,
      action: 'provider-settings' as const,
    }),
  });
}
