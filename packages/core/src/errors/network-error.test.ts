import { describe, expect, it } from 'vitest';
import { palErrorFromNetwork } from './network-error.js';

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}
function named(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

describe('palErrorFromNetwork', () => {
  it.each([
    ['ECONNRESET', withCode('read ECONNRESET', 'ECONNRESET'), 'NETWORK_ERROR'],
    [
      'ECONNREFUSED in cause',
      new TypeError('fetch failed', { cause: withCode('connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED') }),
      'NETWORK_ERROR',
    ],
    ['ENOTFOUND', withCode('getaddrinfo ENOTFOUND api.example', 'ENOTFOUND'), 'NETWORK_ERROR'],
    ['EPIPE', withCode('write EPIPE', 'EPIPE'), 'NETWORK_ERROR'],
    ['ETIMEDOUT', withCode('connect ETIMEDOUT', 'ETIMEDOUT'), 'NETWORK_ERROR'],
    [
      'UND_ERR_SOCKET deep',
      new Error('Connection error.', {
        cause: new TypeError('terminated', { cause: withCode('other side closed', 'UND_ERR_SOCKET') }),
      }),
      'NETWORK_ERROR',
    ],
    ['socket hang up', new Error('socket hang up'), 'NETWORK_ERROR'],
    ['terminated', new TypeError('terminated'), 'NETWORK_ERROR'],
    ['Premature close', new Error('Premature close'), 'NETWORK_ERROR'],
    ['node dropped response', withCode('aborted', 'ECONNRESET'), 'NETWORK_ERROR'],
    [
      'AggregateError',
      new AggregateError([withCode('connect ECONNREFUSED ::1', 'ECONNREFUSED')], ''),
      'NETWORK_ERROR',
    ],
    ['AbortError', named('AbortError', 'This operation was aborted'), 'ABORTED'],
    ['SDK user abort', named('APIUserAbortError', 'Request was aborted.'), 'ABORTED'],
    [
      'abort wrapping a socket error',
      Object.assign(named('AbortError', 'x'), { cause: withCode('other side closed', 'UND_ERR_SOCKET') }),
      'ABORTED',
    ],
    ['TimeoutError', named('TimeoutError', 'The operation was aborted due to timeout'), 'TIMEOUT'],
    ['SDK timeout', named('APIConnectionTimeoutError', 'Request timed out.'), 'TIMEOUT'],
    ['undici headers timeout', withCode('Headers Timeout Error', 'UND_ERR_HEADERS_TIMEOUT'), 'TIMEOUT'],
  ])('%s → %s', (_name, error, expected) => {
    const mapped = palErrorFromNetwork(error, { provider: 'openai', model: 'gpt-4o' });
    expect(mapped?.code).toBe(expected);
    expect(mapped?.provider).toBe('openai');
    expect(mapped?.model).toBe('gpt-4o');
    expect(mapped?.cause).toBe(error);
  });

  it.each([
    ['plain error', new Error('boom')],
    ['syntax error', new SyntaxError('Unexpected token < in JSON')],
    ['string', 'oops'],
    ['undefined', undefined],
  ])('returns undefined for %s', (_name, error) => {
    expect(palErrorFromNetwork(error, { provider: 'openai' })).toBeUndefined();
  });

  it('mentions the root cause in the message', () => {
    const error = new TypeError('fetch failed', {
      cause: withCode('connect ECONNREFUSED 127.0.0.1:9', 'ECONNREFUSED'),
    });
    expect(palErrorFromNetwork(error, { provider: 'ollama' })?.message).toBe(
      'fetch failed (cause: connect ECONNREFUSED 127.0.0.1:9)',
    );
  });

  it('survives cause cycles', () => {
    const a = new Error('a') as Error & { cause?: unknown };
    const b = new Error('b', { cause: a });
    a.cause = b;
    expect(palErrorFromNetwork(a, { provider: 'x' })).toBeUndefined();
  });
});

describe('palErrorFromNetwork: SDK quirks', () => {
  it('treats the AWS SDK TimeoutError with code ECONNRESET as a dropped connection', () => {
    const error = Object.assign(new Error('socket hang up'), { name: 'TimeoutError', code: 'ECONNRESET' });
    expect(palErrorFromNetwork(error, { provider: 'bedrock' })?.code).toBe('NETWORK_ERROR');
  });

  it('treats HTTP/2 session and stream errors as network errors', () => {
    const error = Object.assign(new Error('Stream closed with error code NGHTTP2_INTERNAL_ERROR'), {
      code: 'ERR_HTTP2_STREAM_ERROR',
    });
    expect(palErrorFromNetwork(error, { provider: 'bedrock' })?.code).toBe('NETWORK_ERROR');
  });

  it('still reports a plain TimeoutError as a timeout', () => {
    const error = Object.assign(new Error('timed out'), { name: 'TimeoutError' });
    expect(palErrorFromNetwork(error, { provider: 'x' })?.code).toBe('TIMEOUT');
  });
});
