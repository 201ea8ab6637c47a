import { ApiError, apiErrorOf } from './api-error.js';
import { requestRaw } from './http.js';
import { sseEvents } from './sse.js';
import type { EstimateView } from './types.js';

/** What the playground sends. */
export interface PlaygroundInput {
  /** `provider/model`, a bare model id, or `auto`. */
  model: string;
  prompt: string;
  maxTokens: number;
}

/** What a streamed answer came with: where it was served, what it used and cost, how long it took. */
export interface ChatOutcome {
  provider?: string;
  model?: string;
  attempts?: number;
  requestId?: string;
  /** USD; absent when the model has no prices (`unpriced`). */
  costUsd?: number;
  unpriced?: boolean;
  inputTokens?: number;
  outputTokens?: number;
  /** From sending to the first token, ms. */
  firstTokenMs?: number;
  /** From sending to the end of the answer, ms. */
  totalMs: number;
}

interface Done {
  requestId?: string;
  provider?: string;
  model?: string;
  usage?: { inputTokens?: number; outputTokens?: number };
  /** USD as a decimal string, or `unpriced`. */
  costUsd?: string;
  attempts?: number;
}

/**
 * Streams one prompt through the console API's playground (`POST /api/playground`, SSE: the
 * `estimate` first, then `delta`s, then `done` or `error`), calling `onToken` with each piece of
 * text as it arrives, and answers where it was served and what it cost. An `error` event throws
 * its PAL error (its `userMessage` for people).
 */
export async function streamPlayground(
  input: PlaygroundInput,
  handlers: { onEstimate?: (estimate: EstimateView) => void; onToken: (text: string) => void },
  signal?: AbortSignal,
): Promise<ChatOutcome> {
  const started = performance.now();
  const response = await requestRaw('POST', '/api/playground', input, signal);
  if (!response.body) throw new ApiError('The gateway sent no answer.', response.status);
  let firstTokenMs: number | undefined;
  for await (const { event, data } of sseEvents(response.body)) {
    const payload = JSON.parse(data) as unknown;
    if (event === 'estimate') handlers.onEstimate?.(payload as EstimateView);
    else if (event === 'delta') {
      firstTokenMs ??= performance.now() - started;
      handlers.onToken((payload as { text: string }).text);
    } else if (event === 'error') throw apiErrorOf(502, 'error', payload);
    else if (event === 'done') {
      const done = payload as Done;
      return {
        ...(done.provider && { provider: done.provider }),
        ...(done.model && { model: done.model }),
        ...(done.requestId && { requestId: done.requestId }),
        ...(done.attempts !== undefined && { attempts: done.attempts }),
        ...(done.costUsd === 'unpriced' && { unpriced: true }),
        ...(done.costUsd !== undefined && done.costUsd !== 'unpriced' && { costUsd: Number(done.costUsd) }),
        ...(done.usage?.inputTokens !== undefined && { inputTokens: done.usage.inputTokens }),
        ...(done.usage?.outputTokens !== undefined && { outputTokens: done.usage.outputTokens }),
        ...(firstTokenMs !== undefined && { firstTokenMs }),
        totalMs: performance.now() - started,
      };
    }
  }
  throw new ApiError('The answer stopped before it was complete.', 502, 'STREAM_ERROR');
}
