import {
  type Call,
  type CallOptions,
  type ChatRequestInput,
  combineSinks,
  createCall,
  endCall,
  type EmbedRequestInput,
  type EmbedResult,
  type ErrorCode,
  type Estimate,
  isPalError,
  type LoadedConfig,
  type PalClient,
  PalError,
  type PalStream,
  type ProviderRegistry,
  type StreamOptions,
  type TelemetrySink,
  type TypedChatResult,
} from '@pal/core';
import { configError, parseOptions } from '@pal/core/provider';
import { type Candidate, candidatesFor, resolveChain } from './candidate.js';
import { DEFAULT_FALLBACK_ON } from './fallback-rules.js';
import { type Answer, firstAnswer, type HedgeOutcome, type Runner } from './first-answer.js';
import { HealthMonitor } from './health.js';
import { noTargetError } from './no-target-error.js';
import { HedgeBudget } from './hedge-budget.js';
import {
  type ProviderHint,
  type RouterOptions,
  routerOptionsSchema,
  routingConfigSchema,
} from './router-options.js';
import { routerStream } from './router-stream.js';
import { budgetApplies, type Exclusion, screen } from './screen.js';
import type { Strategy, StrategyState } from './strategy.js';
import { HINT_STRATEGIES, inOrder, STRATEGIES } from './strategies/by-name.js';
import { TargetStats } from './target-stats.js';
import { seededRandom } from './seeded-random.js';

/** Per-call routing options, beside the runtime's own call options. */
export interface RouteOptions {
  /** Seed 002's provider hint: picks the strategy for this call (`cheapest` → `cost_optimized`…). */
  hint?: ProviderHint;
  /** This call's fallback chain instead of the router's; `false` for none. */
  fallback?: readonly string[] | false;
  /** This call's strategy instead of the router's. */
  strategy?: RouterOptions['strategy'];
  /** Keeps one user on one side of a `weighted` split (e.g. the user id). */
  stickyKey?: string;
  /**
   * The logical call's request id (e.g. a gateway's `x-request-id`, sent before the answer). The
   * router still makes and ends the call — telemetry gets its one `call-end`, naming the hedge that
   * won — unlike a `call` the caller passes, which the caller ends.
   */
  requestId?: string;
}

/** How a call was routed, on every router result (`result.routing`). */
export interface RoutingInfo {
  strategy: string;
  /** `provider/model` that answered. */
  served: string;
  /** Every candidate, in the order tried. */
  candidates: string[];
  /** Candidates left out before sending or that failed before the one that served, and why. */
  passedOver: Array<Pick<Exclusion, 'target' | 'code' | 'reason'>>;
  hedge?: HedgeOutcome;
  /**
   * When a hedge served a call the caller passed in (`options.call`): the hedge's own call, for
   * `endCall(call, { answeredBy })`, so the call ends as the target that served. Not enumerable.
   */
  readonly answeredBy?: Call;
}

/** A router result: the runtime's, plus how it was routed. */
export type Routed<T> = T & { routing: RoutingInfo };

/** One target as `router.status()` reports it. */
export interface TargetStatus {
  target: string;
  provider: string;
  /** The last health check's verdict (undefined without health checks, or before the first). */
  healthy?: boolean;
  circuit?: 'closed' | 'open' | 'half-open';
  latencyMs?: number;
  firstTokenMs?: number;
  inFlight: number;
  lastError?: { code: ErrorCode; message: string; at: number };
  /** The least USD left in any budget that applies to the provider (undefined without budgets). */
  budgetRemainingUsd?: number;
}

/** The client a router is: the runtime's interface, with routing options and results that say how they were routed. */
export interface Router extends PalClient {
  chat<const R extends ChatRequestInput>(
    request: R,
    options?: CallOptions & RouteOptions,
  ): Promise<Routed<TypedChatResult<R>>>;
  stream<const R extends ChatRequestInput>(
    request: R,
    options?: StreamOptions & RouteOptions,
  ): PalStream<Routed<TypedChatResult<R>>>;
  embed(request: EmbedRequestInput, options?: CallOptions & RouteOptions): Promise<Routed<EmbedResult>>;
  /** The estimate for the target the router would try first. */
  estimate(request: ChatRequestInput): Promise<Estimate>;
  /** Per target: health, circuit, latency, calls in flight, last error, budget headroom. */
  status(): Promise<TargetStatus[]>;
  /** Runs the health checks now (when `health` is configured). */
  checkHealth(): Promise<void>;
}

/** A planned call: the candidates in the order to try, and those left out. */
export interface Plan {
  call: Call;
  order: Candidate[];
  excluded: Exclusion[];
  estimates: ReadonlyMap<string, Estimate>;
  strategy: string;
  /** The first candidate's in-flight slot, taken as the order was decided. */
  claimed: { ref: string; end: () => void };
  /** The router made the call (the caller gave none): it ends it (`endCall`) when no target is left to try. */
  owned: boolean;
}

const ROUTE_KEYS = ['hint', 'fallback', 'strategy', 'stickyKey', 'requestId'] as const;
const NO_ESTIMATES: ReadonlyMap<string, Estimate> = new Map();
const NO_ROUTE: RouteOptions = Object.freeze({});

/**
 * Creates a router over a runtime: it picks the (provider, model) for each call with a strategy,
 * moves a failing call along a fallback chain, balances load, hedges slow first tokens, and
 * implements the runtime's client interface, so an application or the gateway holds either.
 * Options may come from a loaded config (`config`: its `routing` section, with
 * `PAL_FALLBACK_CHAIN` / `PAL_ROUTING_STRATEGY` applied); options given here win. Bad options
 * are a CONFIG_ERROR naming the field, at construction.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pal/core';
 * import { createRouter } from '@pal/router';
 *
 * const runtime = createRuntime({ providers: [ollama(), openai(), anthropic()] });
 * const router = createRouter({ runtime, strategy: 'local_first', fallback: ['ollama', 'openai', 'anthropic'] });
 * const answer = await router.chat({ model: 'auto', messages: [{ role: 'user', content: 'Hi' }] });
 * console.log(answer.routing.served, answer.text);
 * ```
 */
export function createRouter(options: RouterOptions & { config?: LoadedConfig }): Router {
  const { config, ...given } = options;
  const fromConfig = config?.config.routing
    ? parseOptions('routing', routingConfigSchema, config.config.routing)
    : {};
  const { fallbackChain, ...configRest } = fromConfig;
  const settings = parseOptions('router', routerOptionsSchema, {
    ...configRest,
    ...(fallbackChain && { fallback: fallbackChain }),
    ...given,
  });
  const { runtime } = settings;
  const registry = runtime.registry;
  const now = settings.now ?? Date.now;
  const chain = settings.fallback ? resolveChain(registry, settings.fallback, 'fallback') : [];
  checkWeights(settings, registry);
  const sinks = (Array.isArray(settings.telemetry) ? settings.telemetry : [settings.telemetry]).filter(
    (sink): sink is TelemetrySink => sink !== undefined,
  );
  const telemetry: TelemetrySink = combineSinks(...sinks);
  const observed = sinks.length > 0;
  const stats = new TargetStats(settings.speed?.alpha);
  const random = seededRandom(settings.seed ?? Date.now());
  const turns = new Map<string, number>();
  const hedgeBudget = settings.hedge ? new HedgeBudget(settings.hedge.maxExtraShare ?? 0.1) : undefined;
  const health = settings.health ? new HealthMonitor(runtime, settings.health, telemetry, now) : undefined;
  const fallbackOn = new Set<ErrorCode>(settings.fallbackOn ?? DEFAULT_FALLBACK_ON);
  const strategyName =
    typeof settings.strategy === 'string' ? settings.strategy : settings.strategy ? 'custom' : 'in_order';
  let closed = false;
  // the candidates of a model name under the router's own chain, until the registry changes
  const memo = new Map<string, Candidate[]>();
  const forget = registry.onChange(() => memo.clear());
  const memoCandidates = (operation: string, model: string, callChain: readonly Candidate[]) => {
    const key = `${operation === 'embed' ? 'embed' : 'chat'}\u0000${model}`;
    let found = memo.get(key);
    if (!found) {
      found = candidatesFor({ model, chain: callChain, registry });
      if (memo.size > 1000) memo.clear();
      memo.set(key, found);
    }
    return found;
  };

  function strategyFor(route: RouteOptions): { strategy: Strategy; name: string } {
    if (route.strategy !== undefined) {
      const named = typeof route.strategy === 'string' ? STRATEGIES[route.strategy] : route.strategy;
      if (!named) throw configError('strategy', `"${String(route.strategy)}" is not a routing strategy`);
      return { strategy: named, name: typeof route.strategy === 'string' ? route.strategy : 'custom' };
    }
    if (route.hint) {
      const mapped = settings.hints?.[route.hint];
      const strategy = mapped ? STRATEGIES[mapped] : HINT_STRATEGIES[route.hint];
      if (!strategy) throw unknownHint(route.hint);
      return { strategy, name: `hint:${route.hint}` };
    }
    const own = settings.strategy;
    if (own === undefined) return { strategy: inOrder, name: strategyName };
    return { strategy: typeof own === 'string' ? STRATEGIES[own] : own, name: strategyName };
  }

  /** The call's candidates in order; synchronous when there is only one (nothing to screen or rank). */
  function plan(
    request: ChatRequestInput | EmbedRequestInput,
    operation: 'chat' | 'stream' | 'embed',
    route: RouteOptions,
    given: Call | undefined,
  ): Plan | Promise<Plan> {
    if (closed) throw new PalError({ code: 'ABORTED', message: 'The router is closed', retryable: false });
    // a call given by the caller is theirs to end; one made here (with their request id, if any) is ours
    const call = given ?? createCall(operation, route.requestId);
    const owned = given === undefined;
    const callChain =
      route.fallback === false
        ? []
        : route.fallback
          ? resolveChain(registry, route.fallback, 'options.fallback')
          : operation === 'embed'
            ? [] // another model's vectors are not comparable: embeddings fall back only where the call says so
            : chain;
    const candidates =
      route.fallback === undefined
        ? memoCandidates(operation, request.model, callChain)
        : candidatesFor({ model: request.model, chain: callChain, registry });
    const { strategy, name } = strategyFor(route);
    if (candidates.length === 1) {
      const only = candidates[0] as Candidate;
      const claimed = { ref: only.ref, end: stats.begin(only.ref) };
      return {
        call,
        order: candidates,
        excluded: [],
        estimates: NO_ESTIMATES,
        strategy: name,
        claimed,
        owned,
      };
    }
    return ranked(request, operation, route, call, candidates, strategy, name, owned);
  }

  async function ranked(
    request: ChatRequestInput | EmbedRequestInput,
    operation: 'chat' | 'stream' | 'embed',
    route: RouteOptions,
    call: Call,
    candidates: Candidate[],
    strategy: Strategy,
    name: string,
    owned: boolean,
  ): Promise<Plan> {
    const chatRequest = operation === 'embed' ? undefined : (request as ChatRequestInput);
    const screened = await screen(runtime, candidates, chatRequest, health, pricesCandidates(strategy));
    if (operation === 'embed') keepEmbeddingModels(screened);
    if (screened.eligible.length === 0) throw noTargetError(screened.excluded, call.requestId);
    const pinned = screened.eligible.filter((c) => c.source === 'request');
    const rest = screened.eligible.filter((c) => c.source !== 'request');
    const state: StrategyState = {
      operation,
      stats,
      estimates: screened.estimates,
      random,
      turn: (key) => {
        const turn = turns.get(key) ?? 0;
        turns.set(key, turn + 1);
        return turn;
      },
      ...(route.stickyKey !== undefined && { stickyKey: route.stickyKey }),
      settings: {
        ...(settings.weights && { weights: settings.weights }),
        ...(settings.quality && { quality: settings.quality }),
        explore: settings.speed?.explore ?? 0.05,
      },
    };
    const ordered = rest.length > 1 ? await strategy(request, rest, state) : rest;
    const order = [...pinned, ...ordered.filter((c) => !pinned.includes(c))];
    const first = order[0];
    if (!first) throw noTargetError(screened.excluded, call.requestId);
    // taken now, in the same turn as the ordering, so calls planned together see each other
    const claimed = { ref: first.ref, end: stats.begin(first.ref) };
    if (observed)
      telemetry.emit({
        type: 'route',
        time: now(),
        requestId: call.requestId,
        provider: order[0]?.provider,
        model: order[0]?.modelId,
        strategy: name,
        candidates: order.map((c) => c.ref),
        ...(screened.excluded.length > 0 && {
          reason: `left out: ${screened.excluded.map((e) => `${e.target} (${e.reason})`).join('; ')}`,
        }),
      });
    return {
      call,
      order,
      excluded: screened.excluded,
      estimates: screened.estimates,
      strategy: name,
      claimed,
      owned,
    };
  }

  function hedgeDelay(candidate: Candidate): number | undefined {
    const hedge = settings.hedge;
    if (!hedge) return undefined;
    const fromHistory =
      hedge.afterPercentile !== undefined
        ? stats.percentile(candidate.ref, hedge.afterPercentile)
        : undefined;
    return fromHistory ?? hedge.afterMs;
  }

  /** Answers a planned chat or embed call and ends it (its `call-end` event) when the router owns it. */
  async function settled<T>(
    planned: Plan,
    run: Runner<T>,
    signal: AbortSignal | undefined,
  ): Promise<Answer<T>> {
    try {
      const got = await answer(planned, run, signal, 'latency');
      if (planned.owned) endCall(planned.call, { attempts: got.attempts().length, answeredBy: got.call });
      return got;
    } catch (error) {
      if (planned.owned) endCall(planned.call, { ...(isPalError(error) && { error }) });
      throw error;
    }
  }

  function answer<T>(
    planned: Plan,
    run: Runner<T>,
    signal: AbortSignal | undefined,
    kind: 'latency' | 'firstToken',
  ) {
    return firstAnswer<T>({
      order: planned.order,
      excluded: planned.excluded,
      estimates: planned.estimates,
      run,
      call: planned.call,
      ...(signal && { signal }),
      fallbackOn,
      ...(settings.approveSwitch && { approveSwitch: settings.approveSwitch }),
      hedgeDelay,
      ...(hedgeBudget && { hedgeBudget }),
      stats,
      telemetry,
      now,
      latencyKind: kind,
      claimed: planned.claimed,
    });
  }

  const routingOf = (planned: Plan, got: Answer<unknown>): RoutingInfo => {
    const info: RoutingInfo = {
      strategy: planned.strategy,
      served: got.served.ref,
      candidates: planned.order.map((c) => c.ref),
      passedOver: got.passedOver.map(({ target, code, reason }) => ({ target, code, reason })),
      ...(got.hedge && { hedge: got.hedge }),
    };
    // for a caller that owns the call and ends it: the hedge that served (not enumerable: not data)
    if (got.call !== planned.call) Object.defineProperty(info, 'answeredBy', { value: got.call });
    return info;
  };

  const router: Router = {
    async chat(request, callOptions = {}) {
      const [route, runtimeOptions] = split(callOptions);
      const pending = plan(request, 'chat', route, runtimeOptions.call);
      // a one-target plan is synchronous: awaiting it only when it is a promise saves a turn
      const planned = pending instanceof Promise ? await pending : pending;
      const got = await settled(
        planned,
        (candidate, call, signal) =>
          runtime.chat(
            { ...request, model: candidate.ref },
            { ...runtimeOptions, call, ...(signal && { signal }) },
          ),
        runtimeOptions.signal,
      );
      // the runtime's result is new for this call: it gains its routing (and the hedges' attempts)
      const result = got.value as { attempts: unknown; routing?: RoutingInfo };
      if (got.hedge) result.attempts = got.attempts();
      result.routing = routingOf(planned, got);
      return result as never;
    },

    stream(request, callOptions = {}) {
      const [route, runtimeOptions] = split(callOptions);
      return routerStream({
        runtime,
        request,
        options: runtimeOptions,
        plan: async () => plan(request, 'stream', route, runtimeOptions.call),
        answer: (planned, run, signal) => answer(planned, run, signal, 'firstToken'),
        routing: routingOf,
      }) as never;
    },

    async embed(request, callOptions = {}) {
      const [route, runtimeOptions] = split(callOptions);
      const planned = await plan(request, 'embed', route, runtimeOptions.call);
      const got = await settled(
        planned,
        (candidate, call, signal) =>
          runtime.embed(
            { ...request, model: candidate.ref },
            { ...runtimeOptions, call, ...(signal && { signal }) },
          ),
        runtimeOptions.signal,
      );
      return { ...got.value, routing: routingOf(planned, got) };
    },

    async estimate(request) {
      const planned = await plan(request, 'chat', {}, undefined);
      planned.claimed.end();
      const first = planned.order[0] as Candidate;
      return planned.estimates.get(first.ref) ?? runtime.estimate({ ...request, model: first.ref });
    },

    async status() {
      const budgets = await runtime.state.budget();
      const targets = new Map<string, Candidate>();
      for (const c of chain) targets.set(c.ref, c);
      for (const adapter of registry.list()) {
        const model = registry.defaultModel(adapter.id);
        if (model === undefined || ![...targets.values()].every((c) => c.provider !== adapter.id)) continue;
        targets.set(`${adapter.id}/${model}`, {
          ref: `${adapter.id}/${model}`,
          provider: adapter.id,
          modelId: model,
          local: adapter.local === true,
          source: 'pool',
        });
      }
      return Promise.all(
        [...targets.values()].map(async (c): Promise<TargetStatus> => {
          const seen = stats.snapshot(c.ref);
          const circuit = await runtime.state.circuit(c.provider);
          const checked = health?.status(c.provider);
          const left = budgets?.scopes.filter((s) => budgetApplies(s, c.provider)).map((s) => s.remainingUsd);
          return {
            target: c.ref,
            provider: c.provider,
            ...(checked && { healthy: checked.healthy }),
            ...(circuit && { circuit }),
            ...(seen.latencyMs !== undefined && { latencyMs: seen.latencyMs }),
            ...(seen.firstTokenMs !== undefined && { firstTokenMs: seen.firstTokenMs }),
            inFlight: seen.inFlight,
            ...(seen.lastError && { lastError: seen.lastError }),
            ...(left && left.length > 0 && { budgetRemainingUsd: Math.min(...left) }),
          };
        }),
      );
    },

    async checkHealth() {
      await health?.checkAll();
    },

    async close() {
      closed = true;
      forget();
      health?.stop();
      if (settings.closeRuntime !== false) await runtime.close();
    },
  };
  return router;
}

/** The router's own per-call options apart from the runtime's. */
function split<O extends CallOptions & RouteOptions>(
  options: O,
): [RouteOptions, Omit<O, keyof RouteOptions>] {
  if (!ROUTE_KEYS.some((key) => key in options)) return [NO_ROUTE, options];
  const route: RouteOptions = {};
  const rest = { ...options } as Record<string, unknown>;
  for (const key of ROUTE_KEYS) {
    if (key in rest) {
      (route as Record<string, unknown>)[key] = rest[key];
      delete rest[key];
    }
  }
  return [route, rest as Omit<O, keyof RouteOptions>];
}

/** Embedding calls go only to embedding models. */
function keepEmbeddingModels(screened: { eligible: Candidate[]; excluded: Exclusion[] }): void {
  screened.eligible = screened.eligible.filter((c) => {
    const ok = c.model === undefined || c.model.kind === 'embedding' || c.model.capabilities.embeddings;
    if (!ok)
      screened.excluded.push({
        target: c.ref,
        code: 'UNSUPPORTED_CAPABILITY',
        reason: 'it is not an embedding model',
      });
    return ok;
  });
}

function checkWeights(
  settings: { strategy?: unknown; weights?: Record<string, number> },
  registry: ProviderRegistry,
): void {
  for (const key of Object.keys(settings.weights ?? {})) {
    const provider = key.includes('/') ? key.slice(0, key.indexOf('/')) : key;
    if (!provider.includes('*') && !registry.has(provider))
      throw configError(`weights.${key}`, `"${provider}" is not a registered provider`);
  }
  if (settings.strategy !== 'weighted') return;
  if (!settings.weights || Object.keys(settings.weights).length === 0)
    throw configError(
      'weights',
      'the weighted strategy needs weights, e.g. { "openai": 70, "anthropic": 30 }',
    );
  const sum = Object.values(settings.weights).reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 100) > 1e-9)
    throw configError('weights', `the weights add up to ${sum}; they must add up to 100`);
}

/** Strategies that read `state.estimates` (a custom one may). */
function pricesCandidates(strategy: Strategy): boolean {
  return strategy !== inOrder && !CHEAP_STRATEGIES.has(strategy);
}

const CHEAP_STRATEGIES = new Set<Strategy>([
  STRATEGIES.local_first,
  STRATEGIES.round_robin,
  STRATEGIES.least_connections,
  STRATEGIES.speed,
  STRATEGIES.weighted,
  STRATEGIES.quality,
  HINT_STRATEGIES.cloud_preferred,
]);

function unknownHint(hint: string): PalError {
  return new PalError({
    code: 'INVALID_REQUEST',
    message: `Unknown provider hint "${hint}"; use local_preferred, cloud_preferred, best_quality or cheapest`,
    path: ['hint'],
  });
}
