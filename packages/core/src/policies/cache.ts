import type { AdapterChatResult, CallContext } from '../contracts/adapter.js';
import type { ChatRequest } from '../contracts/chat-request.js';
import type { ProviderStreamEvent } from '../contracts/stream-event.js';
import type { Middleware, Next } from '../kernel/middleware.js';
import { StreamAssembler } from '../kernel/stream-assembler.js';
import { tapStream } from '../kernel/stream-tap.js';
import { memoryCacheEntries, storeCacheEntries } from './cache-entries.js';
import { responseCacheKey } from './cache-key.js';
import { type CacheOptions, cacheOptionsSchema } from './cache-options.js';
import { replayEvents } from './cache-replay.js';
import { parseOptions } from './option-schema.js';
import { emitPolicyEvent } from './policy-event.js';
import { mergeDefined, optionsForCall } from './policy-options.js';

export type { CacheOptions } from './cache-options.js';

/** The response cache middleware, which can also be emptied and measured. */
export type ResponseCache = Middleware & {
  /** Drops every cached result (in-process only: throws CONFIG_ERROR when they live in a store). */
  clear(): void;
  /** Live cached results in process; undefined when they live in a store. */
  readonly size: number | undefined;
};

type Settings = Required<Omit<CacheOptions, 'store'>>;

/**
 * An LRU + TTL cache of chat results, keyed by {@link responseCacheKey}: in process by default, or
 * in a (shared) {@link StateStore} with their TTL when `store` is given. A hit returns the stored
 * result, marking the call cached (`ctx.call.markCached()`, so it costs nothing), or replays it as
 * stream events (stream) without calling the provider; a miss calls it and stores the successful
 * result (for a stream, only once it finished normally). Errors are never cached, nor results that
 * finished with `error`; `raw` vendor responses are not kept. Per-call overrides may switch it off
 * or change `ttlMs`. Emits a `cache` event (hit or miss) per call. Embeddings and images pass
 * through. Throws CONFIG_ERROR on bad options.
 *
 * Unlike the other policies it answers in place of the layers below, so it is not written with
 * `definePolicy`: its two operations share the lookup and the keeping.
 *
 * @example
 * ```ts
 * // the runtime builds it from `policies: { cache: { ttlMs: 60_000, maxEntries: 1_000 } }`;
 * // on its own:
 * const answers = cache({ ttlMs: 60_000, maxEntries: 1_000 });
 * const adapter = stack(openai()).with(answers).build();
 * answers.size; // results held in process
 * ```
 */
export function cache(options: CacheOptions = {}): ResponseCache {
  parseOptions('cache', cacheOptionsSchema, options);
  const configured = mergeDefined<Settings>({ maxEntries: 500, ttlMs: 300_000, now: Date.now }, options);
  const entries = options.store
    ? storeCacheEntries(options.store)
    : memoryCacheEntries(configured.maxEntries, configured.now);

  const lookup = async (request: ChatRequest, ctx: CallContext, next: Next, key: string) => {
    const hit = await entries.get(key);
    emitPolicyEvent(
      ctx,
      { type: 'cache', hit: hit !== undefined, provider: next.adapter.id, model: request.model },
      configured.now,
    );
    if (hit) ctx.call.markCached();
    return hit;
  };
  const keep = async (key: string, result: AdapterChatResult, ttlMs: number) => {
    if (result.finishReason === 'error') return;
    const { raw: _raw, ...kept } = result;
    await entries.set(key, structuredClone(kept), ttlMs);
  };

  return {
    name: 'cache',
    async chat(request, ctx, next) {
      const settings = optionsForCall(ctx, 'cache', configured);
      if (!settings) return next.chat(request, ctx);
      const key = responseCacheKey(next.adapter.id, request);
      const hit = await lookup(request, ctx, next, key);
      if (hit) return structuredClone(hit);
      const result = await next.chat(request, ctx);
      await keep(key, result, settings.ttlMs);
      return result;
    },
    stream(request: ChatRequest, ctx: CallContext, next: Next): AsyncIterable<ProviderStreamEvent> {
      const settings = optionsForCall(ctx, 'cache', configured);
      if (!settings) return next.stream(request, ctx);
      let key: string;
      let hit: AdapterChatResult | undefined;
      let recorder: StreamAssembler | undefined;
      return tapStream<ProviderStreamEvent>({
        start: async () => {
          key = responseCacheKey(next.adapter.id, request);
          hit = await lookup(request, ctx, next, key);
          if (!hit) recorder = new StreamAssembler();
        },
        open: () =>
          hit ? eventsOf(replayEvents(structuredClone(hit), next.adapter.id)) : next.stream(request, ctx),
        observe: (event) => recorder?.add(event),
        finish: async (end) => {
          if (end.outcome === 'failed' || !recorder?.finished) return;
          let result: AdapterChatResult | undefined;
          try {
            result = recorder.result(request.model);
          } catch {
            // tool arguments that are not JSON: the caller gets SERIALIZATION_ERROR, nothing is cached
          }
          if (result) await keep(key, result, settings.ttlMs);
        },
      });
    },
    clear() {
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}

/** A list of events as a stream (a cache hit's replay). */
function eventsOf(events: readonly ProviderStreamEvent[]): AsyncIterable<ProviderStreamEvent> {
  let index = 0;
  const done: IteratorResult<ProviderStreamEvent> = { done: true, value: undefined };
  const iterator: AsyncIterator<ProviderStreamEvent> = {
    next: () =>
      Promise.resolve(
        index < events.length ? { done: false, value: events[index++] as ProviderStreamEvent } : done,
      ),
    return: () => {
      index = events.length;
      return Promise.resolve(done);
    },
  };
  return { [Symbol.asyncIterator]: () => iterator };
}
