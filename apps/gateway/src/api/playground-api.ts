import { createCall, endCall, isPalError } from '@pal/core';
import { z } from '@pal/core/provider';
import { PROVIDER_HINTS } from '@pal/router';
import type { Context, Hono } from 'hono';
import { toFailure } from '../http/gateway-error.js';
import { openStream } from '../http/open-stream.js';
import { costUsd } from '../http/pal-headers.js';
import { readBody } from '../http/read-body.js';
import { SSE_HEADERS, type SseFrame, sseBody } from '../http/sse.js';
import type { ConsoleDeps } from './console-deps.js';

const playgroundSchema = z.strictObject({
  /** `provider/model`, a bare model id, or `auto`. */
  model: z.string().min(1).default('auto'),
  prompt: z.string().min(1),
  system: z.string().min(1).optional(),
  maxTokens: z.number().int().positive().max(32_000).default(512),
  hint: z.enum(PROVIDER_HINTS).optional(),
});

type PlaygroundInput = z.output<typeof playgroundSchema>;

/**
 * The console's playground: `POST /api/playground/estimate` answers what a prompt will take and
 * cost at most before anything is sent (`router.estimate`: the target it would try first, input
 * tokens, the output allowance, min and max USD); `POST /api/playground` streams the answer as
 * SSE: `estimate` first (before the call is sent), then `delta` events (`{ text }`), then `done`
 * (who served, usage, cost, attempts, request id) or `error` (PAL's error, no secret). Billed and
 * recorded like any call, under the overall budgets.
 */
export function registerPlaygroundApi(app: Hono, deps: ConsoleDeps): void {
  app.post('/api/playground/estimate', async (c) =>
    c.json(await estimateOf(deps, await readBody(c, playgroundSchema))),
  );
  app.post('/api/playground', async (c) => {
    const input = await readBody(c, playgroundSchema);
    const estimate = await estimateOf(deps, input);
    return c.body(sseBody(playgroundFrames(c, deps, input, estimate)), 200, SSE_HEADERS);
  });
}

async function estimateOf(deps: ConsoleDeps, input: PlaygroundInput) {
  const estimate = await deps.router.estimate({ ...requestOf(input) });
  return {
    provider: estimate.provider,
    model: estimate.model,
    inputTokens: estimate.inputTokens,
    maxOutputTokens: estimate.maxOutputTokens,
    minCostUsd: estimate.minUsd,
    maxCostUsd: estimate.unpriced ? undefined : estimate.maxUsd,
    ...(estimate.unpriced && { unpriced: true }),
  };
}

function requestOf(input: PlaygroundInput) {
  return {
    model: input.model,
    messages: [
      ...(input.system ? [{ role: 'system' as const, content: input.system }] : []),
      { role: 'user' as const, content: input.prompt },
    ],
    maxOutputTokens: input.maxTokens,
  };
}

async function* playgroundFrames(
  c: Context,
  deps: ConsoleDeps,
  input: PlaygroundInput,
  estimate: unknown,
): AsyncGenerator<SseFrame> {
  const frame = (event: string, data: unknown): SseFrame => ({ event, data: JSON.stringify(data) });
  yield frame('estimate', estimate);
  const call = createCall('stream');
  const stream = deps.router.stream(requestOf(input), {
    call,
    signal: c.req.raw.signal,
    ...(input.hint && { hint: input.hint }),
  });
  let rest: AsyncIterator<unknown> | undefined;
  let ended = false;
  const end = (outcome: Parameters<typeof endCall>[1]) => {
    if (ended) return;
    ended = true;
    endCall(call, outcome);
  };
  try {
    const opened = await openStream(stream);
    rest = opened.rest;
    for (;;) {
      const step = await opened.rest.next();
      if (step.done) break;
      const event = step.value;
      if (event.type === 'text-delta' && event.text) yield frame('delta', { text: event.text });
      else if (event.type === 'error') throw event.error;
      else if (event.type === 'finish') {
        const attempts = call.attempts.length;
        end({ attempts });
        yield frame('done', {
          requestId: call.requestId,
          provider: opened.start.provider,
          model: opened.start.model,
          usage: event.usage,
          costUsd: costUsd(event.cost),
          attempts,
        });
        return;
      }
    }
  } catch (error) {
    end(isPalError(error) ? { error } : {});
    yield frame('error', { requestId: call.requestId, error: toFailure(error).error.toJSON() });
  } finally {
    // the console went away mid-answer: close the upstream call, end the logical one
    await rest?.return?.();
    end({ attempts: call.attempts.length });
  }
}
