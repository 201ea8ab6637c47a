import { apiErrorOf } from './api-error.js';
import { requestRaw } from './http.js';
import { sseData } from './sse.js';

/** What the playground sends. */
export interface ChatInput {
  model: string;
  prompt: string;
  maxTokens: number;
}

/** What a streamed answer came with, from the gateway's headers and its last chunks. */
export interface ChatOutcome {
  provider?: string;
  model?: string;
  attempts?: number;
  requestId?: string;
  costUsd?: number;
  inputTokens?: number;
  outputTokens?: number;
  /** From sending to the first token, ms. */
  firstTokenMs?: number;
  /** From sending to the end of the stream, ms. */
  totalMs: number;
}

interface Chunk {
  choices?: Array<{ delta?: { content?: string | null } }>;
  usage?: { prompt_tokens: number; completion_tokens: number } | null;
  pal?: { costUsd?: number; attempts?: number; provider?: string; model?: string };
  error?: unknown;
}

/**
 * Streams one prompt through the gateway's `/v1/chat/completions` (OpenAI's SSE), calling
 * `onToken` with each piece of text as it arrives, and answers where it was served and what it
 * cost. A mid-stream error frame throws its `userMessage`.
 */
export async function streamChat(
  input: ChatInput,
  onToken: (text: string) => void,
  signal?: AbortSignal,
): Promise<ChatOutcome> {
  const started = performance.now();
  const response = await requestRaw(
    'POST',
    '/v1/chat/completions',
    {
      model: input.model,
      messages: [{ role: 'user', content: input.prompt }],
      max_tokens: input.maxTokens,
      stream: true,
      stream_options: { include_usage: true },
    },
    signal,
  );
  const header = (name: string) => response.headers.get(name) ?? undefined;
  const attemptsHeader = header('x-pal-attempts');
  const outcome: ChatOutcome = {
    provider: header('x-pal-provider'),
    model: header('x-pal-model'),
    requestId: header('x-request-id'),
    ...(attemptsHeader && { attempts: Number(attemptsHeader) }),
    totalMs: 0,
  };
  if (!response.body) throw new Error('The gateway sent no stream.');
  for await (const data of sseData(response.body)) {
    if (data === '[DONE]') break;
    const chunk = JSON.parse(data) as Chunk;
    if (chunk.error) throw apiErrorOf(502, 'stream error', chunk);
    const text = chunk.choices?.[0]?.delta?.content;
    if (text) {
      outcome.firstTokenMs ??= performance.now() - started;
      onToken(text);
    }
    if (chunk.usage) {
      outcome.inputTokens = chunk.usage.prompt_tokens;
      outcome.outputTokens = chunk.usage.completion_tokens;
    }
    if (chunk.pal?.costUsd !== undefined) outcome.costUsd = chunk.pal.costUsd;
    if (chunk.pal?.attempts !== undefined) outcome.attempts = chunk.pal.attempts;
  }
  outcome.totalMs = performance.now() - started;
  return outcome;
}
