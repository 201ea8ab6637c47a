import Anthropic from '@anthropic-ai/sdk';
import type { CallContext, ChatRequest, ModelInfo, ProviderAdapter } from '@pal/core';
import {
  catalogPricesFor,
  answerFromForcedJsonTool,
  modelCatalogSchema,
  reportRateLimitHeaders,
  requireSetting,
  streamAnswerFromForcedJsonTool,
  warnerFor,
  withoutUnsupportedReasoning,
  optionalSetting,
} from '@pal/core/provider';
import { createPooledFetch } from '@pal/core/http';
import type { AnthropicOptions } from './anthropic-options.js';
import { anthropicErrorMapper } from './anthropic-errors.js';
import { catalog } from './catalog.generated.js';
import { claudeOutputLimits, toAnthropicRequest } from './request-translation.js';
import { fromAnthropicMessage } from './response-translation.js';
import { fromAnthropicStream } from './stream-translation.js';

/** Anthropic's built-in model catalog, validated. */
export const anthropicCatalog = modelCatalogSchema.parse(catalog);

/** The SDK's own timeout, far beyond any kernel timeout (the kernel aborts calls through `ctx.signal`). */
const SDK_TIMEOUT_MS = 24 * 60 * 60 * 1000;
const FALLBACK_MAX_TOKENS = 4096;

/** The catalog entry for `model`: an exact id, or the alias a dated id belongs to (`claude-haiku-4-5-20251001`). */
function findModel(models: readonly ModelInfo[], model: string): ModelInfo | undefined {
  return models.find((m) => m.id === model) ?? models.find((m) => model.startsWith(`${m.id}-`));
}

/** A live `GET /v1/models` entry as a `ModelInfo`, with catalog data when PAL knows the model. */
function toModelInfo(models: readonly ModelInfo[], entry: Anthropic.ModelInfo): ModelInfo {
  const known = findModel(models, entry.id);
  if (known) return { ...known, id: entry.id, displayName: entry.display_name };
  return {
    id: entry.id,
    displayName: entry.display_name,
    kind: 'chat',
    contextWindow: 200_000,
    maxOutputTokens: FALLBACK_MAX_TOKENS,
    capabilities: { streaming: true, tools: true, vision: true, json: true, embeddings: false },
    // no pricing: no price source knows it, so its calls are reported unpriced (never as $0)
  };
}

/**
 * The Anthropic provider over the official `@anthropic-ai/sdk` (Messages API): chat and
 * streaming with usage (prompt-cache reads and writes included), tools, images, thinking,
 * JSON output through a forced tool, live model list and a free credentials check.
 * @example
 * const runtime = createRuntime({ providers: [anthropic()] }); // reads ANTHROPIC_API_KEY
 */
export function anthropic(options: AnthropicOptions = {}): ProviderAdapter {
  const id = options.id ?? 'anthropic';
  const models = options.models ?? anthropicCatalog.models;
  const prices = catalogPricesFor(anthropicCatalog, models);
  const baseURL = optionalSetting({ provider: id, value: options.baseURL, env: [], option: 'baseURL' });
  const client =
    options.client ??
    new Anthropic({
      apiKey: requireSetting({ provider: id, value: options.apiKey, env: ['ANTHROPIC_API_KEY'] }),
      ...(baseURL !== undefined && { baseURL }),
      defaultHeaders: options.headers,
      maxRetries: 0,
      timeout: SDK_TIMEOUT_MS,
      fetch: createPooledFetch({ maxConnections: options.maxConnections ?? 64 }),
    });
  const toPalError = anthropicErrorMapper(id);
  const requestOptions = (ctx?: Partial<CallContext>): Anthropic.RequestOptions => ({
    signal: ctx?.signal ?? null,
    headers: ctx?.headers,
    maxRetries: 0,
    timeout: SDK_TIMEOUT_MS,
  });
  const defaultMaxTokens = (model: string) =>
    options.defaultMaxOutputTokens ?? (findModel(models, model)?.maxOutputTokens || FALLBACK_MAX_TOKENS);
  const translate = (request: ChatRequest, ctx: CallContext) => {
    const warn = warnerFor(ctx);
    const sent = withoutUnsupportedReasoning(request, ctx, warn);
    return toAnthropicRequest(sent, defaultMaxTokens(request.model), id, warn);
  };

  return {
    id,
    displayName: 'Anthropic',
    models,
    ...(prices && { prices }),
    defaultModel: options.defaultModel ?? 'claude-haiku-4-5',
    // where requests go, for telemetry (server.address / server.port)
    ...(typeof client.baseURL === 'string' && { baseURL: client.baseURL }),
    capabilities: {
      streaming: true,
      tools: true,
      vision: true,
      json: true,
      embeddings: false,
      reasoning: true,
    },
    toPalError,

    // max_tokens, thinking included, as the translator computes it (reasoning counted even where
    // the target's catalog entry turns it off: an upper bound either way)
    maxOutputTokensFor: (request) => claudeOutputLimits(request, defaultMaxTokens(request.model)).maxTokens,

    async chat(request, ctx) {
      try {
        const { params, jsonTool } = translate(request, ctx);
        const { data, response } = await client.messages.create(params, requestOptions(ctx)).withResponse();
        reportRateLimitHeaders(ctx, response.headers);
        const result = answerFromForcedJsonTool(fromAnthropicMessage(data), jsonTool);
        return ctx.includeRaw ? { ...result, raw: data } : result;
      } catch (error) {
        throw toPalError(error, { model: request.model });
      }
    },

    async *stream(request, ctx) {
      try {
        const { params, jsonTool } = translate(request, ctx);
        const { data, response } = await client.messages
          .create({ ...params, stream: true }, requestOptions(ctx))
          .withResponse();
        reportRateLimitHeaders(ctx, response.headers);
        yield* streamAnswerFromForcedJsonTool(fromAnthropicStream(data, id), jsonTool);
      } catch (error) {
        throw toPalError(error, { model: request.model });
      }
    },

    async listModels(ctx) {
      try {
        const out: ModelInfo[] = [];
        for await (const entry of client.models.list({ limit: 100 }, requestOptions(ctx))) {
          out.push(toModelInfo(models, entry));
        }
        return out;
      } catch (error) {
        throw toPalError(error);
      }
    },

    async validateCredentials(ctx) {
      try {
        await client.models.list({ limit: 1 }, requestOptions(ctx));
      } catch (error) {
        throw toPalError(error);
      }
    },
  };
}

/** Same as {@link anthropic}: the factory name every PAL provider package exports. */
export const createProvider = anthropic;
