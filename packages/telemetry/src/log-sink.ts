import type { TelemetryEvent, TelemetrySink } from '@pal/core';
import { describeWarning, parseOptions, redactSecrets } from '@pal/core/provider';
import { type Logger, pino } from 'pino';
import { type LogSinkOptions, logSinkOptionsSchema, PAL_REDACT_PATHS } from './log-options.js';

type EventOf<T extends TelemetryEvent['type']> = Extract<TelemetryEvent, { type: T }>;

/**
 * A structured-log sink on `pino`: one JSON line per call end (`info`, or `error` for a failed
 * call) with provider, model, outcome, latency, tokens, cost, attempts, trace id and the request's
 * metadata; adapter
 * warnings, circuit changes and budget alerts and refusals at `warn`; retries, fallbacks and
 * hedges at `debug`. Secrets are redacted by pino's `redact` paths ({@link PAL_REDACT_PATHS}) and
 * every free-text field is masked by PAL.
 *
 * @example
 * ```ts
 * import pino from 'pino';
 * import { logSink } from '@pal/telemetry/log';
 *
 * const pal = createRuntime({ providers: [openai()], telemetry: logSink({ logger: pino() }) });
 * // {"level":30,"pal":"call","requestId":"…","provider":"openai","model":"gpt-4o-mini","outcome":"success",…}
 * ```
 */
export function logSink(options: LogSinkOptions = {}): TelemetrySink {
  const settings = parseOptions('logSink', logSinkOptionsSchema, options);
  const redact = { paths: [...PAL_REDACT_PATHS, ...(settings.redact ?? [])], censor: '[redacted]' };
  const logger: Logger = settings.logger
    ? settings.logger.child({}, { redact })
    : pino({ redact, base: undefined });

  return {
    emit(event) {
      switch (event.type) {
        case 'call-end':
          callEnd(logger, event);
          return;
        case 'warning':
          logger.warn(
            {
              pal: 'warning',
              requestId: event.requestId,
              provider: event.provider,
              model: event.model,
              warning: event.warning.type,
              ...('setting' in event.warning && { setting: event.warning.setting }),
            },
            redactSecrets(describeWarning(event.warning)),
          );
          return;
        case 'circuit':
          logger.warn(
            { pal: 'circuit', provider: event.provider, state: event.state, previous: event.previous },
            `circuit of ${event.provider} ${event.previous} → ${event.state}`,
          );
          return;
        case 'budget':
          if (event.action !== 'alert' && event.action !== 'reject') return;
          logger.warn(
            {
              pal: 'budget',
              requestId: event.requestId,
              action: event.action,
              scope: event.scope,
              spentUsd: event.spentUsd,
              limitUsd: event.limitUsd,
            },
            `budget ${event.scope}: ${event.action}`,
          );
          return;
        case 'retry':
        case 'fallback':
        case 'hedge':
          if (logger.isLevelEnabled('debug')) logger.debug(routingLine(event), event.type);
          return;
        default:
          return;
      }
    },
  };
}

function callEnd(logger: Logger, event: EventOf<'call-end'>): void {
  const usage = event.usage;
  const line = {
    pal: 'call',
    requestId: event.requestId,
    ...(event.traceId && { traceId: event.traceId }),
    operation: event.operation,
    provider: event.provider,
    model: event.model,
    outcome: event.error ? event.error.code : 'success',
    latencyMs: event.latencyMs,
    attempts: event.attempts,
    ...(event.cached && { cached: true }),
    ...(usage && {
      inputTokens: usage.inputTokens,
      outputTokens: usage.outputTokens,
      ...(usage.cachedInputTokens !== undefined && { cachedInputTokens: usage.cachedInputTokens }),
      ...(usage.reasoningTokens !== undefined && { reasoningTokens: usage.reasoningTokens }),
      ...(usage.estimated && { estimatedUsage: true }),
    }),
    ...(event.cost && { costUsd: event.cost.totalUsd }),
    ...(event.error && { error: redactSecrets(event.error.message) }),
    // the caller's own fields (runId, user…): a credential put there is caught by the redact paths
    ...(event.metadata && { metadata: event.metadata }),
  };
  const text = `${event.operation} ${event.provider}/${event.model} ${line.outcome} in ${event.latencyMs} ms`;
  if (event.error) logger.error(line, text);
  else logger.info(line, text);
}

function routingLine(event: EventOf<'retry' | 'fallback' | 'hedge'>): Record<string, unknown> {
  const base = { pal: event.type, requestId: event.requestId, provider: event.provider, model: event.model };
  switch (event.type) {
    case 'retry':
      return { ...base, attempt: event.attempt, delayMs: event.delayMs, code: event.error.code };
    case 'fallback':
      return { ...base, from: event.from, to: event.to, code: event.error.code };
    case 'hedge':
      return { ...base, action: event.action, target: event.target };
  }
}
