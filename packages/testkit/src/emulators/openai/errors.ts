import { randomUUID } from 'node:crypto';
import { maskSecret } from '@pal/core';
import type { ErrorKind, Fault, JsonReply, VendorRequestContext } from '../../emulator/types.js';
import { isAzureClassic, requestedModel } from './request-shape.js';

/** OpenAI's error object: `{ error: { message, type, param, code } }`. */
export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

interface ErrorTemplate {
  status: number;
  type: string;
  code: string | null;
  param: string | null;
  message: (model: string) => string;
  headers?: Record<string, string>;
}

const RATE_LIMIT_HEADERS: Record<string, string> = {
  'retry-after': '1',
  'retry-after-ms': '1000',
  'x-ratelimit-limit-requests': '10000',
  'x-ratelimit-limit-tokens': '200000',
  'x-ratelimit-remaining-requests': '9999',
  'x-ratelimit-remaining-tokens': '0',
  'x-ratelimit-reset-requests': '6ms',
  'x-ratelimit-reset-tokens': '1s',
};

/** The OpenAI answer for each error kind (status, type, code, message), as the API sends them. */
const OPENAI_ERRORS: Readonly<Record<ErrorKind, ErrorTemplate>> = {
  auth: {
    status: 401,
    type: 'invalid_request_error',
    code: 'invalid_api_key',
    param: null,
    message: () =>
      'Incorrect API key provided: sk-...abcd. You can find your API key at https://platform.openai.com/account/api-keys.',
  },
  permission: {
    status: 403,
    type: 'request_forbidden',
    code: 'unsupported_country_region_territory',
    param: null,
    message: () => 'Country, region, or territory not supported',
  },
  not_found: {
    status: 404,
    type: 'invalid_request_error',
    code: 'model_not_found',
    param: null,
    message: (model) => `The model \`${model}\` does not exist or you do not have access to it.`,
  },
  invalid: {
    status: 400,
    type: 'invalid_request_error',
    code: 'empty_array',
    param: 'messages',
    message: () =>
      "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
  },
  context_length: {
    status: 400,
    type: 'invalid_request_error',
    code: 'context_length_exceeded',
    param: 'messages',
    message: () =>
      "This model's maximum context length is 128000 tokens. However, your messages resulted in 130532 tokens. Please reduce the length of the messages.",
  },
  rate_limit: {
    status: 429,
    type: 'tokens',
    code: 'rate_limit_exceeded',
    param: null,
    message: (model) =>
      `Rate limit reached for ${model} in organization org-emulator on tokens per min (TPM): Limit 200000, Used 199500, Requested 1200. Please try again in 1s. Visit https://platform.openai.com/account/rate-limits to learn more.`,
    headers: RATE_LIMIT_HEADERS,
  },
  quota: {
    status: 429,
    type: 'insufficient_quota',
    code: 'insufficient_quota',
    param: null,
    message: () =>
      'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
  },
  server: {
    status: 500,
    type: 'server_error',
    code: null,
    param: null,
    message: () => 'The server had an error while processing your request. Sorry about that!',
  },
  unavailable: {
    status: 503,
    type: 'server_error',
    code: null,
    param: null,
    message: () => 'The server is temporarily unable to handle your request. Please try again later.',
  },
  overloaded: {
    status: 503,
    type: 'server_error',
    code: null,
    param: null,
    message: () => 'The engine is currently overloaded, please try again later',
  },
  content_filter: {
    status: 400,
    type: 'invalid_request_error',
    code: 'content_filter',
    param: 'prompt',
    message: () =>
      "The response was filtered due to the prompt triggering OpenAI's content management policy. Please modify your prompt and retry.",
  },
};

/** Headers OpenAI puts on every answer: a request id and the processing time. */
export function requestIdHeaders(ctx: Pick<VendorRequestContext, 'path'>): Record<string, string> {
  const id = randomUUID().replaceAll('-', '');
  return isAzureClassic(ctx)
    ? { 'apim-request-id': randomUUID(), 'x-request-id': randomUUID(), 'x-ms-region': 'East US' }
    : { 'x-request-id': `req_${id}`, 'openai-processing-ms': '42', 'openai-version': '2020-10-01' };
}

/** An OpenAI-shaped error reply with an explicit status, type, code, param and message. */
export function openaiError(
  ctx: Pick<VendorRequestContext, 'path'>,
  status: number,
  error: OpenAIErrorBody['error'],
  headers: Record<string, string> = {},
): JsonReply {
  return { kind: 'json', status, headers: { ...requestIdHeaders(ctx), ...headers }, body: { error } };
}

/** The OpenAI error body for `kind` (message overridable), without status. */
export function openaiErrorBody(kind: ErrorKind, model: string, message?: string): OpenAIErrorBody {
  const t = OPENAI_ERRORS[kind];
  return { error: { message: message ?? t.message(model), type: t.type, param: t.param, code: t.code } };
}

/** Azure's error shape: `code` is the main key, usually without `type`. */
function azureErrorReply(kind: ErrorKind, message?: string): JsonReply | undefined {
  switch (kind) {
    case 'auth':
      return {
        kind: 'json',
        status: 401,
        body: {
          error: {
            code: '401',
            message:
              message ??
              'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
          },
        },
      };
    case 'not_found':
      return {
        kind: 'json',
        status: 404,
        body: {
          error: {
            code: 'DeploymentNotFound',
            message:
              message ??
              'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.',
          },
        },
      };
    case 'rate_limit':
      return {
        kind: 'json',
        status: 429,
        headers: {
          'retry-after': '6',
          'x-ratelimit-remaining-requests': '0',
          'x-ratelimit-remaining-tokens': '0',
        },
        body: {
          error: {
            code: '429',
            message:
              message ??
              'Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 6 seconds. Please go here: https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit.',
          },
        },
      };
    case 'content_filter':
      return {
        kind: 'json',
        status: 400,
        body: {
          error: {
            message:
              message ??
              "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry.",
            type: null,
            param: 'prompt',
            code: 'content_filter',
            status: 400,
            innererror: {
              code: 'ResponsibleAIPolicyViolation',
              content_filter_result: {
                hate: { filtered: false, severity: 'safe' },
                self_harm: { filtered: false, severity: 'safe' },
                sexual: { filtered: false, severity: 'safe' },
                violence: { filtered: true, severity: 'high' },
              },
            },
          },
        },
      };
    default:
      return undefined;
  }
}

/**
 * The vendor error reply for a scripted `error` fault: OpenAI's body, status and headers for the kind
 * (Azure's own shape on Azure paths for auth, not-found, rate-limit and content-filter errors).
 */
export function openaiErrorReply(
  fault: Extract<Fault, { type: 'error' }>,
  ctx: VendorRequestContext,
): JsonReply {
  const model = requestedModel(ctx);
  const azure = isAzureClassic(ctx) ? azureErrorReply(fault.kind, fault.message) : undefined;
  if (azure) return { ...azure, headers: { ...requestIdHeaders(ctx), ...azure.headers } };
  const t = OPENAI_ERRORS[fault.kind];
  const headers = { ...requestIdHeaders(ctx), ...t.headers };
  // a scripted `retry-after` is the hint under test: drop the default `retry-after-ms` that would outrank it
  const scripted = Object.keys(fault.headers ?? {}).map((h) => h.toLowerCase());
  if (scripted.includes('retry-after') && !scripted.includes('retry-after-ms'))
    delete headers['retry-after-ms'];
  return {
    kind: 'json',
    status: t.status,
    headers,
    body: openaiErrorBody(fault.kind, model, fault.message),
  };
}

/** The 401 for a missing key or the key `bad-key` (the key is shown masked, as OpenAI does). */
export function authErrorReply(ctx: VendorRequestContext, key: string | undefined): JsonReply {
  if (isAzureClassic(ctx)) return openaiErrorReply({ type: 'error', kind: 'auth' }, ctx);
  const message =
    key === undefined
      ? "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys."
      : `Incorrect API key provided: ${maskSecret(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`;
  return openaiError(ctx, 401, {
    message,
    type: 'invalid_request_error',
    param: null,
    code: key === undefined ? null : 'invalid_api_key',
  });
}

/** The status OpenAI answers a recorded error body with (by its code, then its type). */
export function statusForErrorBody(error: { code?: unknown; type?: unknown }): number {
  const byCode: Record<string, number> = {
    invalid_api_key: 401,
    model_not_found: 404,
    insufficient_quota: 429,
    rate_limit_exceeded: 429,
    context_length_exceeded: 400,
    unsupported_parameter: 400,
  };
  const byType: Record<string, number> = {
    invalid_request_error: 400,
    insufficient_quota: 429,
    tokens: 429,
    requests: 429,
    server_error: 500,
    request_forbidden: 403,
  };
  return byCode[String(error.code)] ?? byType[String(error.type)] ?? 400;
}
