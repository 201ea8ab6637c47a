import { inspect } from 'node:util';
import type {
  AdapterChatResult,
  AdapterEmbedResult,
  AdapterImageResult,
  CallContext,
  ProviderAdapter,
} from '../contracts/adapter.js';
import type { ChatRequest, EmbedRequest, ImageRequest } from '../contracts/chat-request.js';
import type { ProviderStreamEvent } from '../contracts/stream-event.js';
import { isPalError, PalError } from '../errors/pal-error.js';
import type { Middleware, Next } from './middleware.js';
import { isSilentSink } from './silent-sink.js';
import { tapStream } from './stream-tap.js';

/**
 * Composes middleware around a provider adapter. The first middleware given to
 * `with` is the outermost: `stack(a).with(tracing, breaker).with(cache).build()`
 * runs tracing → breaker → cache → adapter.
 */
export interface StackBuilder {
  /** Adds layers, inside the ones added before. */
  with(...middlewares: Middleware[]): StackBuilder;
  /** The composed adapter; it keeps the inner adapter's id, catalog and error mapping. */
  build(): ProviderAdapter;
}

/** Starts a middleware stack around `adapter`. */
export function stack(adapter: ProviderAdapter): StackBuilder {
  const layers: Middleware[] = [];
  const builder: StackBuilder = {
    with(...middlewares) {
      layers.push(...middlewares);
      return builder;
    },
    build() {
      return wrapProvider(adapter, layers);
    },
  };
  return builder;
}

/**
 * Wraps `adapter` in `middlewares` (outermost first). The innermost layer turns
 * whatever the adapter throws into a `PalError` (see {@link normaliseAdapterError})
 * and emits one `attempt` telemetry event per call that reaches the adapter.
 */
export function wrapProvider(adapter: ProviderAdapter, middlewares: readonly Middleware[]): ProviderAdapter {
  let next: Next = adapterLayer(adapter);
  for (let i = middlewares.length - 1; i >= 0; i--)
    next = middlewareLayer(middlewares[i] as Middleware, next);
  const top = next;
  const wrapped: ProviderAdapter = {
    id: adapter.id,
    displayName: adapter.displayName,
    models: adapter.models,
    capabilities: adapter.capabilities,
    defaultModel: adapter.defaultModel,
    local: adapter.local,
    chat: (request, ctx) => top.chat(request, ctx),
    stream: (request, ctx) => top.stream(request, ctx),
    embed: adapter.embed ? (request, ctx) => top.embed(request, ctx) : undefined,
    generateImage: adapter.generateImage ? (request, ctx) => top.generateImage(request, ctx) : undefined,
    listModels: adapter.listModels?.bind(adapter),
    validateCredentials: adapter.validateCredentials?.bind(adapter),
    toPalError: (error, context) => adapter.toPalError(error, context),
  };
  // a stack never shows what the adapter holds (credentials) when logged or serialised
  Object.defineProperties(wrapped, {
    toJSON: { value: () => ({ id: adapter.id, displayName: adapter.displayName }), enumerable: false },
    [inspect.custom]: { value: () => `ProviderStack { id: '${adapter.id}' }`, enumerable: false },
  });
  return wrapped;
}

/** One middleware in front of the next layer; operations it does not define pass straight through. */
function middlewareLayer(mw: Middleware, inner: Next): Next {
  return {
    adapter: inner.adapter,
    chat: (request, ctx) => (mw.chat ? mw.chat(request, ctx, inner) : inner.chat(request, ctx)),
    stream: (request, ctx) => (mw.stream ? mw.stream(request, ctx, inner) : inner.stream(request, ctx)),
    embed: (request, ctx) => (mw.embed ? mw.embed(request, ctx, inner) : inner.embed(request, ctx)),
    generateImage: (request, ctx) =>
      mw.generateImage ? mw.generateImage(request, ctx, inner) : inner.generateImage(request, ctx),
  };
}

/** The bottom of every stack: calls the adapter, emits `attempt`, normalises errors. */
function adapterLayer(adapter: ProviderAdapter): Next {
  async function call<T>(model: string, ctx: CallContext, run: () => Promise<T>): Promise<T> {
    emitAttempt(adapter, model, ctx);
    try {
      return await run();
    } catch (error) {
      throw normaliseAdapterError(adapter, error, ctx.signal, model);
    }
  }
  return {
    adapter,
    chat: (request: ChatRequest, ctx: CallContext): Promise<AdapterChatResult> =>
      call(request.model, ctx, () => adapter.chat(request, ctx)),
    stream: (request: ChatRequest, ctx: CallContext): AsyncIterable<ProviderStreamEvent> =>
      adapterStream(adapter, request, ctx),
    embed: (request: EmbedRequest, ctx: CallContext): Promise<AdapterEmbedResult> =>
      call(request.model, ctx, async () => {
        if (!adapter.embed) throw unsupported(adapter, request.model, 'embeddings');
        return adapter.embed(request, ctx);
      }),
    generateImage: (request: ImageRequest, ctx: CallContext): Promise<AdapterImageResult> =>
      call(request.model, ctx, async () => {
        if (!adapter.generateImage) throw unsupported(adapter, request.model, 'image generation');
        return adapter.generateImage(request, ctx);
      }),
  };
}

/** Iterates the adapter's stream, normalising anything thrown while starting or reading it. */
function adapterStream(
  adapter: ProviderAdapter,
  request: ChatRequest,
  ctx: CallContext,
): AsyncIterable<ProviderStreamEvent> {
  // an early return() (the caller broke out) reaches the adapter's generator
  return tapStream({
    start: () => emitAttempt(adapter, request.model, ctx),
    open: () => adapter.stream(request, ctx),
    recover: (error) => {
      throw normaliseAdapterError(adapter, error, ctx.signal, request.model);
    },
  });
}

function emitAttempt(adapter: ProviderAdapter, model: string, ctx: CallContext): void {
  if (isSilentSink(ctx.telemetry)) return;
  try {
    ctx.telemetry?.emit({
      type: 'attempt',
      time: Date.now(),
      requestId: ctx.requestId,
      provider: adapter.id,
      model,
      attempt: ctx.attempt,
    });
  } catch {
    // telemetry never breaks a call
  }
}

function unsupported(adapter: ProviderAdapter, model: string, what: string): PalError {
  return new PalError({
    code: 'UNSUPPORTED_CAPABILITY',
    message: `${adapter.displayName} (${adapter.id}) does not support ${what}`,
    provider: adapter.id,
    model,
    details: { capability: what },
  });
}

/**
 * Turns anything an adapter threw into a `PalError` with provider and model filled:
 * the abort reason when the signal was aborted with a `PalError` (a timeout, say),
 * `ABORTED` for any other abort, otherwise the adapter's own `toPalError` mapping.
 */
export function normaliseAdapterError(
  adapter: ProviderAdapter,
  error: unknown,
  signal: AbortSignal | undefined,
  model: string,
): PalError {
  let mapped: PalError;
  if (signal?.aborted) {
    const reason: unknown = signal.reason;
    mapped = isPalError(reason)
      ? reason
      : new PalError({ code: 'ABORTED', message: 'The request was aborted', cause: error });
  } else if (isPalError(error)) {
    mapped = error;
  } else {
    try {
      mapped = adapter.toPalError(error, { model });
    } catch (mappingFailure) {
      mapped = new PalError({
        code: 'PROVIDER_API_ERROR',
        message: `${adapter.id} failed and its error could not be mapped`,
        cause: mappingFailure,
      });
    }
  }
  if (mapped.provider !== undefined && mapped.model !== undefined) return mapped;
  return mapped.with({ provider: mapped.provider ?? adapter.id, model: mapped.model ?? model });
}
