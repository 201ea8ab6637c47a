import type { Cost, TelemetryEvent, TelemetrySink, Usage } from '@pal/core';
import { parseOptions } from '@pal/core/provider';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { LabelGuard } from './label-guard.js';
import { type PrometheusSinkOptions, prometheusSinkOptionsSchema } from './prometheus-options.js';
import { DURATION_BUCKETS_S } from './semconv.js';

/** What a `/metrics` route sends. */
export interface MetricsResponse {
  contentType: string;
  body: string;
}

/** A sink that keeps Prometheus metrics of the kernel's events. */
export interface PrometheusSink extends TelemetrySink {
  /** The prom-client registry holding PAL's metrics. */
  readonly registry: Registry;
  /** The text exposition of the registry and its content type, for a `/metrics` route. */
  metricsHandler(): Promise<MetricsResponse>;
}

/**
 * A metric's children by label values (in the order of its label names), each made once: prom-client
 * hashes a labels object on every call, a cached child does not. Bounded, as the values are guarded.
 */
function children<C>(metric: { labels(...values: string[]): C }): { at(...values: string[]): C } {
  const made = new Map<string, C>();
  return {
    at(...values) {
      const key = values.join('\u0000');
      let child = made.get(key);
      if (child === undefined) {
        child = metric.labels(...values);
        made.set(key, child);
      }
      return child;
    },
  };
}

/** Circuit states as the gauge reports them. */
export const CIRCUIT_STATE_VALUES = { closed: 0, 'half-open': 1, open: 2 } as const;

const TOKEN_TYPES = ['input', 'output', 'cached_input', 'cache_write', 'reasoning'] as const;

/**
 * A Prometheus sink on `prom-client`: requests by provider, model and outcome (`success` or the
 * error code), latency and time-to-first-token histograms, tokens by type, cost in USD, requests
 * in flight, retries, fallbacks, hedges, circuit state per provider (0 closed, 1 half-open,
 * 2 open), cache hits and misses, rate-limit waits and rejections, and budget spent vs limit per
 * scope. Label values are bounded: providers and models from the registry (`models`), codes from
 * PAL's taxonomy, never what a client sent. Mount `metricsHandler()` on `/metrics`.
 *
 * @example
 * ```ts
 * import { createRegistry, createRuntime } from '@pal/core';
 * import { prometheusSink } from '@pal/telemetry/prometheus';
 *
 * const registry = createRegistry();
 * const metrics = prometheusSink({ models: registry });
 * const pal = createRuntime({ registry, providers: [openai()], telemetry: metrics });
 * http.createServer(async (req, res) => {
 *   const { contentType, body } = await metrics.metricsHandler();
 *   res.writeHead(200, { 'content-type': contentType }).end(body);
 * }).listen(9464);
 * ```
 */
export function prometheusSink(options: PrometheusSinkOptions = {}): PrometheusSink {
  const settings = parseOptions('prometheusSink', prometheusSinkOptionsSchema, options);
  const registry = settings.registry ?? new Registry();
  const prefix = settings.prefix ?? 'pal_';
  const guard = new LabelGuard(settings.models, settings.maxLabelValues ?? 100);
  const registers = [registry];
  const counter = (name: string, help: string, labelNames: readonly string[]) =>
    children(new Counter({ name: prefix + name, help, labelNames, registers }));
  const gauge = (name: string, help: string, labelNames: readonly string[]) =>
    children(new Gauge({ name: prefix + name, help, labelNames, registers }));
  const histogram = (name: string, help: string, labelNames: readonly string[]) =>
    children(
      new Histogram({ name: prefix + name, help, labelNames, buckets: [...DURATION_BUCKETS_S], registers }),
    );

  const requests = counter('requests_total', 'Calls per target, by outcome (success or the error code).', [
    'provider',
    'model',
    'outcome',
  ]);
  const duration = histogram('request_duration_seconds', 'Latency of calls per target.', [
    'provider',
    'model',
    'outcome',
  ]);
  const firstToken = histogram('time_to_first_token_seconds', 'Time to the first token of streams.', [
    'provider',
    'model',
  ]);
  const tokens = counter('tokens_total', 'Tokens the providers served, by type.', [
    'provider',
    'model',
    'type',
  ]);
  const cost = counter('cost_usd_total', 'What the calls cost, in US dollars.', ['provider', 'model']);
  const inFlight = gauge('in_flight_requests', 'Calls being served now.', ['provider']);
  const retries = counter('retries_total', 'Attempts sent again after a retryable failure.', [
    'provider',
    'model',
    'code',
  ]);
  const fallbacks = counter(
    'fallbacks_total',
    'Calls moved to another target, by the error that moved them.',
    ['from_provider', 'to_provider', 'code'],
  );
  const hedges = counter('hedges_total', 'Hedged requests, by action (start, win, cancel).', [
    'provider',
    'action',
  ]);
  const circuit = gauge('circuit_state', 'Circuit breaker state: 0 closed, 1 half-open, 2 open.', [
    'provider',
  ]);
  const cacheHits = counter('cache_hits_total', 'Calls answered from the response cache.', ['provider']);
  const cacheMisses = counter('cache_misses_total', 'Calls the response cache could not answer.', [
    'provider',
  ]);
  const rateLimitWaits = histogram('rate_limit_wait_seconds', 'Waits for the rate limiter.', ['provider']);
  const rateLimitRejections = counter('rate_limit_rejections_total', 'Calls the rate limiter refused.', [
    'provider',
  ]);
  const budgetSpent = gauge('budget_spent_usd', 'USD spent (settled and reserved) per budget scope.', [
    'scope',
  ]);
  const budgetLimit = gauge('budget_limit_usd', 'USD limit per budget scope.', ['scope']);
  const budgetRejections = counter('budget_rejections_total', 'Calls a budget refused.', ['scope']);
  const circuitSeen = new Set<string>();

  /** Tokens and cost of an answer the provider served (not one from the response cache). */
  function spent(provider: string, model: string, usage: Usage, paid: Cost): void {
    if (paid.totalUsd > 0) cost.at(provider, model).inc(paid.totalUsd);
    const counts = [
      usage.inputTokens,
      usage.outputTokens,
      usage.cachedInputTokens,
      usage.cacheWriteTokens,
      usage.reasoningTokens,
    ];
    counts.forEach((count, i) => {
      if (count) tokens.at(provider, model, TOKEN_TYPES[i] as string).inc(count);
    });
  }

  function emit(event: TelemetryEvent): void {
    const provider = guard.provider(event.provider);
    const model = () => guard.model(event.provider, event.model);
    switch (event.type) {
      case 'request':
        inFlight.at(provider).inc();
        if (!circuitSeen.has(provider)) {
          // every provider gets its circuit series (closed) from its first call on
          circuitSeen.add(provider);
          circuit.at(provider).set(CIRCUIT_STATE_VALUES.closed);
        }
        return;
      case 'usage': {
        inFlight.at(provider).dec();
        const m = model();
        requests.at(provider, m, 'success').inc();
        duration.at(provider, m, 'success').observe(event.latencyMs / 1000);
        // a cached answer used no provider tokens
        if (!event.cached) spent(provider, m, event.usage, event.cost);
        return;
      }
      case 'error': {
        inFlight.at(provider).dec();
        const m = model();
        const outcome = guard.code(event.error.code);
        requests.at(provider, m, outcome).inc();
        duration.at(provider, m, outcome).observe(event.latencyMs / 1000);
        // what a stream used before it failed, as the vendor reported it (not PAL's estimate)
        if (event.usage && event.cost && !event.usage.estimated) spent(provider, m, event.usage, event.cost);
        return;
      }
      case 'first-token':
        firstToken.at(provider, model()).observe(event.latencyMs / 1000);
        return;
      case 'retry':
        retries.at(provider, model(), guard.code(event.error.code)).inc();
        return;
      case 'fallback':
        fallbacks
          .at(
            guard.target(event.from).provider,
            guard.target(event.to).provider,
            guard.code(event.error.code),
          )
          .inc();
        return;
      case 'hedge':
        hedges.at(provider, event.action).inc();
        return;
      case 'circuit':
        circuitSeen.add(provider);
        circuit.at(provider).set(CIRCUIT_STATE_VALUES[event.state]);
        return;
      case 'cache':
        (event.hit ? cacheHits : cacheMisses).at(provider).inc();
        return;
      case 'rate-limit':
        if (event.rejected) rateLimitRejections.at(provider).inc();
        else rateLimitWaits.at(provider).observe(event.waitedMs / 1000);
        return;
      case 'budget': {
        const scope = guard.scope(event.scope);
        if (event.action === 'reject') budgetRejections.at(scope).inc();
        budgetSpent.at(scope).set(event.spentUsd);
        if (event.limitUsd !== undefined) budgetLimit.at(scope).set(event.limitUsd);
        return;
      }
      default:
        return;
    }
  }

  return {
    registry,
    emit,
    async metricsHandler() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
