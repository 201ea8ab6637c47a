import type { Attributes, Counter, Histogram, Meter } from '@opentelemetry/api';
import type { Usage } from '@pal/core';
import { ATTR, DURATION_BUCKETS_S, PAL_METRICS, type SemconvNames, TOKEN_BUCKETS } from './semconv.js';

/** What a call's metrics are recorded as: inference, embeddings, or another operation. */
export type MetricOperation = 'inference' | 'embeddings' | 'other';

/**
 * The OpenTelemetry instruments of one sink, in the names of one convention version: duration
 * and time to first chunk, tokens (v1.41: one histogram by `gen_ai.token.type`; latest: usage
 * counters and per-operation histograms), and PAL's cost, retries, fallbacks and hedges.
 */
export class OtelInstruments {
  readonly #names: SemconvNames;
  readonly #inferenceDuration: Histogram;
  readonly #embeddingsDuration: Histogram;
  readonly #operationDuration: Histogram;
  readonly #timeToFirstChunk: Histogram;
  readonly #tokenUsage: Histogram | undefined;
  readonly #inputTokens: Histogram | undefined;
  readonly #outputTokens: Histogram | undefined;
  readonly #embeddingsInputTokens: Histogram | undefined;
  readonly #usage: Record<'input' | 'output' | 'cacheRead' | 'cacheWrite' | 'reasoning', Counter> | undefined;
  readonly cost: Counter;
  readonly retries: Counter;
  readonly fallbacks: Counter;
  readonly hedges: Counter;

  constructor(meter: Meter, names: SemconvNames) {
    this.#names = names;
    const m = names.metrics;
    const seconds = (name: string, description: string) =>
      meter.createHistogram(name, {
        unit: 's',
        description,
        advice: { explicitBucketBoundaries: [...DURATION_BUCKETS_S] },
      });
    // a token histogram, when the version in use has this one
    const tokens = (name: string | undefined, description: string) =>
      name === undefined
        ? undefined
        : meter.createHistogram(name, {
            unit: '{token}',
            description,
            advice: { explicitBucketBoundaries: [...TOKEN_BUCKETS] },
          });
    // one instrument per name: v1.41 uses gen_ai.client.operation.duration for every operation
    const durations = new Map<string, Histogram>();
    const duration = (name: string) => {
      const found = durations.get(name) ?? seconds(name, 'GenAI operation duration.');
      durations.set(name, found);
      return found;
    };
    this.#inferenceDuration = duration(m.inferenceDuration);
    this.#embeddingsDuration = duration(m.embeddingsDuration);
    this.#operationDuration = duration(m.operationDuration);
    this.#timeToFirstChunk = seconds(
      m.timeToFirstChunk,
      'Time to receive the first chunk of a streamed response.',
    );
    this.#tokenUsage = tokens(m.tokenUsage, 'Number of input and output tokens used.');
    this.#inputTokens = tokens(m.inputTokensHistogram, 'Input tokens used per inference operation.');
    this.#outputTokens = tokens(m.outputTokensHistogram, 'Output tokens used per inference operation.');
    this.#embeddingsInputTokens = tokens(
      m.embeddingsInputTokensHistogram,
      'Input tokens used per embeddings operation.',
    );
    const counter = (name: string, description: string) =>
      meter.createCounter(name, { unit: '{token}', description });
    this.#usage = m.usageCounters && {
      input: counter(m.usageCounters.input, 'Input tokens used, cached ones included.'),
      output: counter(m.usageCounters.output, 'Output tokens used, reasoning ones included.'),
      cacheRead: counter(m.usageCounters.cacheRead, 'Input tokens served from the provider cache.'),
      cacheWrite: counter(m.usageCounters.cacheWrite, 'Input tokens written to the provider cache.'),
      reasoning: counter(m.usageCounters.reasoning, 'Output tokens spent on reasoning.'),
    };
    const pal = (name: keyof typeof PAL_METRICS, unit: string, description: string) =>
      meter.createCounter(PAL_METRICS[name], { unit, description });
    this.cost = pal('costUsd', '{USD}', 'What the calls cost, in US dollars (catalog prices).');
    this.retries = pal('retries', '{retry}', 'Attempts the kernel sent again after a retryable failure.');
    this.fallbacks = pal('fallbacks', '{fallback}', 'Calls the router moved from one target to the next.');
    this.hedges = pal('hedges', '{hedge}', 'Hedged requests, by action (start, win, cancel).');
  }

  /** The duration of one logical call (the span's duration). */
  recordDuration(kind: MetricOperation, seconds: number, attributes: Attributes): void {
    const histogram =
      kind === 'inference'
        ? this.#inferenceDuration
        : kind === 'embeddings'
          ? this.#embeddingsDuration
          : this.#operationDuration;
    histogram.record(seconds, attributes);
  }

  recordTimeToFirstChunk(seconds: number, attributes: Attributes): void {
    this.#timeToFirstChunk.record(seconds, attributes);
  }

  /** The tokens one operation used (`usage` absent: a failed operation, recorded as 0 where the conventions ask). */
  recordTokens(kind: MetricOperation, usage: Usage | undefined, attributes: Attributes): void {
    const input = usage?.inputTokens ?? 0;
    const output = usage?.outputTokens ?? 0;
    if (this.#tokenUsage) {
      // v1.41: only when the count is available
      if (!usage) return;
      this.#tokenUsage.record(input, { ...attributes, [ATTR.tokenType]: 'input' });
      if (kind !== 'embeddings')
        this.#tokenUsage.record(output, { ...attributes, [ATTR.tokenType]: 'output' });
      return;
    }
    if (kind === 'embeddings') {
      this.#embeddingsInputTokens?.record(input, attributes);
      return;
    }
    this.#inputTokens?.record(input, attributes);
    this.#outputTokens?.record(output, attributes);
    if (!this.#usage) return;
    // PAL's usage does not split tokens by modality
    const { [ATTR.errorType]: _errorType, ...rest } = attributes;
    const counted: Attributes = { ...rest, [ATTR.tokenModality]: 'unknown' };
    this.#usage.input.add(input, counted);
    this.#usage.output.add(output, counted);
    if (usage?.cachedInputTokens) this.#usage.cacheRead.add(usage.cachedInputTokens, counted);
    if (usage?.cacheWriteTokens) this.#usage.cacheWrite.add(usage.cacheWriteTokens, counted);
    if (usage?.reasoningTokens) this.#usage.reasoning.add(usage.reasoningTokens, counted);
  }

  /** Whether the names in use record failed operations' tokens (as 0). */
  get recordsFailedTokens(): boolean {
    return this.#tokenUsage === undefined;
  }

  get names(): SemconvNames {
    return this.#names;
  }
}
