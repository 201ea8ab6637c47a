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
import type { Usage } from '../contracts/usage.js';
import type { TelemetryEvent, TelemetrySink } from '../telemetry/telemetry-sink.js';
import { callStateOf } from './call-state.js';
import { abortedError } from '../errors/aborted.js';
import { attributeError } from '../errors/attribute-error.js';
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

/** Starts a middleware stack around `adapter`.  *
 * @example
 * ```ts
 * const logged: Middleware = {
 *   name: 'log',
 *   async chat(request, ctx, next) {
 *     console.log(ctx.requestId, request.model);
 *     return next.chat(request, ctx);
 *   },
 * };
 * const adapter = stack(openai()).with(logged).build();
 * ```
 */
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
 *
 * @example
 * ```ts
 * const wrapped = wrapProvider(openai(), [timeout({ totalMs: 30_000 }), retry({ maxAttempts: 2 })]);
 * ```
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

/**
 * The bottom of every stack, the one error boundary: calls the adapter, records the attempt in
 * the call, emits `attempt` and `attempt-end`, and maps whatever the adapter threw into a
 * `PalError` naming the provider and model (once: no layer above maps again).
 */
function adapterLayer(adapter: ProviderAdapter): Next {
  async function call<T>(model: string, ctx: CallContext, run: () => Promise<T>): Promise<T> {
    const end = beginAttempt(adapter, model, ctx);
    try {
      const result = await run();
      end(undefined, (result as { usage?: Usage }).usage);
      return result;
    } catch (error) {
      const mapped = normaliseAdapterError(adapter, error, ctx.signal, model);
      end(mapped);
      throw mapped;
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
  let end: AttemptEnder | undefined;
  let usage: Usage | undefined;
  const endAttempt: AttemptEnder = (error, used, outcome) => {
    const ending = end;
    end = undefined;
    ending?.(error, used, outcome);
  };
  // an early return() (the caller broke out) reaches the adapter's generator
  return tapStream({
    start: () => {
      end = beginAttempt(adapter, request.model, ctx);
    },
    open: () => adapter.stream(request, ctx),
    // the attempt ends with its `finish` event, before the call above it settles
    observe: (event: ProviderStreamEvent) => {
      if (event.type === 'usage') usage = event.usage;
      else if (event.type === 'finish') endAttempt(undefined, event.usage ?? usage, 'completed');
    },
    recover: (error) => {
      throw normaliseAdapterError(adapter, error, ctx.signal, request.model);
    },
    finish: (result) => {
      const failed = result.outcome === 'failed' && isPalError(result.error) ? result.error : undefined;
      endAttempt(failed, usage, result.outcome);
    },
  });
}

type AttemptEnder = (error?: PalError, usage?: Usage, outcome?: 'completed' | 'failed' | 'closed') => void;

/**
 * Starts one attempt: records it in the kernel's call (when the context carries one) and emits
 * `attempt`; the returned function ends it and emits `attempt-end` with its latency and outcome.
 */
function beginAttempt(adapter: ProviderAdapter, model: string, ctx: CallContext): AttemptEnder {
  const record = callStateOf(ctx.call)?.beginAttempt(adapter.id, model);
  const sink = ctx.telemetry;
  const silent = !sink || isSilentSink(sink);
  const started = Date.now();
  const attempt = ctx.attempt;
  if (!silent)
    emit(sink, { type: 'attempt', requestId: ctx.requestId, provider: adapter.id, model, attempt });
  return (error, usage, outcome) => {
    record?.(error);
    if (silent) return;
    emit(sink, {
      type: 'attempt-end',
      requestId: ctx.requestId,
      provider: adapter.id,
      model,
      attempt,
      latencyMs: Date.now() - started,
      outcome: error ? 'error' : outcome === 'closed' ? 'cancelled' : 'success',
      ...(error && { errorCode: error.code }),
      ...(usage && { usage }),
    });
  };
}

function emit(sink: TelemetrySink, event: DistributiveOmit<TelemetryEvent, 'time'>): void {
  try {
    sink.emit({ ...event, time: Date.now() } as TelemetryEvent);
  } catch {
    // telemetry never breaks a call
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

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
    mapped = abortedError(signal.reason ?? error, { message: 'The request was aborted' });
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
  return attributeError(mapped, adapter.id, model);
}
