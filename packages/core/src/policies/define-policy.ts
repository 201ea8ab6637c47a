import type {
  AdapterChatResult,
  AdapterEmbedResult,
  AdapterImageResult,
  CallContext,
} from '../contracts/adapter.js';
import type { ChatRequest, EmbedRequest, ImageRequest } from '../contracts/chat-request.js';
import type { ProviderStreamEvent } from '../contracts/stream-event.js';
import type { Usage } from '../contracts/usage.js';
import type { Middleware, Next } from '../kernel/middleware.js';
import { type StreamTap, tapStream } from '../kernel/stream-tap.js';
import { optionsForCall } from './policy-options.js';

/** An operation a policy runs around. */
export type PolicyOperation = 'chat' | 'stream' | 'embed' | 'generateImage';

interface CallFields {
  /** The context the call reached this layer with. */
  readonly ctx: CallContext;
  /** The layers below. */
  readonly next: Next;
  /** The provider's id (`next.adapter.id`). */
  readonly provider: string;
  /** The model the request names. */
  readonly model: string;
}

/** One call as a policy sees it, whatever its operation. */
export type PolicyCall =
  | (CallFields & { readonly operation: 'chat' | 'stream'; readonly request: ChatRequest })
  | (CallFields & { readonly operation: 'embed'; readonly request: EmbedRequest })
  | (CallFields & { readonly operation: 'generateImage'; readonly request: ImageRequest });

/** What a unary call (chat, embed, generateImage) answered. */
export type PolicyResult = AdapterChatResult | AdapterEmbedResult | AdapterImageResult;

/** How a call ended, as {@link PolicyHandle.finish} is told. */
export interface PolicyEnd {
  /** `completed`: it answered; `failed`: it ended with `error`; `closed`: the consumer stopped a stream. */
  outcome: 'completed' | 'failed' | 'closed';
  /** What it failed with (after `recover` had its say). */
  error?: unknown;
  /** Something reached the caller: a unary call's answer, or a stream's events since it was last opened. */
  yielded: boolean;
  /** A completed unary call's answer (streams have none: `observe` sees their events). */
  result?: PolicyResult;
}

/**
 * What a policy does around one call, in the order a call lives through it, for every operation
 * alike (the shape of {@link tapStream}'s lifecycle, cockatiel's `execute(fn, signal)` cut into
 * its steps):
 *
 * ```
 * await start();
 * for (;;) {
 *   try { answer = await wrap(send(context())); break; }   // a stream: its events, wrapped, observed
 *   catch (error) { await recover(error, yielded); }       // resolves: send again; throws: fail with that
 * }
 * await finish(end);                                       // completed, failed or closed
 * ```
 *
 * Every step is optional. A throw from `start` fails the call without `finish`. The steps are
 * called as the handle's methods, so a handle may be an object of closures or a class instance
 * (cheaper for a policy that runs around every call: no closure per step and call).
 */
export interface PolicyHandle {
  /** Before anything is sent (a stream: at its first pull). Throw to refuse the call. */
  start?(): void | Promise<void>;
  /** The context for the next attempt, asked before each send. Default: the call's own. */
  context?(): CallContext;
  /** Wraps the pending answer of one unary attempt (a timeout races it). */
  wrapResult?<T>(pending: Promise<T>): Promise<T>;
  /** Wraps the events of one stream attempt (a timeout times each pull). */
  wrapStream?(events: AsyncIterable<ProviderStreamEvent>): AsyncIterable<ProviderStreamEvent>;
  /**
   * After an attempt failed: resolve to send again, throw to fail with what is thrown. `yielded`
   * tells whether a stream already passed events on (a unary attempt never has).
   */
  recover?(error: unknown, yielded: boolean): void | Promise<void>;
  /** Sees each stream event as it passes (must not throw). Unary calls have none. */
  observe?(event: ProviderStreamEvent): void;
  /** Once the call ended, before the caller hears of it. */
  finish?(end: PolicyEnd): void | Promise<void>;
}

/** A policy written once for every operation; see {@link definePolicy}. */
export interface PolicyDefinition<S extends object> {
  /** Its config key, which also keys per-call overrides (`ctx.overrides[name]`). */
  name: string;
  /** Its configured settings (defaults applied); a call's override is merged over them. */
  settings: S;
  /**
   * Starts the policy's work for one call with the settings that apply to it. Return undefined to
   * let the call through untouched. Runs when the operation is called (for a stream, before its
   * first pull), so anything that waits or takes belongs in the handle's `start`.
   */
  begin(call: PolicyCall, settings: S): PolicyHandle | undefined;
}

/**
 * Turns a policy's lifecycle ({@link PolicyHandle}) into a {@link Middleware} for chat, stream,
 * embed and generateImage alike: the dispatch over operations, the per-call override (`false`
 * switches the policy off for the call, an object is merged over its settings) and the stream
 * plumbing (one `then` per event, through {@link tapStream}) are written here once.
 *
 * @example
 * ```ts
 * // counts each provider's calls in flight
 * const inFlight = new Map<string, number>();
 * const tally = definePolicy({
 *   name: 'tally',
 *   settings: {},
 *   begin: (call) => ({
 *     start: () => void inFlight.set(call.provider, (inFlight.get(call.provider) ?? 0) + 1),
 *     finish: () => void inFlight.set(call.provider, (inFlight.get(call.provider) ?? 1) - 1),
 *   }),
 * });
 * ```
 */
export function definePolicy<S extends object>(definition: PolicyDefinition<S>): Middleware {
  const { name, settings: configured, begin } = definition;
  const handleFor = (call: PolicyCall): PolicyHandle | undefined => {
    const settings = optionsForCall(call.ctx, name, configured);
    return settings === undefined ? undefined : begin(call, settings);
  };

  function unary<Req, Res extends PolicyResult>(
    operation: 'chat' | 'embed' | 'generateImage',
    send: (next: Next, request: Req, ctx: CallContext) => Promise<Res>,
  ) {
    return (request: Req, ctx: CallContext, next: Next): Promise<Res> => {
      const call = {
        operation,
        request,
        ctx,
        next,
        provider: next.adapter.id,
        model: (request as { model: string }).model,
      } as PolicyCall;
      let handle: PolicyHandle | undefined;
      try {
        handle = handleFor(call);
      } catch (error) {
        return Promise.reject(error);
      }
      return handle ? runUnary(handle, call, send) : send(next, request, ctx);
    };
  }

  return {
    name,
    chat: unary<ChatRequest, AdapterChatResult>('chat', sendChat),
    embed: unary<EmbedRequest, AdapterEmbedResult>('embed', sendEmbed),
    generateImage: unary<ImageRequest, AdapterImageResult>('generateImage', sendImage),
    stream(request, ctx, next) {
      const call: PolicyCall = {
        operation: 'stream',
        request,
        ctx,
        next,
        provider: next.adapter.id,
        model: request.model,
      };
      let handle: PolicyHandle | undefined;
      try {
        handle = handleFor(call);
      } catch (error) {
        return tapStream<ProviderStreamEvent>({
          open: () => {
            throw error;
          },
        });
      }
      return handle ? runStream(handle, call, request) : next.stream(request, ctx);
    },
  };
}

const sendChat = (next: Next, request: ChatRequest, ctx: CallContext) => next.chat(request, ctx);
const sendEmbed = (next: Next, request: EmbedRequest, ctx: CallContext) => next.embed(request, ctx);
const sendImage = (next: Next, request: ImageRequest, ctx: CallContext) => next.generateImage(request, ctx);

/** A unary call through `handle`'s lifecycle. */
async function runUnary<Req, Res extends PolicyResult>(
  handle: PolicyHandle,
  call: PolicyCall,
  send: (next: Next, request: Req, ctx: CallContext) => Promise<Res>,
): Promise<Res> {
  if (handle.start) {
    const started = handle.start();
    if (started) await started;
  }
  const request = call.request as Req;
  for (;;) {
    let result: Res;
    try {
      const pending = send(call.next, request, handle.context ? handle.context() : call.ctx);
      result = await (handle.wrapResult ? handle.wrapResult(pending) : pending);
    } catch (error) {
      let final = error;
      if (handle.recover) {
        try {
          const recovered = handle.recover(error, false);
          if (recovered) await recovered;
          continue;
        } catch (thrown) {
          final = thrown;
        }
      }
      if (handle.finish) {
        const finished = handle.finish({ outcome: 'failed', error: final, yielded: false });
        if (finished) await finished;
      }
      throw final;
    }
    if (handle.finish) {
      const finished = handle.finish({ outcome: 'completed', yielded: true, result });
      if (finished) await finished;
    }
    return result;
  }
}

/** A stream through `handle`'s lifecycle: the same steps, run by {@link tapStream}. */
function runStream(
  handle: PolicyHandle,
  call: PolicyCall,
  request: ChatRequest,
): AsyncIterable<ProviderStreamEvent> {
  const tap: StreamTap<ProviderStreamEvent> = {
    open: () => {
      const events = call.next.stream(request, handle.context ? handle.context() : call.ctx);
      return handle.wrapStream ? handle.wrapStream(events) : events;
    },
  };
  // only the steps the handle has, so a stream without `observe` costs nothing per event
  if (handle.start) tap.start = handle.start.bind(handle);
  if (handle.recover) tap.recover = handle.recover.bind(handle);
  if (handle.observe) tap.observe = handle.observe.bind(handle);
  if (handle.finish) tap.finish = handle.finish.bind(handle);
  return tapStream(tap);
}

/** The usage a unary call's answer reports (embeddings and chats; images have none). */
export function usageOfResult(result: PolicyResult | undefined): Usage | undefined {
  return result && 'usage' in result ? result.usage : undefined;
}
