/**
 * Test support for the policy tests (not exported): a scriptable fake `Next`, call contexts that
 * record telemetry, fake clocks and sleeps. Not a test file itself.
 */
import type {
  AdapterChatResult,
  AdapterEmbedResult,
  AdapterImageResult,
  CallContext,
  ProviderAdapter,
} from '../contracts/adapter.js';
import type { ChatRequest, EmbedRequest, ImageRequest } from '../contracts/chat-request.js';
import type { ModelInfo, Pricing } from '../contracts/model-info.js';
import type { ProviderStreamEvent } from '../contracts/stream-event.js';
import type { Usage } from '../contracts/usage.js';
import type { ErrorCode } from '../errors/error-code.js';
import { PalError, type PalErrorOptions } from '../errors/pal-error.js';
import { CallState, callStateOf } from '../kernel/call-state.js';
import type { Middleware, Next } from '../kernel/middleware.js';
import type { TelemetryEvent } from '../telemetry/telemetry-sink.js';
import type { Sleep } from './abortable-sleep.js';

type Handler<Req, Res> = (request: Req, ctx: CallContext, call: number) => Res;

export interface FakeNextOptions {
  providerId?: string;
  models?: ModelInfo[];
  chat?: Handler<ChatRequest, Promise<AdapterChatResult> | AdapterChatResult>;
  stream?: Handler<ChatRequest, AsyncIterable<ProviderStreamEvent>>;
  embed?: Handler<EmbedRequest, Promise<AdapterEmbedResult> | AdapterEmbedResult>;
  generateImage?: Handler<ImageRequest, Promise<AdapterImageResult> | AdapterImageResult>;
}

export interface FakeNext extends Next {
  calls: { chat: number; stream: number; embed: number; generateImage: number };
  /** Every context the fake was called with, in order. */
  contexts: CallContext[];
}

/** A `Next` whose operations run the given handlers and count their calls. */
export function fakeNext(options: FakeNextOptions = {}): FakeNext {
  const providerId = options.providerId ?? 'acme';
  const adapter: ProviderAdapter = {
    id: providerId,
    displayName: 'Acme',
    models: options.models ?? [fakeModel('m1')],
    capabilities: { streaming: true, tools: true, vision: true, json: true, embeddings: true },
    chat: () => Promise.reject(new Error('adapter.chat is not used by policy tests')),
    stream: () => {
      throw new Error('adapter.stream is not used by policy tests');
    },
    toPalError: (error) => new PalError({ code: 'PROVIDER_API_ERROR', cause: error, provider: providerId }),
  };
  const calls = { chat: 0, stream: 0, embed: 0, generateImage: 0 };
  const contexts: CallContext[] = [];
  const missing = (op: string) => () => {
    throw new Error(`fake next has no ${op} handler`);
  };
  const chat = options.chat ?? (() => textResult('hello'));
  const stream =
    options.stream ?? ((request) => eventsOf(streamEventsFor(textResult('hello', undefined, request))));
  const embed = options.embed ?? missing('embed');
  const generateImage = options.generateImage ?? missing('generateImage');
  return {
    adapter,
    calls,
    contexts,
    async chat(request, ctx) {
      contexts.push(ctx);
      return chat(request, ctx, ++calls.chat);
    },
    stream(request, ctx) {
      contexts.push(ctx);
      return stream(request, ctx, ++calls.stream);
    },
    async embed(request, ctx) {
      contexts.push(ctx);
      return embed(request, ctx, ++calls.embed);
    },
    async generateImage(request, ctx) {
      contexts.push(ctx);
      return generateImage(request, ctx, ++calls.generateImage);
    },
  };
}

/** A catalog entry with the given pricing (gpt-4o's by default). */
export function fakeModel(
  id: string,
  pricing: Pricing | null = { inputPerMTok: 2.5, outputPerMTok: 10 },
): ModelInfo {
  return {
    id,
    displayName: id,
    kind: 'chat',
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    capabilities: { streaming: true, tools: true, vision: true, json: true, embeddings: false },
    pricing: pricing ?? (undefined as unknown as Pricing),
  };
}

/** A one-message chat request for model `m1`. */
export function chatRequest(text = 'hi', extra: Partial<ChatRequest> = {}): ChatRequest {
  return { model: 'm1', messages: [{ role: 'user', content: text }], ...extra };
}

export interface RecordingContext extends CallContext {
  events: TelemetryEvent[];
}

/** A call context whose telemetry sink records every event into `events`. */
export function callContext(extra: Partial<CallContext> = {}): RecordingContext {
  const events: TelemetryEvent[] = [];
  return {
    signal: new AbortController().signal,
    attempt: 1,
    headers: {},
    requestId: 'req-1',
    call: new CallState('chat', { provider: '', modelId: '' }, 'req-1'),
    telemetry: { emit: (event) => events.push(event) },
    ...extra,
    events,
  };
}

/** A recording context whose call is pointed at `next`'s adapter and `model`, as the runtime would. */
export function callContextFor(
  next: Next,
  model: string,
  extra: Partial<CallContext> = {},
): RecordingContext {
  const ctx = callContext(extra);
  targetCall(ctx, next, model);
  return ctx;
}

/** Events of one type from a recording context. */
export function eventsOfType<T extends TelemetryEvent['type']>(
  ctx: RecordingContext,
  type: T,
): Array<Extract<TelemetryEvent, { type: T }>> {
  return ctx.events.filter((e): e is Extract<TelemetryEvent, { type: T }> => e.type === type);
}

/** An adapter chat result holding one text part. */
export function textResult(text: string, usage?: Usage, request?: ChatRequest): AdapterChatResult {
  return {
    id: 'res-1',
    model: request?.model ?? 'm1',
    content: [{ type: 'text', text }],
    finishReason: 'stop',
    ...(usage && { usage }),
  };
}

/** Usage of `input` input and `output` output tokens. */
export function usageOf(input: number, output: number): Usage {
  return { inputTokens: input, outputTokens: output, totalTokens: input + output };
}

/** The provider stream events that carry `result` (start, deltas, usage, finish). */
export function streamEventsFor(result: AdapterChatResult): ProviderStreamEvent[] {
  const events: ProviderStreamEvent[] = [
    { type: 'start', provider: 'acme', model: result.model, id: result.id },
  ];
  for (const part of result.content) {
    if (part.type === 'text') events.push({ type: 'text-delta', text: part.text });
    if (part.type === 'reasoning') {
      events.push({
        type: 'reasoning-delta',
        text: part.text,
        ...(part.signature && { signature: part.signature }),
      });
    }
    if (part.type === 'tool-call') events.push({ ...part });
  }
  if (result.usage) events.push({ type: 'usage', usage: result.usage });
  events.push({
    type: 'finish',
    finishReason: result.finishReason,
    ...(result.usage && { usage: result.usage }),
  });
  return events;
}

/** Yields `events`, then throws `options.error` if given (after `failAfter` events when set). */
export async function* eventsOf(
  events: ProviderStreamEvent[],
  options: { error?: unknown; failAfter?: number } = {},
): AsyncGenerator<ProviderStreamEvent> {
  const upTo =
    options.error !== undefined && options.failAfter !== undefined ? options.failAfter : events.length;
  for (const event of events.slice(0, upTo)) yield event;
  if (options.error !== undefined) throw options.error;
}

/** Drains an async iterable into an array. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** A PalError with the given code (provider `acme`). */
export function palError(code: ErrorCode, extra: Partial<PalErrorOptions> = {}): PalError {
  return new PalError({ code, provider: 'acme', model: 'm1', ...extra });
}

/** A clock under the test's control. */
export interface FakeClock {
  now: () => number;
  advance(ms: number): void;
}

/** A clock starting at `start` epoch ms that moves only when told to. */
export function fakeClock(start = Date.UTC(2026, 0, 15, 12)): FakeClock {
  let time = start;
  return {
    now: () => time,
    advance(ms) {
      time += ms;
    },
  };
}

/** A sleep that returns at once, records each delay and advances `clock` by it. */
export function recordingSleep(clock?: FakeClock): Sleep & { delays: number[] } {
  const delays: number[] = [];
  const sleep: Sleep = async (ms, signal) => {
    delays.push(ms);
    clock?.advance(ms);
    if (signal?.aborted) throw signal.reason;
  };
  return Object.assign(sleep, { delays });
}

/**
 * Points a test context's call at `next`'s adapter and `model` with its catalog entry, as the
 * runtime does from the registry (a call already pointed somewhere is left alone).
 */
export function targetCall(ctx: CallContext, next: Next, model: string, maxOutputTokens?: number): void {
  const state = callStateOf(ctx.call);
  if (!state) return;
  if (state.target.provider !== '') return;
  const info = next.adapter.models.find((m) => m.id === model);
  state.retarget({
    provider: next.adapter.id,
    modelId: model,
    ...(info && { model: info }),
    ...(maxOutputTokens !== undefined && { maxOutputTokens }),
  });
}

/** Runs `middleware.chat`, or `next.chat` when the middleware leaves chat out. */
export function runChat(middleware: Middleware, request: ChatRequest, ctx: CallContext, next: Next) {
  targetCall(ctx, next, request.model, request.maxOutputTokens);
  return middleware.chat ? middleware.chat(request, ctx, next) : next.chat(request, ctx);
}

/** Runs `middleware.stream`, or `next.stream` when the middleware leaves stream out. */
export function runStream(middleware: Middleware, request: ChatRequest, ctx: CallContext, next: Next) {
  targetCall(ctx, next, request.model, request.maxOutputTokens);
  return middleware.stream ? middleware.stream(request, ctx, next) : next.stream(request, ctx);
}

/** A promise with its resolve function exposed. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
