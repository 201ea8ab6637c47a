import { inspect } from 'node:util';
import type { ProviderAdapter } from '../contracts/adapter.js';
import {
  type ChatRequest,
  type ChatRequestInput,
  chatRequestSchema,
  type EmbedRequest,
  type EmbedRequestInput,
  embedRequestSchema,
  type ImageRequest,
  type ImageRequestInput,
  imageRequestSchema,
} from '../contracts/chat-request.js';
import type { EmbedResult, ImageResult } from '../contracts/chat-result.js';
import { type Cost, makeUsage, type Usage } from '../contracts/usage.js';
import { isPalError, PalError } from '../errors/pal-error.js';
import type { Call, CallTarget } from '../contracts/call.js';
import type { TypedChatResult } from '../contracts/typed-result.js';
import { attributeError } from '../errors/attribute-error.js';
import { computeCost, computeImageCost, estimateCostRange } from '../accounting/cost.js';
import { estimateTextTokens, estimateTokens } from '../accounting/estimate-tokens.js';
import type { StateStore } from '../policies/state-store.js';
import type { LoadedConfig } from '../config/load-config.js';
import { registerConfiguredProviders } from '../config/register-configured-providers.js';
import { createRegistry } from '../registry/registry.js';
import type { ProviderRegistration, ProviderRegistry } from '../registry/types.js';
import {
  combineSinks,
  type RequestParams,
  type ServerAddress,
  type TelemetrySink,
} from '../telemetry/telemetry-sink.js';
import { abortedError } from '../errors/aborted.js';
import { createPolicyState, type PolicyState } from './policy-state.js';
import { CallScope, type CallScopeOptions } from './call-scope.js';
import { CallState, callStateOf } from './call-state.js';
import { assertCapabilities, type Operation } from './capability-check.js';
import { assertFitsContext } from './context-window-check.js';
import { buildChatResult, FREE } from './chat-result-builder.js';
import { policiesFromConfig } from './config-policies.js';
import { type Hooks, hooksMiddleware } from './hooks.js';
import type { Middleware } from './middleware.js';
import { PalStream, type StreamCallbacks } from './pal-stream.js';
import {
  DEFAULT_POLICIES,
  POLICY_ORDER,
  type PolicyName,
  type PolicyOptionsByName,
  PolicySet,
  type PolicySettings,
} from './policy-set.js';
import { wrapProvider } from './stack.js';
import { switchable } from './switchable.js';
import { normaliseStream } from './stream-normaliser.js';
import { SILENT_SINK } from './silent-sink.js';
import { validateRequest } from './validate-request.js';
import { decodeResult, outputSchemasOf } from './structured-output.js';
import { assertJsonSchemas } from './json-schema-check.js';
import type { ImageFetchOptions } from '../images/image-fetch-options.js';
import { ImageUrlStep } from './image-url-step.js';
import {
  type PriceRefreshOptions,
  priceRefreshOptionsSchema,
} from '../accounting/price-refresh/price-refresh-options.js';
import {
  PRICE_REFRESH_OFF,
  type PriceRefresh,
  PriceRefresher,
} from '../accounting/price-refresh/price-refresher.js';
import { parseOptions } from '../policies/option-schema.js';

/** Per-call policy overrides: options merged over the configured ones, or `false` to skip the policy. */
export type PolicyOverrides = { [N in PolicyName]?: Partial<PolicyOptionsByName[N]> | false };

/** Options of one runtime call. */
export interface CallOptions extends PolicyOverrides {
  /** Cancels the call (and closes a stream's upstream). */
  signal?: AbortSignal;
  /** Extra HTTP headers sent upstream. */
  headers?: Record<string, string>;
  /** Attach the vendor's raw response to the result as `raw`. */
  includeRaw?: boolean;
  /** Overrides for custom middleware, by middleware name (`false` skips it for this call). */
  overrides?: Record<string, unknown>;
  /**
   * Continue this logical call (from `createCall()`, or a router moving a call to its next target):
   * the result keeps its request id and lists its earlier attempts too. Default: a new call.
   * Whoever created the call ends it (`endCall`), which sends its `call-end` telemetry event.
   */
  call?: Call;
  /**
   * The W3C trace context this call belongs to (e.g. the incoming request's `traceparent`). With
   * a tracing sink (`@pal/telemetry`'s `otelSink`) the call's span becomes its child and that
   * span's `traceparent` goes upstream; without one it is sent upstream as given. A `traceparent`
   * in `headers` is always sent as it is.
   */
  traceparent?: string;
}

/** Options of one `runtime.stream` call: call options plus callbacks fired as events pass. */
export interface StreamOptions extends CallOptions, StreamCallbacks {}

/** What a chat request will take and cost, before it is sent. */
export interface Estimate {
  provider: string;
  model: string;
  inputTokens: number;
  maxOutputTokens: number;
  minUsd: number;
  maxUsd: number;
  /** True when the model has no known pricing (both bounds are zero). */
  unpriced?: boolean;
}

/** Options of {@link createRuntime}. */
export interface RuntimeOptions {
  /**
   * Adapters to register, each bare or with its registration (`{ adapter, allowUnknownModels: true }`
   * lets `provider/<id>` through for models missing from the catalog; their cost is reported `unpriced`).
   */
  providers?: Array<ProviderAdapter | ({ adapter: ProviderAdapter } & ProviderRegistration)>;
  /** A loaded configuration: its providers are registered and its policies applied. */
  config?: LoadedConfig;
  /** Global policy settings, over the defaults and the config's (see {@link PolicySettings}). */
  policies?: PolicySettings;
  /** Policy settings per provider id, over everything global. */
  providerPolicies?: Record<string, PolicySettings>;
  /**
   * Images given by http(s) URL, for providers that take bytes only (Bedrock, Gemini, Ollama):
   * `{ fetchUrls: true }` downloads and inlines them, within limits and from public addresses
   * unless allowed (see {@link ImageFetchOptions}); over the config's `images`. Default: refused.
   */
  images?: ImageFetchOptions;
  /** `images` settings per provider id, over everything global. */
  providerImages?: Record<string, ImageFetchOptions>;
  /** Custom middleware, stacked inside the built-in policies (outermost first). */
  middleware?: Middleware[];
  /** Request/response hooks (outermost layer). */
  hooks?: Hooks | Hooks[];
  /** Where kernel and policy events go. */
  telemetry?: TelemetrySink | TelemetrySink[];
  /**
   * Where the budget, rate-limit, circuit-breaker and cache state lives, unless a policy's options
   * name a store of their own. Give runtimes one shared store (Redis across a fleet, or one
   * `createMemoryStore()` in a process) and they share limits, budgets, circuits and cached
   * results; with a store, cached results are kept there by TTL (no `maxEntries` bound). Default:
   * each policy keeps its state in process.
   */
  store?: StateStore;
  /**
   * Live price refresh, off unless set: `{ intervalHours, refreshUrl?, timeoutMs? }` (see
   * {@link PriceRefreshOptions}), laid key by key over the config's `pricing`. The published
   * genai-prices data re-prices the catalogs every `intervalHours`; the last good copy is kept in
   * memory and in `store`; calls never wait for it. `runtime.pricing` refreshes on demand and tells
   * the status.
   */
  pricing?: PriceRefreshOptions;
  /** Use this registry instead of a new one. */
  registry?: ProviderRegistry;
}

/**
 * The narrow client an application (or the gateway) holds: a runtime implements it, and so does
 * `@pal/router`'s router, so either can be passed where a `PalClient` is asked for.
 */
export interface PalClient {
  /**
   * Sends a chat request. With `responseFormat: { type: 'json', schema: zodSchema }` the result's
   * `object` is parsed, validated and typed from the schema; tools with zod `parameters` give
   * `toolCalls` whose `arguments` are validated and typed per tool name.
   */
  chat<const R extends ChatRequestInput>(request: R, options?: CallOptions): Promise<TypedChatResult<R>>;
  /**
   * Streams a chat answer. Bad input (invalid request, unknown model, missing capability)
   * throws at once; every failure after that arrives as the stream's final `error` event.
   * `.result()` is typed and decoded as `chat`'s result is.
   */
  stream<const R extends ChatRequestInput>(
    request: R,
    options?: StreamOptions,
  ): PalStream<TypedChatResult<R>>;
  embed(request: EmbedRequestInput, options?: CallOptions): Promise<EmbedResult>;
  /** Tokens and cost range of a chat request, before any call. */
  estimate(request: ChatRequestInput): Promise<Estimate>;
  /** Aborts calls in flight and refuses new ones. */
  close(): Promise<void>;
}

/** The client every caller uses: one runtime for every provider. */
export interface Runtime extends PalClient {
  generateImage(request: ImageRequestInput, options?: CallOptions): Promise<ImageResult>;
  readonly registry: ProviderRegistry;
  /** Live policy state per provider and scope (circuits, budgets, rate limits, calls in flight). */
  readonly state: PolicyState;
  /** Live price refresh (the `pricing` option): `refresh()` now, `status()`, `ready()`. */
  readonly pricing: PriceRefresh;
}

/** A resolved call target, with the adapter that serves it. */
interface Target extends CallTarget {
  adapter: ProviderAdapter;
}

/**
 * Creates a runtime: registers the providers, and for each builds one stack
 * (outermost first: hooks → timeout → budget → cache → retry → circuitBreaker →
 * rateLimit → concurrency → custom middleware → adapter), rebuilt when the registry
 * changes. Calls are validated, resolved through the registry, checked against the
 * model's capabilities, then sent through the provider's stack; results carry usage
 * (estimated when the vendor gave none), cost, latency and every attempt.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pal/core';
 * import { openai } from '@pal/provider-openai';
 *
 * const pal = createRuntime({ providers: [openai()], policies: { budget: { global: { dailyUsd: 5 } } } });
 * const result = await pal.chat({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });
 * console.log(result.text, result.cost.totalUsd);
 * ```
 */
export function createRuntime(options: RuntimeOptions = {}): Runtime {
  const registry = options.registry ?? createRegistry();
  const fromConfig = policiesFromConfig(options.config);
  const imageUrls = new ImageUrlStep({
    config: options.config,
    global: options.images,
    perProvider: options.providerImages,
  });
  const priceRefresh = priceRefreshOptions(options);
  if (options.config) registerConfiguredProviders(registry, options.config);
  for (const entry of options.providers ?? []) {
    if ('adapter' in entry) {
      const { adapter, ...registration } = entry;
      registry.register(adapter, registration);
    } else registry.register(entry);
  }

  const sinks = (Array.isArray(options.telemetry) ? options.telemetry : [options.telemetry]).filter(
    (sink): sink is TelemetrySink => sink !== undefined,
  );
  // no sink: calls skip building their events altogether
  const telemetry = sinks.length === 0 ? SILENT_SINK : combineSinks(...sinks);
  const policies = new PolicySet({
    global: [DEFAULT_POLICIES, fromConfig.global, options.policies],
    forProvider: (id) => [fromConfig.forProvider(id), options.providerPolicies?.[id]],
    store: options.store,
  });
  const hooks = options.hooks === undefined ? undefined : hooksMiddleware(options.hooks);
  const stacks = new Map<string, { adapter: ProviderAdapter; stack: ProviderAdapter }>();
  const active = new Set<CallScope>();
  let closed = false;

  // new prices change no stack: calls read them from the registry
  const unsubscribe = registry.onChange((change) => {
    if (change.type !== 'repriced') stacks.delete(change.providerId);
  });
  // build the stacks now, so bad policy options fail here (CONFIG_ERROR) rather than on a first call
  try {
    for (const adapter of registry.list()) stackFor(adapter);
  } catch (error) {
    unsubscribe();
    throw error;
  }

  function stackFor(adapter: ProviderAdapter): ProviderAdapter {
    const cached = stacks.get(adapter.id);
    if (cached && cached.adapter === adapter) return cached.stack;
    const layers = [
      ...(hooks ? [hooks] : []),
      ...policies.middlewaresFor(adapter.id),
      ...(options.middleware ?? []).map(switchable),
    ];
    const built = wrapProvider(adapter, layers);
    stacks.set(adapter.id, { adapter, stack: built });
    return built;
  }

  function resolve(ref: string, operation: Operation, request?: ChatRequest): Target {
    if (closed) throw runtimeClosed();
    const resolved = registry.getProviderForModel(ref);
    assertCapabilities(resolved.provider.id, resolved.model, operation, request);
    if (request && resolved.checkContextWindow !== false)
      assertFitsContext(request, resolved.provider.id, resolved.model);
    const adapter = resolved.provider;
    const cap =
      request &&
      (adapter.maxOutputTokensFor?.({ ...request, model: resolved.modelId }) ?? request.maxOutputTokens);
    return {
      adapter,
      provider: adapter.id,
      modelId: resolved.modelId,
      ...(resolved.model && { model: resolved.model }),
      ...(cap !== undefined && { maxOutputTokens: cap }),
    };
  }

  /** The logical call: the one the caller continues, or a new one; pointed at `target`. */
  function logicalCall(operation: CallScopeOptions['operation'], target: Target, given: Call | undefined) {
    const { adapter: _adapter, ...callTarget } = target;
    const continued = callStateOf(given);
    if (continued) {
      continued.retarget(callTarget);
      return continued;
    }
    return new CallState(operation, callTarget, given?.requestId);
  }

  function scope(
    operation: CallScopeOptions['operation'],
    target: Target,
    call: CallOptions,
    request: { signal?: AbortSignal; metadata?: Record<string, unknown> },
    params: RequestParams,
  ): CallScope {
    const overrides: Record<string, unknown> = { ...call.overrides };
    for (const name of POLICY_ORDER) if (call[name] !== undefined) overrides[name] = call[name];
    return new CallScope({
      operation,
      call: logicalCall(operation, target, call.call),
      params,
      telemetry,
      signals: [call.signal, request.signal],
      headers: call.headers,
      overrides: Object.keys(overrides).length > 0 ? overrides : undefined,
      includeRaw: call.includeRaw,
      metadata: request.metadata,
      ...(telemetry !== SILENT_SINK && { server: serverOf(target.adapter) }),
      ...(call.traceparent !== undefined && { traceparent: call.traceparent }),
      owned: call.call === undefined,
      onEnd: (s) => active.delete(s),
    });
  }

  async function run<T>(call: CallScope, target: Target, work: () => Promise<T>): Promise<T> {
    active.add(call);
    call.begin();
    try {
      return await work();
    } catch (error) {
      const failure = finalError(error, target);
      call.fail(failure);
      throw failure;
    } finally {
      call.end();
    }
  }

  // a cache hit spent nothing: usage says what the answer holds, cost what this call cost
  const pricing =
    (target: Target, call: CallScope) =>
    (usage: Usage): Cost =>
      call.call.cached ? FREE : computeCost(usage, target.model?.pricing);
  const usageEstimator =
    (request: ChatRequest, target: Target) =>
    (outputChars: number): Usage =>
      makeUsage({
        inputTokens: estimateTokens(request, target.model).inputTokens,
        outputTokens: Math.ceil(outputChars / 4),
        estimated: true,
      });

  const inFlight = (providerId?: string): number => {
    if (providerId === undefined) return active.size;
    let count = 0;
    for (const call of active) if (call.call.target.provider === providerId) count++;
    return count;
  };

  // started last, once the runtime is built: its first fetch runs while calls are served
  const refresher =
    priceRefresh && new PriceRefresher({ options: priceRefresh, registry, store: options.store, telemetry });

  const runtime: Runtime = {
    registry,
    state: createPolicyState(policies, inFlight, (id) => void registry.get(id)),
    pricing: refresher ?? PRICE_REFRESH_OFF,

    async chat(input, callOptions = {}) {
      const request = validateChat(input);
      const target = resolve(request.model, 'chat', request);
      const call = scope('chat', target, callOptions, request, chatParams(request, target));
      const sent = toAdapterRequest(request, target);
      return run(call, target, async () => {
        const ready = await imageUrls.prepare(sent, target, call.ctx.signal);
        const answer = await stackFor(target.adapter).chat(ready, call.ctx);
        const result = buildChatResult(answer, {
          requestId: call.requestId,
          provider: target.adapter.id,
          latencyMs: call.elapsedMs,
          attempts: call.attempts,
          cached: call.call.cached,
          warnings: call.call.warnings,
          includeRaw: callOptions.includeRaw === true,
          price: pricing(target, call),
          estimateUsage: usageEstimator(ready, target),
          trace: call.call.trace,
        });
        call.succeed(result.usage, result.cost, result);
        // the call succeeded (and was paid for) even when its answer does not decode
        return decodeResult(result, outputSchemasOf(input)) as never;
      });
    },

    stream(input, callOptions = {}) {
      const request = validateChat(input);
      const target = resolve(request.model, 'stream', request);
      const call = scope('stream', target, callOptions, request, chatParams(request, target));
      const sent = toAdapterRequest(request, target);
      const schemas = outputSchemasOf(input);
      const events = normaliseStream(
        () => {
          active.add(call);
          call.begin();
          return imageUrls.stream(
            sent,
            target,
            () => call.ctx.signal,
            (ready) => stackFor(target.adapter).stream(ready, call.ctx),
          );
        },
        {
          provider: target.adapter.id,
          model: target.modelId,
          price: pricing(target, call),
          estimateUsage: usageEstimator(sent, target),
          warnings: () => call.call.warnings,
          toError: (error) => finalError(error, target),
          onFirstContent: () => call.firstToken(),
          onUsage: (usage, cost, answer) => call.succeed(usage, cost, answer),
          onError: (error, spent) => call.fail(error, spent),
          onClose: (spent) => call.end(spent),
        },
      );
      const stream: PalStream = new PalStream(events, {
        onText: callOptions.onText,
        onToolCall: callOptions.onToolCall,
        onFinish: callOptions.onFinish,
        onError: callOptions.onError,
        onCancel: (reason) => call.abort(reason),
        decode: (result) => decodeResult(result, schemas),
        extras: () => ({
          requestId: call.requestId,
          latencyMs: call.elapsedMs,
          attempts: call.attempts,
          ...(call.call.trace && {
            traceId: call.call.trace.traceId,
            traceparent: call.call.trace.traceparent,
          }),
          ...(call.call.cached && { cached: true }),
        }),
      });
      return stream as never;
    },

    async embed(input, callOptions = {}) {
      const request = validateRequest(embedRequestSchema, input, 'embed');
      const target = resolve(request.model, 'embed');
      const params = { model: target.modelId, ...(request.dimensions && { dimensions: request.dimensions }) };
      const call = scope('embed', target, callOptions, request, params);
      const { signal: _signal, ...rest } = request;
      const sent: EmbedRequest = { ...rest, model: target.modelId };
      return run(call, target, async () => {
        const provider = stackFor(target.adapter);
        if (!provider.embed) throw notOffered(target, 'embeddings');
        const answer = await provider.embed(sent, call.ctx);
        const inputs = typeof sent.input === 'string' ? [sent.input] : sent.input;
        const usage =
          answer.usage ??
          makeUsage({
            inputTokens: inputs.reduce((sum, text) => sum + estimateTextTokens(text), 0),
            outputTokens: 0,
            estimated: true,
          });
        const cost = computeCost(usage, target.model?.pricing);
        call.succeed(usage, cost, answer);
        return {
          requestId: call.requestId,
          provider: target.adapter.id,
          model: answer.model,
          embeddings: answer.embeddings,
          usage,
          cost,
          latencyMs: call.elapsedMs,
          attempts: call.attempts,
          ...(call.call.warnings.length > 0 && { warnings: [...call.call.warnings] }),
          ...(call.call.trace && {
            traceId: call.call.trace.traceId,
            traceparent: call.call.trace.traceparent,
          }),
        };
      });
    },

    async generateImage(input, callOptions = {}) {
      const request = validateRequest(imageRequestSchema, input, 'image');
      const target = resolve(request.model, 'image');
      const call = scope('image', target, callOptions, request, { model: target.modelId, n: request.n });
      const { signal: _signal, ...rest } = request;
      const sent: ImageRequest = { ...rest, model: target.modelId };
      return run(call, target, async () => {
        const provider = stackFor(target.adapter);
        if (!provider.generateImage) throw notOffered(target, 'image generation');
        const answer = await provider.generateImage(sent, call.ctx);
        const cost = computeImageCost(answer.images.length, target.model?.pricing);
        call.succeed(makeUsage({ inputTokens: 0, outputTokens: 0 }), cost);
        return {
          requestId: call.requestId,
          provider: target.adapter.id,
          model: answer.model,
          images: answer.images,
          cost,
          latencyMs: call.elapsedMs,
          attempts: call.attempts,
        };
      });
    },

    async estimate(input) {
      const request = validateChat(input);
      const target = resolve(request.model, 'chat', request);
      // priced at the most the adapter will ask for (a thinking budget included)
      const range = estimateCostRange(
        toAdapterRequest(request, target),
        target.model,
        target.maxOutputTokens,
      );
      return { provider: target.adapter.id, model: target.modelId, ...range };
    },

    async close() {
      if (closed) return;
      closed = true;
      unsubscribe();
      refresher?.close();
      for (const call of [...active]) {
        call.abort(runtimeClosed());
      }
    },
  };

  // the runtime shows its providers only: never an adapter's credentials
  const describe = () => ({
    providers: registry.list().map((adapter) => ({
      id: adapter.id,
      displayName: adapter.displayName,
      enabled: registry.isEnabled(adapter.id),
    })),
  });
  Object.defineProperties(runtime, {
    toJSON: { value: describe, enumerable: false },
    [inspect.custom]: {
      value: (_depth: number, opts: object) => `Runtime ${inspect(describe(), { ...opts, depth: 4 })}`,
      enumerable: false,
    },
  });
  return runtime;
}

/** The `pricing` options in force: the runtime's over the config's, key by key (CONFIG_ERROR naming the field). */
function priceRefreshOptions(options: RuntimeOptions): PriceRefreshOptions | undefined {
  const fromConfig = options.config?.config.pricing;
  if (options.pricing === undefined && fromConfig === undefined) return undefined;
  return parseOptions('pricing', priceRefreshOptionsSchema, { ...fromConfig, ...options.pricing });
}

/** A chat request parsed and checked (its JSON Schemas included), or INVALID_REQUEST naming the field. */
function validateChat(input: ChatRequestInput): ChatRequest {
  const request = validateRequest(chatRequestSchema, input, 'chat');
  if (request.tools || request.responseFormat) assertJsonSchemas(request, 'chat');
  return request;
}

/** The request an adapter gets: the bare model id, no signal (it gets `ctx.signal`). */
function toAdapterRequest(request: ChatRequest, target: Target): ChatRequest {
  const { signal: _signal, ...rest } = request;
  return { ...rest, model: target.modelId };
}

/**
 * Any failure as a `PalError` naming the provider and model. Adapter errors were mapped at the
 * bottom of the stack already; what reaches here unmapped was thrown by a middleware or hook.
 */
function finalError(error: unknown, target: Target): PalError {
  const pal = isPalError(error)
    ? error
    : new PalError({
        code: 'PROVIDER_API_ERROR',
        message: `A middleware or hook failed: ${error instanceof Error ? error.message : String(error)}`,
        retryable: false,
        cause: error,
      });
  return attributeError(pal, target.provider, target.modelId);
}

function runtimeClosed(): PalError {
  return abortedError(undefined, { message: 'The runtime was closed' });
}

/** The request parameters telemetry records (never message content). */
function chatParams(request: ChatRequest, target: Target): RequestParams {
  const params: RequestParams = { model: target.modelId };
  if (request.temperature !== undefined) params.temperature = request.temperature;
  if (request.topP !== undefined) params.topP = request.topP;
  if (request.topK !== undefined) params.topK = request.topK;
  if (request.maxOutputTokens !== undefined) params.maxOutputTokens = request.maxOutputTokens;
  if (request.stop !== undefined) params.stopSequences = request.stop;
  if (request.seed !== undefined) params.seed = request.seed;
  if (request.presencePenalty !== undefined) params.presencePenalty = request.presencePenalty;
  if (request.frequencyPenalty !== undefined) params.frequencyPenalty = request.frequencyPenalty;
  if (request.tools?.length) params.toolNames = request.tools.map((tool) => tool.name);
  params.outputType = request.responseFormat?.type === 'json' ? 'json' : 'text';
  return params;
}

/** `UNSUPPORTED_CAPABILITY` for an operation the adapter does not implement at all. */
function notOffered(target: Target, what: string): PalError {
  return new PalError({
    code: 'UNSUPPORTED_CAPABILITY',
    message: `${target.adapter.displayName} (${target.adapter.id}) does not offer ${what}`,
    provider: target.adapter.id,
    model: target.modelId,
    retryable: false,
    details: { capability: what },
  });
}

const servers = new WeakMap<ProviderAdapter, ServerAddress | null>();

/** `server.address` / `server.port` of an adapter's `baseURL` (the scheme's port when it names none). */
function serverOf(adapter: ProviderAdapter): ServerAddress | undefined {
  let found = servers.get(adapter);
  if (found === undefined) {
    found = null;
    try {
      if (adapter.baseURL) {
        const url = new URL(adapter.baseURL);
        const port = url.port
          ? Number(url.port)
          : url.protocol === 'https:'
            ? 443
            : url.protocol === 'http:'
              ? 80
              : undefined;
        found = { address: url.hostname, ...(port !== undefined && { port }) };
      }
    } catch {
      found = null;
    }
    servers.set(adapter, found);
  }
  return found ?? undefined;
}
