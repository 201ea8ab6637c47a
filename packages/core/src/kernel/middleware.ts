import type {
  AdapterChatResult,
  AdapterEmbedResult,
  AdapterImageResult,
  CallContext,
  ProviderAdapter,
} from '../contracts/adapter.js';
import type { ChatRequest, EmbedRequest, ImageRequest } from '../contracts/chat-request.js';
import type { ProviderStreamEvent } from '../contracts/stream-event.js';

/** The next layer of a stack, as seen by a middleware. */
export interface Next {
  chat(request: ChatRequest, ctx: CallContext): Promise<AdapterChatResult>;
  stream(request: ChatRequest, ctx: CallContext): AsyncIterable<ProviderStreamEvent>;
  embed(request: EmbedRequest, ctx: CallContext): Promise<AdapterEmbedResult>;
  generateImage(request: ImageRequest, ctx: CallContext): Promise<AdapterImageResult>;
  /** The adapter at the bottom of the stack (for its id, catalog and error mapping). */
  readonly adapter: ProviderAdapter;
}

/**
 * A layer around a provider adapter: a policy (retry, breaker, cache…) or a hook.
 * Each operation it leaves out passes straight through. `name` keys per-call
 * overrides: `ctx.overrides[name]`.
 */
export interface Middleware {
  readonly name: string;
  chat?(request: ChatRequest, ctx: CallContext, next: Next): Promise<AdapterChatResult>;
  stream?(request: ChatRequest, ctx: CallContext, next: Next): AsyncIterable<ProviderStreamEvent>;
  embed?(request: EmbedRequest, ctx: CallContext, next: Next): Promise<AdapterEmbedResult>;
  generateImage?(request: ImageRequest, ctx: CallContext, next: Next): Promise<AdapterImageResult>;
}

/** Reads the per-call override a caller gave for the middleware named `name`. */
export function overrideFor<T>(ctx: CallContext, name: string): Partial<T> | false | undefined {
  const value = ctx.overrides?.[name];
  if (value === false) return false;
  return value as Partial<T> | undefined;
}
