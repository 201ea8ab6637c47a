import type { AdapterChatResult, CallContext } from '../contracts/adapter.js';
import type { ChatRequest } from '../contracts/chat-request.js';
import type { ProviderStreamEvent } from '../contracts/stream-event.js';
import type { Middleware, Next } from '../kernel/middleware.js';
import { memoryCacheEntries, storeCacheEntries } from './cache-entries.js';
import { responseCacheKey } from './cache-key.js';
import { replayEvents } from './cache-replay.js';
import { assertPositiveOption } from './option-checks.js';
import { emitPolicyEvent } from './policy-event.js';
import { mergeDefined, optionsForCall } from './policy-options.js';
import type { StateStore } from './state-store.js';
import { StreamAssembler } from '../kernel/stream-assembler.js';

/** Options of {@link responseCache}. */
export interface ResponseCacheOptions {
  /** Results kept at most; the least recently used go first. Default 500. */
  maxEntries?: number;
  /** How long a result stays valid. Default 300 000 ms (5 minutes). */
  ttlMs?: number;
  /** Clock (epoch ms). Default `Date.now`. */
  now?: () => number;
  /**
   * Keep results in this store (shared by a fleet, with their TTL; `maxEntries` does not apply)
   * instead of the in-process LRU. Default: the LRU.
   */
  store?: StateStore;
}

/** The response cache middleware, which can also be emptied and measured. */
export type ResponseCache = Middleware & {
  /** Drops every cached result (in-process only: throws CONFIG_ERROR when they live in a store). */
  clear(): void;
  /** Live cached results in process; undefined when they live in a store. */
  readonly size: number | undefined;
};

/**
 * An LRU + TTL cache of chat results, keyed by {@link responseCacheKey}: in process by default, or
 * in a (shared) {@link StateStore} with their TTL when `store` is given. A hit returns
 * the stored result, marking the call cached (`ctx.call.markCached()`, so it costs nothing), or replays it as stream events (stream) without
 * calling the provider; a miss calls it and stores the successful result (for a stream, only once
 * it finished normally). Errors are never cached, nor results that finished with `error`; `raw`
 * vendor responses are not kept. Per-call overrides may switch it off or change `ttlMs`.
 * Emits a `cache` event (hit or miss) per call.
 */
export function responseCache(options: ResponseCacheOptions = {}): ResponseCache {
  assertPositiveOption('cache', 'maxEntries', options.maxEntries);
  assertPositiveOption('cache', 'ttlMs', options.ttlMs);
  const configured = mergeDefined<Required<Omit<ResponseCacheOptions, 'store'>>>(
    { maxEntries: 500, ttlMs: 300_000, now: Date.now },
    options,
  );
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
      if (hit) {
        ctx.call.markCached();
        return structuredClone(hit);
      }
      const result = await next.chat(request, ctx);
      await keep(key, result, settings.ttlMs);
      return result;
    },
    async *stream(request: ChatRequest, ctx: CallContext, next: Next): AsyncIterable<ProviderStreamEvent> {
      const settings = optionsForCall(ctx, 'cache', configured);
      if (!settings) {
        yield* next.stream(request, ctx);
        return;
      }
      const key = responseCacheKey(next.adapter.id, request);
      const hit = await lookup(request, ctx, next, key);
      if (hit) {
        ctx.call.markCached();
        yield* replayEvents(structuredClone(hit), next.adapter.id);
        return;
      }
      const recorder = new StreamAssembler();
      let failed = false;
      try {
        for await (const event of next.stream(request, ctx)) {
          recorder.add(event);
          yield event;
        }
      } catch (error) {
        failed = true;
        throw error;
      } finally {
        if (!failed && recorder.finished) {
          let result: AdapterChatResult | undefined;
          try {
            result = recorder.result(request.model);
          } catch {
            // tool arguments that are not JSON: the caller gets SERIALIZATION_ERROR, nothing is cached
          }
          if (result) await keep(key, result, settings.ttlMs);
        }
      }
    },
    clear() {
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}
