import {
  type Attributes,
  type Context,
  context as contextApi,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
  type Tracer,
} from '@opentelemetry/api';
import type { TelemetryEvent, Usage } from '@pal/core';
import { redactSecrets } from '@pal/core/provider';
import type { StreamedAnswer } from './otel-content.js';
import type { MetricOperation } from './otel-metrics.js';
import { genAiOperationName, genAiProviderName } from './provider-names.js';
import { ATTR, PAL_ATTR, PAL_EVENTS, type SemconvNames } from './semconv.js';
import { parseTraceparent } from './traceparent.js';

type EventOf<T extends TelemetryEvent['type']> = Extract<TelemetryEvent, { type: T }>;

/** What a call's span is built with. */
export interface CallSpanSettings {
  tracer: Tracer;
  names: SemconvNames;
  providerNames?: Readonly<Record<string, string>>;
}

/**
 * One logical call's CLIENT span, named `{gen_ai.operation.name} {gen_ai.request.model}`, from its
 * first `request` event to its `call-end`: every target it went to (fallbacks, hedges), each attempt
 * as a child span, retry waits, routing, cache, budget, rate-limit, circuit and warning events as
 * span events, and the conventions' request, response and usage attributes.
 */
export class CallSpan {
  readonly span: Span;
  readonly operation: EventOf<'request'>['operation'];
  readonly requestModel: string;
  /** The provider id of the target the call is on now (the one that served, at the end). */
  provider: string | undefined;
  responseModel: string | undefined;
  server: { address: string; port?: number } | undefined;
  readonly #settings: CallSpanSettings;
  readonly #context: Context;
  readonly #attempts = new Map<string, Span>();
  #retries = 0;
  #fallbacks = 0;
  #costUsd = 0;
  #unpriced = false;
  #cached = false;
  /** True once token metrics were recorded for the call. */
  tokensRecorded = false;
  /** The streamed answer, gathered from its chunks (when content is captured). */
  streamed: StreamedAnswer | undefined;

  constructor(settings: CallSpanSettings, event: EventOf<'request'>, route?: EventOf<'route'>) {
    this.#settings = settings;
    this.operation = event.operation;
    this.requestModel = event.params?.model ?? event.model ?? '';
    this.provider = event.provider;
    this.server = event.server;
    const parent = parseTraceparent(event.traceparent);
    const parentContext = parent ? trace.setSpanContext(ROOT_CONTEXT, parent) : contextApi.active();
    const operationName = genAiOperationName(event.operation);
    this.span = settings.tracer.startSpan(
      `${operationName} ${this.requestModel}`.trim(),
      {
        kind: SpanKind.CLIENT,
        startTime: route?.time ?? event.time,
        attributes: {
          [ATTR.operationName]: operationName,
          [ATTR.providerName]: genAiProviderName(event.provider, settings.providerNames),
          [ATTR.requestModel]: this.requestModel,
          ...serverAttributes(event.server),
          ...requestAttributes(event, settings.names),
          [PAL_ATTR.requestId]: event.requestId,
        },
      },
      parentContext,
    );
    this.#context = trace.setSpan(parentContext, this.span);
    if (route) this.route(route);
  }

  /** How the call's metrics are recorded. */
  get metricOperation(): MetricOperation {
    return this.operation === 'embed' ? 'embeddings' : this.operation === 'image' ? 'other' : 'inference';
  }

  /** The attributes every metric point of this call carries (the target it is on now). */
  metricAttributes(provider = this.provider, model = this.requestModel): Attributes {
    return {
      [ATTR.operationName]: genAiOperationName(this.operation),
      [ATTR.providerName]: genAiProviderName(provider, this.#settings.providerNames),
      [ATTR.requestModel]: model,
      ...(this.responseModel && { [ATTR.responseModel]: this.responseModel }),
      ...serverAttributes(this.server),
    };
  }

  route(event: EventOf<'route'>): void {
    this.span.setAttribute(PAL_ATTR.routerStrategy, event.strategy);
    this.span.setAttribute(PAL_ATTR.routerCandidates, event.candidates);
    if (event.reason) this.span.setAttribute(PAL_ATTR.routerReason, redactSecrets(event.reason));
    this.span.addEvent(
      PAL_EVENTS.route,
      {
        [PAL_ATTR.routerStrategy]: event.strategy,
        [PAL_ATTR.routerCandidates]: event.candidates,
        ...(event.reason && { [PAL_ATTR.routerReason]: redactSecrets(event.reason) }),
      },
      event.time,
    );
  }

  /** The call moved to another target (a fallback or a hedge): later events are about it. */
  retarget(event: EventOf<'request'>): void {
    this.provider = event.provider;
    if (event.server) this.server = event.server;
  }

  beginAttempt(event: EventOf<'attempt'>): void {
    const span = this.#settings.tracer.startSpan(
      'pal.attempt',
      {
        kind: SpanKind.INTERNAL,
        startTime: event.time,
        attributes: {
          [PAL_ATTR.attempt]: event.attempt,
          [ATTR.providerName]: genAiProviderName(event.provider, this.#settings.providerNames),
          [ATTR.requestModel]: event.model ?? this.requestModel,
          ...(event.provider === this.provider && serverAttributes(this.server)),
        },
      },
      this.#context,
    );
    this.#attempts.set(attemptKey(event), span);
  }

  endAttempt(event: EventOf<'attempt-end'>): void {
    const key = attemptKey(event);
    const span = this.#attempts.get(key);
    if (!span) return;
    this.#attempts.delete(key);
    span.setAttribute(PAL_ATTR.attemptOutcome, event.outcome);
    if (event.usage) span.setAttributes(usageAttributes(event.usage, this.#settings.names));
    if (event.errorCode) {
      span.setAttribute(ATTR.errorType, event.errorCode);
      span.setStatus({ code: SpanStatusCode.ERROR, message: event.errorCode });
    }
    span.end(event.time);
  }

  retry(event: EventOf<'retry'>): void {
    this.#retries++;
    this.span.addEvent(
      PAL_EVENTS.retry,
      {
        [PAL_ATTR.attempt]: event.attempt,
        'pal.retry.delay_ms': event.delayMs,
        [ATTR.errorType]: event.error.code,
      },
      event.time,
    );
  }

  fallback(event: EventOf<'fallback'>): void {
    this.#fallbacks++;
    this.span.addEvent(
      PAL_EVENTS.fallback,
      { 'pal.fallback.from': event.from, 'pal.fallback.to': event.to, [ATTR.errorType]: event.error.code },
      event.time,
    );
  }

  hedge(event: EventOf<'hedge'>): void {
    this.span.addEvent(
      PAL_EVENTS.hedge,
      {
        'pal.hedge.action': event.action,
        'pal.hedge.target': event.target,
        ...(event.delayMs !== undefined && { 'pal.hedge.delay_ms': event.delayMs }),
        ...(event.wasteTokens !== undefined && { 'pal.hedge.waste_tokens': event.wasteTokens }),
        ...(event.wasteUsd !== undefined && { 'pal.hedge.waste_usd': event.wasteUsd }),
      },
      event.time,
    );
  }

  cache(event: EventOf<'cache'>): void {
    if (event.hit) this.#cached = true;
    this.span.addEvent(PAL_EVENTS.cache, { 'pal.cache.hit': event.hit }, event.time);
  }

  /** Budget, rate-limit, circuit and warning events: recorded as span events. */
  note(event: EventOf<'budget' | 'rate-limit' | 'circuit' | 'warning'>): void {
    const [name, attributes] = noteOf(event);
    this.span.addEvent(name, attributes, event.time);
  }

  /** A stream's first content: the span's time-to-first-chunk (latest conventions). */
  firstToken(event: EventOf<'first-token'>): void {
    const name = this.#settings.names.responseTimeToFirstChunk;
    if (name) this.span.setAttribute(name, event.latencyMs / 1000);
    this.span.addEvent(PAL_EVENTS.firstToken, { 'pal.latency_ms': event.latencyMs }, event.time);
  }

  /** One target answered: the response and usage attributes are its. */
  succeeded(event: EventOf<'usage'>): void {
    this.provider = event.provider;
    const response = event.response;
    if (response?.model) this.responseModel = response.model;
    this.span.setAttributes({
      [ATTR.providerName]: genAiProviderName(event.provider, this.#settings.providerNames),
      ...(response?.id && { [ATTR.responseId]: response.id }),
      ...(response?.model && { [ATTR.responseModel]: response.model }),
      ...(response?.finishReasons && { [ATTR.responseFinishReasons]: response.finishReasons }),
      ...usageAttributes(event.usage, this.#settings.names),
    });
    this.#costUsd += event.cost.totalUsd;
    if (event.cost.unpriced) this.#unpriced = true;
  }

  /** One target failed (the call may still move on). */
  targetFailed(event: EventOf<'error'>): void {
    this.span.addEvent(
      PAL_EVENTS.targetError,
      { [ATTR.errorType]: event.error.code, 'pal.target': `${event.provider}/${event.model}` },
      event.time,
    );
  }

  /** Sets the call's final attributes and status, and ends the span (children still open end with it). */
  end(event: EventOf<'call-end'>): void {
    for (const span of this.#attempts.values()) span.end(event.time);
    this.#attempts.clear();
    this.span.setAttributes({
      [PAL_ATTR.attempts]: event.attempts,
      [PAL_ATTR.cached]: this.#cached || event.cached === true,
      [PAL_ATTR.retries]: this.#retries,
      [PAL_ATTR.fallbacks]: this.#fallbacks,
      [PAL_ATTR.costUsd]: this.#costUsd,
      ...(this.#unpriced && { [PAL_ATTR.unpriced]: true }),
    });
    if (event.error) {
      this.span.setAttribute(ATTR.errorType, event.error.code);
      this.span.setStatus({ code: SpanStatusCode.ERROR, message: redactSecrets(event.error.message) });
    }
    this.span.end(event.time);
  }
}

/** The span event of a budget, rate-limit, circuit or warning event. */
function noteOf(event: EventOf<'budget' | 'rate-limit' | 'circuit' | 'warning'>): [string, Attributes] {
  switch (event.type) {
    case 'budget':
      return [
        PAL_EVENTS.budget,
        {
          'pal.budget.action': event.action,
          'pal.budget.scope': event.scope,
          'pal.budget.amount_usd': event.amountUsd,
          'pal.budget.spent_usd': event.spentUsd,
          ...(event.limitUsd !== undefined && { 'pal.budget.limit_usd': event.limitUsd }),
        },
      ];
    case 'rate-limit':
      return [
        PAL_EVENTS.rateLimit,
        { 'pal.rate_limit.waited_ms': event.waitedMs, 'pal.rate_limit.rejected': event.rejected },
      ];
    case 'circuit':
      return [
        PAL_EVENTS.circuit,
        { 'pal.circuit.state': event.state, 'pal.circuit.previous': event.previous },
      ];
    case 'warning':
      return [
        PAL_EVENTS.warning,
        {
          'pal.warning.type': event.warning.type,
          ...('setting' in event.warning && { 'pal.warning.setting': event.warning.setting }),
        },
      ];
  }
}

function attemptKey(event: { provider?: string; model?: string; attempt: number }): string {
  return `${event.provider}/${event.model}#${event.attempt}`;
}

function serverAttributes(server: { address: string; port?: number } | undefined): Attributes {
  if (!server) return {};
  return {
    [ATTR.serverAddress]: server.address,
    ...(server.port !== undefined && { [ATTR.serverPort]: server.port }),
  };
}

function requestAttributes(event: EventOf<'request'>, names: SemconvNames): Attributes {
  const p = event.params;
  const out: Attributes = {};
  if (names.requestStream && (event.operation === 'stream' || event.operation === 'chat'))
    out[names.requestStream] = event.operation === 'stream';
  if (!p) return out;
  if (p.temperature !== undefined) out[ATTR.requestTemperature] = p.temperature;
  if (p.topP !== undefined) out[ATTR.requestTopP] = p.topP;
  if (p.topK !== undefined) out[ATTR.requestTopK] = p.topK;
  if (p.maxOutputTokens !== undefined) out[ATTR.requestMaxTokens] = p.maxOutputTokens;
  if (p.stopSequences !== undefined) out[ATTR.requestStopSequences] = p.stopSequences;
  if (p.seed !== undefined) out[ATTR.requestSeed] = p.seed;
  if (p.presencePenalty !== undefined) out[ATTR.requestPresencePenalty] = p.presencePenalty;
  if (p.frequencyPenalty !== undefined) out[ATTR.requestFrequencyPenalty] = p.frequencyPenalty;
  if (p.outputType !== undefined) out[ATTR.outputType] = p.outputType;
  if (p.dimensions !== undefined) out[ATTR.embeddingsDimensionCount] = p.dimensions;
  if (p.n !== undefined && p.n !== 1) out[ATTR.requestChoiceCount] = p.n;
  return out;
}

/** `gen_ai.usage.*` of one usage (the cache and reasoning figures only when the vendor gave them). */
export function usageAttributes(usage: Usage, names: SemconvNames): Attributes {
  return {
    [ATTR.usageInputTokens]: usage.inputTokens,
    [ATTR.usageOutputTokens]: usage.outputTokens,
    ...(usage.cachedInputTokens !== undefined && {
      [ATTR.usageCacheReadInputTokens]: usage.cachedInputTokens,
    }),
    ...(usage.cacheWriteTokens !== undefined && {
      [names.usageCacheWriteInputTokens]: usage.cacheWriteTokens,
    }),
    ...(usage.reasoningTokens !== undefined && { [ATTR.usageReasoningOutputTokens]: usage.reasoningTokens }),
    ...(usage.estimated && { [PAL_ATTR.estimatedUsage]: true }),
  };
}
