import { describe, expect, it } from 'vitest';
import type { ErrorCode } from './error-code.js';
import { palErrorFromHttp } from './http-error.js';

const openai = (message: string, type: string | null, code: string | null) => ({
  error: { message, type, param: null, code },
});
const anthropic = (type: string, message: string, details?: unknown) => ({
  type: 'error',
  error: { type, message, ...(details !== undefined && { details }) },
  request_id: 'req_011',
});
const google = (code: number, status: string, message: string, details: unknown[] = []) => ({
  error: { code, message, status, details },
});

interface Row {
  name: string;
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  code?: string;
  expected: ErrorCode;
  retryable: boolean;
  retryAfterMs?: number;
}

const rows: Row[] = [
  // 400 family
  {
    name: 'openai bad parameter',
    status: 400,
    body: openai("Unsupported parameter: 'foo'", 'invalid_request_error', 'unsupported_parameter'),
    expected: 'INVALID_REQUEST',
    retryable: false,
  },
  {
    name: 'openai context length',
    status: 400,
    body: openai(
      "This model's maximum context length is 8192 tokens.",
      'invalid_request_error',
      'context_length_exceeded',
    ),
    expected: 'CONTEXT_LENGTH_EXCEEDED',
    retryable: false,
  },
  {
    name: 'anthropic prompt too long',
    status: 400,
    body: anthropic('invalid_request_error', 'prompt is too long: 210000 tokens > 200000 maximum'),
    expected: 'CONTEXT_LENGTH_EXCEEDED',
    retryable: false,
  },
  {
    name: 'bedrock input too long',
    status: 400,
    body: { message: 'Input is too long for requested model.' },
    headers: { 'x-amzn-errortype': 'ValidationException:http://internal.amazon.com/' },
    expected: 'CONTEXT_LENGTH_EXCEEDED',
    retryable: false,
  },
  {
    name: 'gemini token count',
    status: 400,
    body: google(
      400,
      'INVALID_ARGUMENT',
      'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).',
    ),
    expected: 'CONTEXT_LENGTH_EXCEEDED',
    retryable: false,
  },
  {
    name: 'azure content filter',
    status: 400,
    body: {
      error: {
        code: 'content_filter',
        message:
          "The response was filtered due to the prompt triggering Azure OpenAI's content management policy.",
        innererror: { code: 'ResponsibleAIPolicyViolation' },
      },
    },
    expected: 'CONTENT_FILTERED',
    retryable: false,
  },
  {
    name: 'gemini safety block',
    status: 400,
    body: google(400, 'INVALID_ARGUMENT', 'Prompt was blocked: SAFETY'),
    expected: 'CONTENT_FILTERED',
    retryable: false,
  },
  {
    name: 'gemini bad safety setting is still invalid',
    status: 400,
    body: google(400, 'INVALID_ARGUMENT', 'Invalid value at safety_settings[0].threshold'),
    expected: 'INVALID_REQUEST',
    retryable: false,
  },
  {
    name: 'gemini invalid API key (400)',
    status: 400,
    body: google(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [
      {
        '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
        reason: 'API_KEY_INVALID',
        domain: 'googleapis.com',
      },
    ]),
    expected: 'PROVIDER_AUTH_ERROR',
    retryable: false,
  },
  {
    name: 'bedrock service quota (400)',
    status: 400,
    body: { message: 'quota exceeded' },
    code: 'ServiceQuotaExceededException',
    expected: 'QUOTA_EXCEEDED',
    retryable: false,
  },
  {
    name: '422 unprocessable',
    status: 422,
    body: openai('bad', 'invalid_request_error', null),
    expected: 'INVALID_REQUEST',
    retryable: false,
  },
  // auth
  {
    name: 'openai 401',
    status: 401,
    body: openai('Incorrect API key provided: sk-abc...wxyz.', 'invalid_request_error', 'invalid_api_key'),
    expected: 'PROVIDER_AUTH_ERROR',
    retryable: false,
  },
  {
    name: 'anthropic 403',
    status: 403,
    body: anthropic('permission_error', 'Your API key does not have permission'),
    expected: 'PROVIDER_AUTH_ERROR',
    retryable: false,
  },
  {
    name: 'anthropic 402 billing',
    status: 402,
    body: anthropic('billing_error', 'Your credit balance is too low'),
    expected: 'QUOTA_EXCEEDED',
    retryable: false,
  },
  // 404
  {
    name: 'openai model_not_found',
    status: 404,
    body: openai(
      'The model `gpt-9` does not exist or you do not have access to it.',
      'invalid_request_error',
      'model_not_found',
    ),
    expected: 'MODEL_NOT_FOUND',
    retryable: false,
  },
  {
    name: 'azure deployment',
    status: 404,
    body: {
      error: { code: 'DeploymentNotFound', message: 'The API deployment for this resource does not exist.' },
    },
    expected: 'MODEL_NOT_FOUND',
    retryable: false,
  },
  {
    name: 'anthropic model',
    status: 404,
    body: anthropic('not_found_error', 'model: claude-nope'),
    expected: 'MODEL_NOT_FOUND',
    retryable: false,
  },
  {
    name: 'ollama model',
    status: 404,
    body: { error: 'model "llama3.2" not found, try pulling it first' },
    expected: 'MODEL_NOT_FOUND',
    retryable: false,
  },
  {
    name: 'plain 404',
    status: 404,
    body: '404 page not found',
    expected: 'PROVIDER_API_ERROR',
    retryable: false,
  },
  // timeouts and 5xx
  {
    name: '408',
    status: 408,
    body: { message: 'Model has timed out' },
    expected: 'TIMEOUT',
    retryable: true,
  },
  {
    name: '409',
    status: 409,
    body: openai('conflict', null, null),
    expected: 'PROVIDER_API_ERROR',
    retryable: true,
  },
  {
    name: '500',
    status: 500,
    body: openai('The server had an error while processing your request.', 'server_error', null),
    expected: 'PROVIDER_API_ERROR',
    retryable: true,
  },
  {
    name: '502 html',
    status: 502,
    body: '<html>Bad gateway</html>',
    expected: 'PROVIDER_API_ERROR',
    retryable: true,
  },
  {
    name: '504',
    status: 504,
    body: anthropic('timeout_error', 'Request timed out'),
    expected: 'PROVIDER_API_ERROR',
    retryable: true,
  },
  {
    name: '503 plain',
    status: 503,
    body: openai('Service unavailable', 'server_error', null),
    expected: 'PROVIDER_API_ERROR',
    retryable: true,
  },
  {
    name: '503 overloaded',
    status: 503,
    body: google(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.'),
    expected: 'OVERLOADED',
    retryable: true,
  },
  {
    name: '503 ollama busy',
    status: 503,
    body: { error: 'server busy, please try again.  maximum pending requests exceeded' },
    expected: 'OVERLOADED',
    retryable: true,
  },
  {
    name: '529',
    status: 529,
    body: anthropic('overloaded_error', 'Overloaded'),
    expected: 'OVERLOADED',
    retryable: true,
  },
  {
    name: 'overloaded_error without status',
    body: anthropic('overloaded_error', 'Overloaded'),
    expected: 'OVERLOADED',
    retryable: true,
  },
  {
    name: 'rate_limit_error without status',
    body: anthropic('rate_limit_error', 'slow down'),
    expected: 'PROVIDER_RATE_LIMIT_ERROR',
    retryable: true,
  },
  // 429
  {
    name: 'openai rate limit + retry-after',
    status: 429,
    headers: { 'retry-after': '20' },
    body: openai(
      'Rate limit reached for gpt-4o on requests per min (RPM). Add a payment method at https://platform.openai.com/account/billing.',
      'requests',
      'rate_limit_exceeded',
    ),
    expected: 'PROVIDER_RATE_LIMIT_ERROR',
    retryable: true,
    retryAfterMs: 20_000,
  },
  {
    name: 'openai rate limit, delay from message',
    status: 429,
    body: openai('Rate limit reached. Please try again in 1.5s.', 'tokens', 'rate_limit_exceeded'),
    expected: 'PROVIDER_RATE_LIMIT_ERROR',
    retryable: true,
    retryAfterMs: 1500,
  },
  {
    name: 'openai insufficient_quota',
    status: 429,
    body: openai(
      'You exceeded your current quota, please check your plan and billing details.',
      'insufficient_quota',
      'insufficient_quota',
    ),
    expected: 'QUOTA_EXCEEDED',
    retryable: false,
  },
  {
    name: 'anthropic spend limit',
    status: 429,
    body: anthropic('rate_limit_error', 'Spend limit reached', {
      error_code: 'enforced_spend_limit_reached',
    }),
    expected: 'QUOTA_EXCEEDED',
    retryable: false,
  },
  {
    name: 'gemini per-minute quota is a rate limit',
    status: 429,
    body: google(
      429,
      'RESOURCE_EXHAUSTED',
      'You exceeded your current quota. Quota exceeded for metric: generate_content_free_tier_requests',
      [
        {
          '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
          violations: [{ quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier' }],
        },
        { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '34.4s' },
      ],
    ),
    expected: 'PROVIDER_RATE_LIMIT_ERROR',
    retryable: true,
    retryAfterMs: 34_400,
  },
  {
    name: 'gemini daily quota',
    status: 429,
    body: google(
      429,
      'RESOURCE_EXHAUSTED',
      'Quota exceeded for metric: generate_content_free_tier_requests',
      [
        {
          '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
          violations: [{ quotaId: 'GenerateRequestsPerDayPerProjectPerModel-FreeTier' }],
        },
      ],
    ),
    expected: 'QUOTA_EXCEEDED',
    retryable: false,
  },
  {
    name: 'bedrock throttling',
    status: 429,
    headers: { 'x-amzn-errortype': 'ThrottlingException' },
    body: { message: 'Too many tokens, please wait before trying again.' },
    expected: 'PROVIDER_RATE_LIMIT_ERROR',
    retryable: true,
  },
  {
    name: 'retry-after-ms on 529',
    status: 529,
    headers: { 'retry-after-ms': '700' },
    body: anthropic('overloaded_error', 'Overloaded'),
    expected: 'OVERLOADED',
    retryable: true,
    retryAfterMs: 700,
  },
  // x-should-retry
  {
    name: 'x-should-retry false',
    status: 500,
    headers: { 'x-should-retry': 'false' },
    body: openai('x', 'server_error', null),
    expected: 'PROVIDER_API_ERROR',
    retryable: false,
  },
  {
    name: 'x-should-retry true',
    status: 400,
    headers: { 'x-should-retry': 'true' },
    body: openai('x', 'invalid_request_error', null),
    expected: 'INVALID_REQUEST',
    retryable: true,
  },
];

describe('palErrorFromHttp', () => {
  it.each(rows)('$name → $expected', (row) => {
    const error = palErrorFromHttp({
      status: row.status,
      body: row.body,
      headers: row.headers,
      code: row.code,
      provider: 'openai',
      model: 'gpt-4o',
    });
    expect(error.code).toBe(row.expected);
    expect(error.retryable).toBe(row.retryable);
    expect(error.retryAfterMs).toBe(row.retryAfterMs);
    expect(error.provider).toBe('openai');
    expect(error.model).toBe('gpt-4o');
  });

  it('uses the vendor message prefixed with the status and carries code/type, not headers', () => {
    const error = palErrorFromHttp({
      status: 404,
      headers: { 'x-request-id': 'req_1', authorization: 'Bearer sk-secretsecret123' },
      body: JSON.stringify(
        openai('The model `gpt-9` does not exist', 'invalid_request_error', 'model_not_found'),
      ),
      provider: 'openai',
    });
    expect(error.message).toBe('404 The model `gpt-9` does not exist');
    expect(error.status).toBe(404);
    expect(error.details).toEqual({
      code: 'model_not_found',
      type: 'invalid_request_error',
      requestId: 'req_1',
    });
    expect(JSON.stringify(error)).not.toContain('secretsecret');
  });

  it('redacts keys echoed in the vendor message', () => {
    const error = palErrorFromHttp({
      status: 401,
      body: openai(
        'Incorrect API key provided: sk-proj-abcdefghijklmnop1234.',
        'invalid_request_error',
        'invalid_api_key',
      ),
      provider: 'openai',
    });
    expect(error.message).not.toContain('abcdefghijklmnop');
    expect(error.message).toContain('401 Incorrect API key provided');
  });

  it('falls back to the given message and does not double the status prefix', () => {
    expect(
      palErrorFromHttp({ status: 500, message: '500 Internal Server Error', provider: 'x' }).message,
    ).toBe('500 Internal Server Error');
    expect(palErrorFromHttp({ status: 500, provider: 'x' }).message).toBe('500 Request failed');
  });

  it('names the Bedrock exception from x-amzn-errortype in details', () => {
    const error = palErrorFromHttp({
      status: 403,
      headers: { 'x-amzn-errortype': 'AccessDeniedException:http://internal.amazon.com/coral/' },
      body: { message: "You don't have access to the model with the specified model ID." },
      provider: 'bedrock',
    });
    expect(error.code).toBe('PROVIDER_AUTH_ERROR');
    expect(error.details).toMatchObject({ code: 'AccessDeniedException' });
  });
});

describe('palErrorFromHttp: quota edge cases', () => {
  it("maps Anthropic's 400 credit-balance error to QUOTA_EXCEEDED", () => {
    const error = palErrorFromHttp({
      status: 400,
      provider: 'anthropic',
      body: {
        type: 'error',
        error: {
          type: 'invalid_request_error',
          message:
            'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.',
        },
      },
    });
    expect(error.code).toBe('QUOTA_EXCEEDED');
    expect(error.retryable).toBe(false);
  });

  it('decides a Google 429 by its quota ids, not by links in the message', () => {
    const error = palErrorFromHttp({
      status: 429,
      provider: 'gemini',
      body: {
        error: {
          code: 429,
          status: 'RESOURCE_EXHAUSTED',
          message:
            'You exceeded your current quota. For more information, see https://ai.google.dev/gemini-api/docs/rate-limits.',
          details: [
            {
              '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
              violations: [{ quotaId: 'GenerateRequestsPerDayPerProjectPerModel-FreeTier' }],
            },
          ],
        },
      },
    });
    expect(error.code).toBe('QUOTA_EXCEEDED');
  });
});
