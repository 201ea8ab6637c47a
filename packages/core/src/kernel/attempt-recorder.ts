import type { CallContext } from '../contracts/adapter.js';
import type { Attempt } from '../contracts/chat-result.js';
import type { ProviderStreamEvent } from '../contracts/stream-event.js';
import { isPalError } from '../errors/pal-error.js';
import type { Middleware, Next } from './middleware.js';
import { tapStream } from './stream-tap.js';

/** Where the attempts of each in-flight call are written, keyed by request id. */
export type AttemptLog = Map<string, Attempt[]>;

/**
 * Internal innermost middleware: records every call that reaches the adapter (provider,
 * model, latency, the error it ended with) in `log[ctx.requestId]`. Calls whose request
 * id is not in the log are not recorded.
 */
export function attemptRecorder(log: AttemptLog): Middleware {
  function begin(ctx: CallContext, next: Next, model: string) {
    const attempts = log.get(ctx.requestId);
    const started = Date.now();
    const attempt: Attempt | undefined = attempts && {
      provider: next.adapter.id,
      model,
      attempt: attempts.length + 1,
      latencyMs: 0,
    };
    if (attempts && attempt) attempts.push(attempt);
    return (error?: unknown) => {
      if (!attempt) return;
      attempt.latencyMs = Date.now() - started;
      if (isPalError(error)) attempt.error = error;
    };
  }

  async function timed<T>(end: (error?: unknown) => void, run: () => Promise<T>): Promise<T> {
    try {
      const result = await run();
      end();
      return result;
    } catch (error) {
      end(error);
      throw error;
    }
  }

  return {
    name: 'attempts',
    chat: (request, ctx, next) => timed(begin(ctx, next, request.model), () => next.chat(request, ctx)),
    embed: (request, ctx, next) => timed(begin(ctx, next, request.model), () => next.embed(request, ctx)),
    generateImage: (request, ctx, next) =>
      timed(begin(ctx, next, request.model), () => next.generateImage(request, ctx)),
    stream(request, ctx, next): AsyncIterable<ProviderStreamEvent> {
      let end: (error?: unknown) => void = () => {};
      return tapStream({
        start: () => {
          end = begin(ctx, next, request.model);
        },
        open: () => next.stream(request, ctx),
        finish: (result) => end(result.error),
      });
    },
  };
}
