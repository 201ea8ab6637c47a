import { countTokens } from '../../emulator/defaults.js';
import type { ErrorKind, Fault, JsonReply, VendorRequestContext } from '../../emulator/types.js';

/** Google's canonical RPC status names used by the Gemini API. */
export type GoogleRpcStatus =
  | 'INVALID_ARGUMENT'
  | 'FAILED_PRECONDITION'
  | 'PERMISSION_DENIED'
  | 'NOT_FOUND'
  | 'RESOURCE_EXHAUSTED'
  | 'INTERNAL'
  | 'UNAVAILABLE'
  | 'DEADLINE_EXCEEDED';

/** The Google RPC error body: `{ error: { code, message, status, details } }`. */
export interface GoogleErrorBody {
  error: { code: number; message: string; status: GoogleRpcStatus; details?: Array<Record<string, unknown>> };
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=UTF-8' };

/** Builds a Gemini error reply with Google's body shape. */
export function googleError(
  code: number,
  status: GoogleRpcStatus,
  message: string,
  details?: Array<Record<string, unknown>>,
): JsonReply {
  const body: GoogleErrorBody = { error: { code, message, status, ...(details && { details }) } };
  return { kind: 'json', status: code, headers: { ...JSON_HEADERS }, body };
}

/** The `google.rpc.ErrorInfo` detail the API attaches to key errors. */
function errorInfo(reason: string): Record<string, unknown> {
  return {
    '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
    reason,
    domain: 'googleapis.com',
    metadata: { service: 'generativelanguage.googleapis.com' },
  };
}

/** 400 INVALID_ARGUMENT / API_KEY_INVALID: what the Gemini API answers for a bad key (not 401). */
export function invalidKeyError(): JsonReply {
  return googleError(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [
    errorInfo('API_KEY_INVALID'),
    {
      '@type': 'type.googleapis.com/google.rpc.LocalizedMessage',
      locale: 'en-US',
      message: 'API key not valid. Please pass a valid API key.',
    },
  ]);
}

/** 403 PERMISSION_DENIED for a call without any key. */
export function missingKeyError(): JsonReply {
  return googleError(
    403,
    'PERMISSION_DENIED',
    "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
    [{ ...errorInfo('CONSUMER_INVALID') }],
  );
}

/** 404 NOT_FOUND for a model the API does not know, worded as the API words it. */
export function modelNotFoundError(model: string, task = 'generateContent'): JsonReply {
  return googleError(
    404,
    'NOT_FOUND',
    `models/${model} is not found for API version v1beta, or is not supported for ${task}. Call ListModels to see the list of available models and their supported methods.`,
  );
}

/**
 * What Gemini 3 answers (400 INVALID_ARGUMENT) when a model turn of the current turn replays a
 * function call without the `thoughtSignature` the model returned with it. `position` is the
 * 1-based index of that content in `contents`; the wording is the API's.
 */
export function missingThoughtSignatureMessage(name: string, position: number): string {
  return `Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. Additional data, function call \`default_api:${name}\` , position ${position}. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.`;
}

/** What the API answers (400 INVALID_ARGUMENT) for a thinkingConfig with both a budget and a level. */
export const BOTH_THINKING_CONTROLS_MESSAGE =
  'You can only set only one of thinking budget and thinking level.';

/** The model's input limit quoted in context-length errors (Gemini 2.x: 1 048 576 tokens). */
export const GEMINI_INPUT_TOKEN_LIMIT = 1_048_576;

/** The `{model, task}` route params, with defaults for contexts that have none. */
function routeOf(ctx: VendorRequestContext): { model: string; task: string } {
  return { model: ctx.params.model ?? 'gemini-2.5-flash', task: ctx.params.task ?? 'generateContent' };
}

/**
 * Gemini's error reply for each `ErrorKind`. `content_filter` is not an HTTP error on Gemini:
 * the API answers 200 with `promptFeedback.blockReason: "SAFETY"` and no candidates.
 */
export function geminiErrorReply(
  fault: Extract<Fault, { type: 'error' }>,
  ctx: VendorRequestContext,
): JsonReply {
  const reply = defaultErrorFor(fault.kind, ctx, fault.message, retryDelayOf(fault.headers));
  const body = reply.body as Partial<GoogleErrorBody>;
  if (fault.status !== undefined) {
    reply.status = fault.status;
    if (body.error) body.error.code = fault.status;
  }
  // scripted details replace the kind's (e.g. a 429 carrying only RetryInfo, or no details at all)
  if (fault.details && body.error) {
    if (fault.details.length > 0) body.error.details = fault.details;
    else delete body.error.details;
  }
  if (fault.headers) reply.headers = { ...reply.headers, ...fault.headers };
  return reply;
}

/**
 * Gemini sends no Retry-After header: its retry hint is `RetryInfo.retryDelay` in the body. A fault that
 * scripts `retry-after: N` (seconds) therefore also sets the body's delay to `"Ns"`.
 */
function retryDelayOf(headers: Record<string, string> | undefined): string {
  const entry = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === 'retry-after');
  const seconds = entry ? Number(entry[1]) : Number.NaN;
  return Number.isFinite(seconds) && seconds >= 0 ? `${seconds}s` : '2s';
}

function defaultErrorFor(
  kind: ErrorKind,
  ctx: VendorRequestContext,
  message?: string,
  retryDelay = '2s',
): JsonReply {
  const { model, task } = routeOf(ctx);
  switch (kind) {
    case 'auth':
      return message
        ? googleError(400, 'INVALID_ARGUMENT', message, [errorInfo('API_KEY_INVALID')])
        : invalidKeyError();
    case 'permission':
      return googleError(403, 'PERMISSION_DENIED', message ?? 'The caller does not have permission');
    case 'not_found':
      return message ? googleError(404, 'NOT_FOUND', message) : modelNotFoundError(model, task);
    case 'invalid':
      return googleError(400, 'INVALID_ARGUMENT', message ?? 'Request contains an invalid argument.');
    case 'context_length': {
      const promptTokens = countTokens(JSON.stringify(ctx.body ?? ''));
      const count = GEMINI_INPUT_TOKEN_LIMIT + Math.max(1, promptTokens);
      return googleError(
        400,
        'INVALID_ARGUMENT',
        message ??
          `The input token count (${count}) exceeds the maximum number of tokens allowed (${GEMINI_INPUT_TOKEN_LIMIT}).`,
      );
    }
    case 'rate_limit':
      return googleError(
        429,
        'RESOURCE_EXHAUSTED',
        message ?? 'Resource has been exhausted (e.g. check quota).',
        [
          {
            '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
            violations: [
              {
                quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests',
                quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier',
                quotaDimensions: { location: 'global', model },
                quotaValue: '10',
              },
            ],
          },
          { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay },
        ],
      );
    case 'quota':
      return googleError(
        429,
        'RESOURCE_EXHAUSTED',
        message ??
          'You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.',
        [
          {
            '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
            violations: [
              {
                quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests',
                quotaId: 'GenerateRequestsPerDayPerProjectPerModel-FreeTier',
                quotaDimensions: { location: 'global', model },
                quotaValue: '250',
              },
            ],
          },
          {
            '@type': 'type.googleapis.com/google.rpc.Help',
            links: [
              {
                description: 'Learn more about Gemini API quotas',
                url: 'https://ai.google.dev/gemini-api/docs/rate-limits',
              },
            ],
          },
        ],
      );
    case 'server':
      return googleError(
        500,
        'INTERNAL',
        message ??
          'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
      );
    case 'unavailable':
      return googleError(503, 'UNAVAILABLE', message ?? 'The service is currently unavailable.');
    case 'overloaded':
      return googleError(503, 'UNAVAILABLE', message ?? 'The model is overloaded. Please try again later.');
    case 'content_filter':
      // a stream call gets the same block as its one SSE event (written raw: the body is a string)
      return task === 'streamGenerateContent'
        ? {
            kind: 'json',
            status: 200,
            headers: { 'content-type': 'text/event-stream' },
            body: `data: ${JSON.stringify(blockedPromptResponse(ctx, message))}\r\n\r\n`,
          }
        : {
            kind: 'json',
            status: 200,
            headers: { ...JSON_HEADERS },
            body: blockedPromptResponse(ctx, message),
          };
  }
}

/** A 200 response for a prompt Gemini refused: no candidates, `promptFeedback.blockReason: "SAFETY"`. */
export function blockedPromptResponse(ctx: VendorRequestContext, message?: string): Record<string, unknown> {
  const promptTokens = countTokens(JSON.stringify(ctx.body?.contents ?? ''));
  return {
    promptFeedback: {
      blockReason: 'SAFETY',
      ...(message && { blockReasonMessage: message }),
      safetyRatings: [
        { category: 'HARM_CATEGORY_SEXUALLY_EXPLICIT', probability: 'NEGLIGIBLE' },
        { category: 'HARM_CATEGORY_HATE_SPEECH', probability: 'NEGLIGIBLE' },
        { category: 'HARM_CATEGORY_HARASSMENT', probability: 'NEGLIGIBLE' },
        { category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'HIGH', blocked: true },
      ],
    },
    usageMetadata: { promptTokenCount: promptTokens, totalTokenCount: promptTokens },
    modelVersion: routeOf(ctx).model,
    responseId: 'blocked',
  };
}

/**
 * The error Gemini sends inside a 200 stream. There is no error event type: the server writes one
 * `data: {"error":{…}}` frame and closes. `@google/generative-ai` 0.24 does NOT raise it: it yields
 * the object as an ordinary chunk (no candidates, so `text()` is ""), and the aggregated
 * `response` has no candidates. Adapters must look for `error` on each chunk themselves.
 * (`@google/genai` does throw it as an `ApiError`.) A `content_filter` stream error is how Gemini
 * really stops a stream for safety: a candidate with `finishReason: "SAFETY"`.
 */
export function geminiStreamErrorFrame(
  fault: Extract<Fault, { type: 'stream-error' }>,
  ctx: VendorRequestContext,
): string {
  if (fault.kind === 'content_filter') {
    const candidate = {
      content: { parts: [{ text: '' }], role: 'model' },
      finishReason: 'SAFETY',
      index: 0,
      safetyRatings: [{ category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'HIGH', blocked: true }],
    };
    return `data: ${JSON.stringify({ candidates: [candidate], modelVersion: routeOf(ctx).model })}\r\n\r\n`;
  }
  const body = defaultErrorFor(fault.kind, ctx, fault.message).body as GoogleErrorBody;
  return `data: ${JSON.stringify({ error: body.error })}\r\n\r\n`;
}
