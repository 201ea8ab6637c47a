import Anthropic from '@anthropic-ai/sdk';
import { createErrorMapper, type ErrorMapper } from '@pal/core/provider';

/** The model to suggest when a Sonnet or Opus is unavailable: Haiku, the small and usually available one. */
export function claudeAlternative(model: string): string | undefined {
  return /opus|sonnet/.test(model) ? 'claude-haiku-4-5' : undefined;
}

/**
 * The `toPalError` of the Anthropic provider: the SDK's `APIError` (status, headers, the
 * `{"type":"error","error":{...}}` body — also thrown mid-stream for an `event: error`, without
 * status) goes through core's HTTP mapping (which also knows the billing 400 "Your credit
 * balance is too low…" → QUOTA_EXCEEDED); the SDK's abort, timeout and connection errors are
 * recognised by core's network mapping. An unavailable Sonnet or Opus suggests Haiku.
 */
export function anthropicErrorMapper(provider: string): ErrorMapper {
  return createErrorMapper({
    provider,
    alternativeModel: claudeAlternative,
    baseURLHint: 'the Anthropic SDK adds /v1 itself: leave it out, e.g. https://api.anthropic.com',
    extract(error) {
      if (!(error instanceof Anthropic.APIError) || error instanceof Anthropic.APIConnectionError)
        return undefined;
      return {
        ...(error.status !== undefined && { status: error.status }),
        headers: error.headers,
        body: error.error,
        message: error.apiMessage ?? error.message,
      };
    },
  });
}
