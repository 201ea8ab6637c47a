import { type Attributes, isSpanContextValid, metrics, trace } from '@opentelemetry/api';
import type { Hooks, TelemetryEvent, TelemetrySink, TraceContext } from '@pal/core';
import { parseOptions } from '@pal/core/provider';
import { version } from '../package.json';
import { CallSpan } from './otel-call.js';
import { inputContent, outputContent, StreamedAnswer } from './otel-content.js';
import { OtelInstruments } from './otel-metrics.js';
import { type OtelSinkOptions, otelSinkOptionsSchema } from './otel-options.js';
import { ATTR, type SemconvVersion, semconvNames, semconvVersion } from './semconv.js';
import { formatTraceparent } from './traceparent.js';

/** The instrumentation scope of PAL's spans and metrics. */
export const INSTRUMENTATION_SCOPE = '@pal/telemetry';

type EventOf<T extends TelemetryEvent['type']> = Extract<TelemetryEvent, { type: T }>;

/** A sink that turns kernel events into OpenTelemetry spans and metrics. */
export interface OtelSink extends TelemetrySink {
  /** The W3C trace context of a call in flight (its span's), which the kernel puts on results and sends upstream. */
  traceContext(requestId: string): TraceContext | undefined;
  /**
   * Hooks that record message content on the call's span when `captureContent` is on (nothing
   * otherwise). Register them after your own masking hooks, which run first:
   * `createRuntime({ hooks: [maskPii, otel.hooks], telemetry: otel })`.
   */
  readonly hooks: Hooks;
  /** The convention names in use. */
  readonly semconv: SemconvVersion;
  /** Ends the span of every call still open (before shutting the SDK down). */
  endOpenSpans(): void;
}

/**
 * An OpenTelemetry sink on `@opentelemetry/api` (the application brings the SDK and exporters):
 * one CLIENT span per logical call, `{gen_ai.operation.name} {gen_ai.request.model}`, covering its
 * retries and fallbacks (attempts are child spans; retry waits, routing, fallbacks, hedges, cache,
 * budget and rate-limit decisions span events), with the GenAI semantic conventions' attributes
 * and metrics, v1.41 names by default and the latest with `OTEL_SEMCONV_STABILITY_OPT_IN=gen_ai_latest_experimental`.
 * Give it to the runtime (and the router, for its routing events); the runtime then forwards each
 * call's `traceparent` upstream and puts `traceId` / `traceparent` on results.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pal/core';
 * import { otelSink } from '@pal/telemetry/otel';
 *
 * const otel = otelSink(); // the global tracer and meter providers (register your SDK first)
 * const pal = createRuntime({ providers: [openai()], telemetry: otel });
 * const result = await pal.chat({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });
 * console.log(result.traceId); // the span's trace id
 * ```
 */
export function otelSink(options: OtelSinkOptions = {}): OtelSink {
  const settings = parseOptions('otelSink', otelSinkOptionsSchema, options);
  const semconv = semconvVersion(settings.semconv);
  const names = semconvNames(semconv);
  const tracer = settings.tracer ?? trace.getTracer(INSTRUMENTATION_SCOPE, version);
  const instruments = new OtelInstruments(
    settings.meter ?? metrics.getMeter(INSTRUMENTATION_SCOPE, version),
    names,
  );
  const spanSettings = {
    tracer,
    names,
    ...(settings.providerNames && { providerNames: settings.providerNames }),
  };
  const maxOpen = settings.maxOpenCalls ?? 10_000;
  const calls = new Map<string, CallSpan>();
  // a router's route event comes before the call's first request
  const routes = new Map<string, EventOf<'route'>>();

  function open(event: EventOf<'request'>): void {
    const found = calls.get(event.requestId);
    if (found) {
      found.retarget(event);
      return;
    }
    const route = routes.get(event.requestId);
    routes.delete(event.requestId);
    calls.set(event.requestId, new CallSpan(spanSettings, event, route));
    if (calls.size > maxOpen) {
      const [oldest, span] = calls.entries().next().value as [string, CallSpan];
      calls.delete(oldest);
      span.span.setAttribute('pal.incomplete', true);
      span.span.end();
    }
  }

  function end(event: EventOf<'call-end'>): void {
    const call = calls.get(event.requestId);
    if (!call) return;
    calls.delete(event.requestId);
    const attributes = {
      ...call.metricAttributes(event.provider ?? call.provider),
      ...(event.error && { [ATTR.errorType]: event.error.code }),
    };
    instruments.recordDuration(call.metricOperation, event.latencyMs / 1000, attributes);
    // the conventions (latest) count every operation's tokens, 0 for one that got no answer
    if (event.error && instruments.recordsFailedTokens && !call.tokensRecorded)
      instruments.recordTokens(call.metricOperation, undefined, attributes);
    call.end(event);
  }

  /**
   * What one target used: an answer (`usage`), or a stream that failed after it started (`error`
   * with the usage the vendor reported; PAL's estimate of an unfinished stream is not what the
   * provider returned, so it is left out, as the conventions ask).
   */
  function spent(call: CallSpan | undefined, event: EventOf<'usage' | 'error'>): void {
    if (!event.usage || !event.cost) return;
    if (event.type === 'error' && event.usage.estimated) return;
    const attributes = {
      ...call?.metricAttributes(event.provider, event.model),
      ...(event.type === 'error' && { [ATTR.errorType]: event.error.code }),
    };
    if (event.cost.totalUsd > 0) instruments.cost.add(event.cost.totalUsd, attributes);
    // a cached answer was served by PAL, not by the vendor: it used no tokens
    if (event.type === 'usage' && event.cached) return;
    instruments.recordTokens(call?.metricOperation ?? 'inference', event.usage, attributes);
    if (call) call.tokensRecorded = true;
  }

  const hooks: Hooks = settings.captureContent ? contentHooks(calls, semconv === 'v1.41') : {};

  return {
    semconv,
    hooks,
    emit(event) {
      const call = calls.get(event.requestId);
      switch (event.type) {
        case 'route':
          if (call) call.route(event);
          else if (routes.size < maxOpen) routes.set(event.requestId, event);
          return;
        case 'request':
          open(event);
          return;
        case 'attempt':
          call?.beginAttempt(event);
          return;
        case 'attempt-end':
          call?.endAttempt(event);
          return;
        case 'retry':
          call?.retry(event);
          instruments.retries.add(1, countedAs(call, event, ATTR.errorType, event.error.code));
          return;
        case 'fallback':
          call?.fallback(event);
          instruments.fallbacks.add(1, countedAs(call, event, ATTR.errorType, event.error.code));
          return;
        case 'hedge':
          call?.hedge(event);
          instruments.hedges.add(1, countedAs(call, event, 'pal.hedge.action', event.action));
          return;
        case 'cache':
          call?.cache(event);
          return;
        case 'budget':
        case 'rate-limit':
        case 'circuit':
        case 'warning':
          call?.note(event);
          return;
        case 'first-token':
          if (!call) return;
          call.firstToken(event);
          if (call.operation === 'stream')
            instruments.recordTimeToFirstChunk(
              event.latencyMs / 1000,
              call.metricAttributes(event.provider, event.model),
            );
          return;
        case 'usage':
          call?.succeeded(event);
          spent(call, event);
          return;
        case 'error':
          call?.targetFailed(event);
          spent(call, event);
          return;
        case 'call-end':
          end(event);
          return;
        default:
          return;
      }
    },
    traceContext(requestId) {
      const call = calls.get(requestId);
      if (!call) return undefined;
      const spanContext = call.span.spanContext();
      if (!isSpanContextValid(spanContext)) return undefined;
      const tracestate = spanContext.traceState?.serialize();
      return {
        traceId: spanContext.traceId,
        traceparent: formatTraceparent(spanContext),
        ...(tracestate && { tracestate }),
      };
    },
    endOpenSpans() {
      for (const call of calls.values()) call.span.end();
      calls.clear();
      routes.clear();
    },
  };
}

/** The attributes of one count: the call's target, and what the count is about. */
function countedAs(
  call: CallSpan | undefined,
  event: TelemetryEvent,
  key: string,
  value: string,
): Attributes {
  return { ...call?.metricAttributes(event.provider, event.model), [key]: value };
}

/** Hooks that put the (already masked) request and answer on the call's span. */
function contentHooks(calls: ReadonlyMap<string, CallSpan>, withFinishReason: boolean): Hooks {
  return {
    beforeRequest(request, info) {
      const call = calls.get(info.requestId);
      if (!call) return;
      const content = inputContent(request);
      call.span.setAttribute(ATTR.inputMessages, content.inputMessages);
      if (content.systemInstructions)
        call.span.setAttribute(ATTR.systemInstructions, content.systemInstructions);
    },
    afterResponse(result, info) {
      calls
        .get(info.requestId)
        ?.span.setAttribute(
          ATTR.outputMessages,
          outputContent(result.content, result.finishReason, withFinishReason),
        );
    },
    onChunk(event, info) {
      const call = calls.get(info.requestId);
      if (!call) return;
      call.streamed ??= new StreamedAnswer();
      call.streamed.add(event);
      if (event.type === 'finish')
        call.span.setAttribute(
          ATTR.outputMessages,
          outputContent(call.streamed.parts, event.finishReason, withFinishReason),
        );
    },
  };
}
