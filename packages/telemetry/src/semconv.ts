/**
 * The OpenTelemetry GenAI semantic-convention names PAL emits, in one place, with the version each
 * set comes from. There is no npm package for the GenAI conventions after v1.41 yet, so they are
 * written here by hand.
 *
 * - {@link SEMCONV_V1_41}: semantic-conventions v1.41.0, the last release that held the GenAI
 *   conventions (https://github.com/open-telemetry/semantic-conventions/tree/v1.41.0/docs/gen-ai).
 *   Emitted by default, as the conventions' migration plan asks of existing instrumentations.
 * - {@link SEMCONV_LATEST}: the GenAI conventions as they stand in their own repository,
 *   https://github.com/open-telemetry/semantic-conventions-genai (no tagged release yet; see its
 *   `docs/gen-ai/non-normative/migration.md`). Emitted when `OTEL_SEMCONV_STABILITY_OPT_IN` contains
 *   `gen_ai_latest_experimental`, or with `otelSink({ semconv: 'latest' })`.
 * @module
 */

/** Bucket boundaries (seconds) the conventions give for the duration and time-to-first-chunk histograms. */
export const DURATION_BUCKETS_S = [
  0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92,
] as const;

/** Bucket boundaries the conventions give for token histograms. */
export const TOKEN_BUCKETS = [
  1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864,
] as const;

/** Attributes both versions share. */
export const ATTR = {
  operationName: 'gen_ai.operation.name',
  providerName: 'gen_ai.provider.name',
  requestModel: 'gen_ai.request.model',
  requestTemperature: 'gen_ai.request.temperature',
  requestTopP: 'gen_ai.request.top_p',
  requestTopK: 'gen_ai.request.top_k',
  requestMaxTokens: 'gen_ai.request.max_tokens',
  requestStopSequences: 'gen_ai.request.stop_sequences',
  requestSeed: 'gen_ai.request.seed',
  requestPresencePenalty: 'gen_ai.request.presence_penalty',
  requestFrequencyPenalty: 'gen_ai.request.frequency_penalty',
  requestChoiceCount: 'gen_ai.request.choice.count',
  outputType: 'gen_ai.output.type',
  embeddingsDimensionCount: 'gen_ai.embeddings.dimension.count',
  responseId: 'gen_ai.response.id',
  responseModel: 'gen_ai.response.model',
  responseFinishReasons: 'gen_ai.response.finish_reasons',
  usageInputTokens: 'gen_ai.usage.input_tokens',
  usageOutputTokens: 'gen_ai.usage.output_tokens',
  usageCacheReadInputTokens: 'gen_ai.usage.cache_read.input_tokens',
  usageReasoningOutputTokens: 'gen_ai.usage.reasoning.output_tokens',
  tokenType: 'gen_ai.token.type',
  tokenModality: 'gen_ai.token.modality',
  inputMessages: 'gen_ai.input.messages',
  outputMessages: 'gen_ai.output.messages',
  systemInstructions: 'gen_ai.system_instructions',
  errorType: 'error.type',
  serverAddress: 'server.address',
  serverPort: 'server.port',
} as const;

/** One version's names: what differs between v1.41 and the latest conventions. */
export interface SemconvNames {
  /** Where the names come from. */
  version: string;
  /** `gen_ai.usage.cache_creation.input_tokens` (v1.41) or `…cache_write…` (latest). */
  usageCacheWriteInputTokens: string;
  /** `gen_ai.request.stream` (latest only). */
  requestStream?: string;
  /** `gen_ai.response.time_to_first_chunk`, seconds (latest only). */
  responseTimeToFirstChunk?: string;
  metrics: {
    /** Inference (chat) duration histogram, seconds. */
    inferenceDuration: string;
    /** Embeddings duration histogram, seconds. */
    embeddingsDuration: string;
    /** Duration of other operations (image generation), seconds. */
    operationDuration: string;
    /** Time to the first chunk of a stream, seconds. */
    timeToFirstChunk: string;
    /**
     * v1.41: one `{token}` histogram split by `gen_ai.token.type` (`input` / `output`). Latest: the
     * per-operation histograms below plus the usage counters.
     */
    tokenUsage?: string;
    inputTokensHistogram?: string;
    outputTokensHistogram?: string;
    embeddingsInputTokensHistogram?: string;
    usageCounters?: {
      input: string;
      output: string;
      cacheRead: string;
      cacheWrite: string;
      reasoning: string;
    };
  };
}

/** semantic-conventions v1.41.0 (`docs/gen-ai/gen-ai-spans.md`, `gen-ai-metrics.md`). */
export const SEMCONV_V1_41: SemconvNames = {
  version: 'semantic-conventions v1.41.0',
  usageCacheWriteInputTokens: 'gen_ai.usage.cache_creation.input_tokens',
  metrics: {
    inferenceDuration: 'gen_ai.client.operation.duration',
    embeddingsDuration: 'gen_ai.client.operation.duration',
    operationDuration: 'gen_ai.client.operation.duration',
    timeToFirstChunk: 'gen_ai.client.operation.time_to_first_chunk',
    tokenUsage: 'gen_ai.client.token.usage',
  },
};

/**
 * semantic-conventions-genai, main (`docs/gen-ai/client-inference.md`, `client-embeddings.md`,
 * `gen-ai-token-metrics.md`): inference metrics under `gen_ai.client.inference.*`, embeddings
 * under `gen_ai.client.embeddings.*`, `gen_ai.client.token.usage` replaced by counters and
 * per-operation histograms, `cache_creation` renamed `cache_write`.
 */
export const SEMCONV_LATEST: SemconvNames = {
  version: 'semantic-conventions-genai (main, unreleased)',
  usageCacheWriteInputTokens: 'gen_ai.usage.cache_write.input_tokens',
  requestStream: 'gen_ai.request.stream',
  responseTimeToFirstChunk: 'gen_ai.response.time_to_first_chunk',
  metrics: {
    inferenceDuration: 'gen_ai.client.inference.duration',
    embeddingsDuration: 'gen_ai.client.embeddings.duration',
    operationDuration: 'gen_ai.client.operation.duration',
    timeToFirstChunk: 'gen_ai.client.inference.time_to_first_chunk',
    inputTokensHistogram: 'gen_ai.client.inference.operation.input_tokens',
    outputTokensHistogram: 'gen_ai.client.inference.operation.output_tokens',
    embeddingsInputTokensHistogram: 'gen_ai.client.embeddings.operation.input_tokens',
    usageCounters: {
      input: 'gen_ai.client.inference.usage.input_tokens',
      output: 'gen_ai.client.inference.usage.output_tokens',
      cacheRead: 'gen_ai.client.inference.usage.cache_read.input_tokens',
      cacheWrite: 'gen_ai.client.inference.usage.cache_write.input_tokens',
      reasoning: 'gen_ai.client.inference.usage.reasoning.output_tokens',
    },
  },
};

/** PAL's own attributes (on the call's span) and metrics, beside the conventions'. */
export const PAL_ATTR = {
  requestId: 'pal.request_id',
  costUsd: 'pal.cost.usd',
  unpriced: 'pal.cost.unpriced',
  attempts: 'pal.attempts',
  cached: 'pal.cached',
  retries: 'pal.retries',
  fallbacks: 'pal.fallbacks',
  estimatedUsage: 'pal.usage.estimated',
  routerStrategy: 'pal.router.strategy',
  routerReason: 'pal.router.reason',
  routerCandidates: 'pal.router.candidates',
  attempt: 'pal.attempt',
  attemptOutcome: 'pal.attempt.outcome',
} as const;

/** PAL's metrics (same names in both convention versions). */
export const PAL_METRICS = {
  costUsd: 'pal.client.cost',
  retries: 'pal.client.retries',
  fallbacks: 'pal.client.fallbacks',
  hedges: 'pal.client.hedges',
} as const;

/** Span event names PAL records on a call's span. */
export const PAL_EVENTS = {
  route: 'pal.route',
  retry: 'pal.retry',
  fallback: 'pal.fallback',
  hedge: 'pal.hedge',
  cache: 'pal.cache',
  budget: 'pal.budget',
  rateLimit: 'pal.rate_limit',
  circuit: 'pal.circuit',
  warning: 'pal.warning',
  firstToken: 'pal.first_token',
  targetError: 'pal.target_error',
} as const;

/** Which set of names a sink emits. */
export type SemconvVersion = 'v1.41' | 'latest';

/**
 * The version to emit: `option` when given, else `latest` when `OTEL_SEMCONV_STABILITY_OPT_IN`
 * (a comma-separated list) contains `gen_ai_latest_experimental`, else `v1.41`.
 */
export function semconvVersion(
  option?: SemconvVersion,
  env: string | undefined = process.env.OTEL_SEMCONV_STABILITY_OPT_IN,
): SemconvVersion {
  if (option) return option;
  const optIn = (env ?? '').split(',').map((value) => value.trim());
  return optIn.includes('gen_ai_latest_experimental') ? 'latest' : 'v1.41';
}

/** The names of `version`. */
export function semconvNames(version: SemconvVersion): SemconvNames {
  return version === 'latest' ? SEMCONV_LATEST : SEMCONV_V1_41;
}
