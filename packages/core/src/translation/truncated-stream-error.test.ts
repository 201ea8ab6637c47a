import { describe, expect, it } from 'vitest';
import { truncatedStreamError } from './truncated-stream-error.js';

describe('truncatedStreamError', () => {
  it('is a retryable STREAM_ERROR naming the provider and the missing closing event', () => {
    const error = truncatedStreamError({
      provider: 'anthropic',
      model: 'claude-x',
      expected: 'message_delta',
    });
    expect(error).toMatchObject({
      code: 'STREAM_ERROR',
      retryable: true,
      provider: 'anthropic',
      model: 'claude-x',
    });
    expect(error.message).toBe('anthropic: the stream ended before message_delta');
  });

  it('says the response was unfinished when no closing event is named', () => {
    const error = truncatedStreamError({ provider: 'openai' });
    expect(error.message).toBe('openai: the stream ended before the response was finished');
    expect(error.model).toBeUndefined();
  });
});
