import type { AdapterChatResult, CallContext } from '../contracts/adapter.js';
import type { ChatRequest } from '../contracts/chat-request.js';
import type { ProviderStreamEvent } from '../contracts/stream-event.js';
import { PalError } from '../errors/pal-error.js';
import type { Middleware, Next } from './middleware.js';

/** What a hook is told about the call it sees. */
export interface HookInfo {
  /** Provider id serving the call. */
  provider: string;
  /** The provider's bare model id. */
  model: string;
  requestId: string;
  operation: 'chat' | 'stream';
}

type MaybePromise<T> = T | Promise<T>;

/**
 * Request/response hooks, e.g. to filter content or mask PII. Each may return a
 * replacement or nothing (keep as is); any may call {@link refuse} to stop the call.
 */
export interface Hooks {
  /** Sees (and may replace) the request before anything is sent. */
  // biome-ignore lint/suspicious/noConfusingVoidType: a hook may return nothing to keep the value
  beforeRequest?(request: ChatRequest, info: HookInfo): MaybePromise<ChatRequest | undefined | void>;
  /** Sees (and may replace) a `chat` result before the caller gets it. */
  afterResponse?(
    result: AdapterChatResult,
    info: HookInfo,
    // biome-ignore lint/suspicious/noConfusingVoidType: a hook may return nothing to keep the value
  ): MaybePromise<AdapterChatResult | undefined | void>;
  /** Sees each stream event: return a replacement, `null` to drop it, or nothing to keep it. */
  onChunk?(
    event: ProviderStreamEvent,
    info: HookInfo,
    // biome-ignore lint/suspicious/noConfusingVoidType: a hook may return nothing to keep the value
  ): MaybePromise<ProviderStreamEvent | null | undefined | void>;
}

/**
 * Called inside a hook to refuse a request or a response: throws a `CONTENT_FILTERED`
 * `PalError` carrying `reason`. A request refused in `beforeRequest` is never sent.
 *
 * @example
 * ```ts
 * const hooks: Hooks = {
 *   beforeRequest(request) {
 *     if (JSON.stringify(request.messages).includes('password')) refuse('no passwords in prompts');
 *   },
 * };
 * ```
 */
export function refuse(reason: string): never {
  throw new PalError({ code: 'CONTENT_FILTERED', message: reason, retryable: false });
}

/** The middleware that runs `hooks` (in order) around chat and stream calls. Its name is `hooks`. */
export function hooksMiddleware(hooks: Hooks | readonly Hooks[]): Middleware {
  const list: readonly Hooks[] = Array.isArray(hooks) ? hooks : [hooks as Hooks];
  const info = (
    request: ChatRequest,
    ctx: CallContext,
    next: Next,
    operation: HookInfo['operation'],
  ): HookInfo => ({
    provider: next.adapter.id,
    model: request.model,
    requestId: ctx.requestId,
    operation,
  });

  async function prepare(request: ChatRequest, hookInfo: HookInfo): Promise<ChatRequest> {
    let current = request;
    for (const hook of list) {
      if (hook.beforeRequest)
        current = (await withProvider(() => hook.beforeRequest?.(current, hookInfo), hookInfo)) ?? current;
    }
    return current;
  }

  return {
    name: 'hooks',
    async chat(request, ctx, next) {
      const hookInfo = info(request, ctx, next, 'chat');
      let result = await next.chat(await prepare(request, hookInfo), ctx);
      for (const hook of list) {
        if (hook.afterResponse)
          result = (await withProvider(() => hook.afterResponse?.(result, hookInfo), hookInfo)) ?? result;
      }
      return result;
    },
    async *stream(request, ctx, next) {
      const hookInfo = info(request, ctx, next, 'stream');
      const prepared = await prepare(request, hookInfo);
      for await (const original of next.stream(prepared, ctx)) {
        let event: ProviderStreamEvent | null = original;
        for (const hook of list) {
          if (event === null || !hook.onChunk) continue;
          const replaced = await withProvider(
            () => hook.onChunk?.(event as ProviderStreamEvent, hookInfo),
            hookInfo,
          );
          if (replaced !== undefined) event = replaced;
        }
        if (event !== null) yield event;
      }
    },
  };
}

/** Awaits a hook's answer; a `PalError` it throws gets the provider and model of the call. */
async function withProvider<T>(run: () => MaybePromise<T>, hookInfo: HookInfo): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof PalError && error.provider === undefined) {
      throw error.with({
        provider: hookInfo.provider,
        model: hookInfo.model,
        userMessage: error.userMessage,
      });
    }
    throw error;
  }
}
