import type {
  CallContext,
  CatalogPrices,
  ChatRequest,
  ModelInfo,
  ProviderAdapter,
  ProviderCapabilities,
} from '@pal/core';
import {
  embedInBatches,
  estimateTextTokens,
  targetModelOf,
  warnerFor,
  withoutUnsupportedReasoning,
} from '@pal/core/provider';
import { fromGeminiResponse, fromGeminiStream } from './from-gemini-response.js';
import type { GeminiCallOptions, GeminiClient } from './gemini-client.js';
import { geminiErrorMapper } from './gemini-errors.js';
import { geminiOutputCap } from './thinking.js';
import { toGeminiRequest } from './to-gemini-request.js';
import type { GeminiModelEntry } from './wire-types.js';

/** The most texts one `batchEmbedContents` call may carry. */
export const GEMINI_EMBED_BATCH_LIMIT = 100;

/** What `createGeminiAdapter` needs. */
export interface GeminiAdapterSettings {
  id: string;
  client: GeminiClient;
  models: readonly ModelInfo[];
  /** Where the models' prices came from, for a live price refresh (see `ProviderAdapter.prices`). */
  prices?: CatalogPrices;
  defaultModel?: string;
  /** Where the client sends its requests (reported to telemetry as `server.address` / `server.port`). */
  baseURL?: string;
  /** `batchEmbedContents` calls in flight at once for one `embed` (default 4). */
  embeddingConcurrency?: number;
}

/** The provider's overall capabilities. */
export const GEMINI_CAPABILITIES: ProviderCapabilities = {
  streaming: true,
  tools: true,
  vision: true,
  json: true,
  embeddings: true,
  reasoning: true,
};

function callOptions(ctx: Partial<CallContext> | undefined): GeminiCallOptions {
  return { ...(ctx?.signal && { signal: ctx.signal }), ...(ctx?.headers && { headers: ctx.headers }) };
}

/** Gemini embeddings report no usage: estimate it with core's heuristic and say so. */
function estimatedEmbedUsage(texts: string[]) {
  const inputTokens = texts.reduce((sum, t) => sum + estimateTextTokens(t), 0);
  return { inputTokens, outputTokens: 0, totalTokens: inputTokens, estimated: true };
}

/** A ProviderAdapter over a `GeminiClient` (the SDK wrapper). */
export function createGeminiAdapter(settings: GeminiAdapterSettings): ProviderAdapter {
  const { client, id } = settings;
  const toPalError = geminiErrorMapper(id);
  const known = new Map(settings.models.map((m) => [m.id, m]));
  const translate = (request: ChatRequest, ctx: CallContext) => {
    const warn = warnerFor(ctx);
    const sent = withoutUnsupportedReasoning(request, ctx, warn);
    return toGeminiRequest(sent, id, warn, targetModelOf(ctx, request));
  };

  return {
    id,
    displayName: 'Google Gemini',
    models: settings.models,
    ...(settings.prices && { prices: settings.prices }),
    capabilities: GEMINI_CAPABILITIES,
    // Gemini takes images inline only: with images.fetchUrls the kernel downloads URLs first
    imageInput: 'bytes',
    ...(settings.defaultModel !== undefined && { defaultModel: settings.defaultModel }),
    ...(settings.baseURL !== undefined && { baseURL: settings.baseURL }),
    toPalError,

    // maxOutputTokens plus the thinking budget the translator sends (see geminiOutputCap); the
    // kernel asks before it knows the call's target, so the adapter's own catalog entry stands in
    maxOutputTokensFor: (request) => geminiOutputCap(request, known.get(request.model)),

    async chat(request, ctx) {
      const response = await client.generate(request.model, translate(request, ctx), callOptions(ctx));
      return { ...fromGeminiResponse(response, id, request.model), ...(ctx.includeRaw && { raw: response }) };
    },

    async *stream(request, ctx) {
      const body = translate(request, ctx);
      yield* fromGeminiStream(
        client.generateStream(request.model, body, callOptions(ctx)),
        id,
        request.model,
      );
    },

    async embed(request, ctx) {
      const inputs = typeof request.input === 'string' ? [request.input] : request.input;
      return embedInBatches({
        inputs,
        model: request.model,
        maxPerCall: GEMINI_EMBED_BATCH_LIMIT,
        concurrency: settings.embeddingConcurrency ?? 4,
        embedBatch: async (batch) => ({
          embeddings: await client.embed(request.model, batch, request.dimensions, callOptions(ctx)),
          usage: estimatedEmbedUsage(batch),
        }),
      });
    },

    async listModels(ctx) {
      const entries = await client.listModels(callOptions(ctx));
      return entries.map((entry) => toModelInfo(entry, known));
    },

    async validateCredentials(ctx) {
      // GET /v1beta/models: authenticated and free (no tokens billed)
      try {
        await client.listModels(callOptions(ctx));
      } catch (error) {
        throw toPalError(error);
      }
    },
  };
}

/** A listed model: the catalog entry when PAL knows it, else what the list says (unpriced). */
function toModelInfo(entry: GeminiModelEntry, known: Map<string, ModelInfo>): ModelInfo {
  const id = entry.name.replace(/^models\//, '');
  const catalogued = known.get(id);
  if (catalogued) return catalogued;
  const methods = entry.supportedGenerationMethods ?? [];
  const embedding = methods.includes('embedContent') && !methods.includes('generateContent');
  return {
    id,
    displayName: entry.displayName ?? id,
    kind: embedding ? 'embedding' : 'chat',
    contextWindow: entry.inputTokenLimit ?? 32_768,
    maxOutputTokens: embedding ? 0 : (entry.outputTokenLimit ?? 8192),
    capabilities: {
      streaming: !embedding,
      tools: !embedding,
      vision: !embedding,
      json: !embedding,
      embeddings: embedding,
      reasoning: entry.thinking === true,
    },
    // no catalog entry, so no price: the model is unpriced (refused under a USD budget unless
    // allowUnpriced), never priced at $0
  };
}
