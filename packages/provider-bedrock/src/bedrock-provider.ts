import { ConverseCommand, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import {
  type CallContext,
  type ChatRequest,
  type ModelInfo,
  PalError,
  type ProviderAdapter,
  type ProviderCapabilities,
} from '@pal/core';
import {
  answerFromForcedJsonTool,
  catalogPricesFor,
  streamAnswerFromForcedJsonTool,
  warnerFor,
  withoutUnsupportedReasoning,
} from '@pal/core/provider';
import { createBedrockErrorMapper } from './bedrock-errors.js';
import { catalog } from './catalog.generated.js';
import { createBedrockClient, resolveRegion } from './client.js';
import { converseOutputLimits, jsonToolName, toConverseInput } from './converse-request.js';
import { fromConverseOutput } from './converse-response.js';
import { fromConverseStream } from './converse-stream.js';
import { embedWithBedrock } from './embeddings.js';
import { generateWithBedrock } from './images.js';
import type { BedrockProviderOptions } from './options.js';
import { withRequestHeaders } from './request-headers.js';
import { validateBedrockCredentials } from './validate-credentials.js';

/** What Bedrock as a whole offers through PAL (each catalog model may offer less). */
export const BEDROCK_CAPABILITIES: ProviderCapabilities = {
  streaming: true,
  tools: true,
  vision: true,
  json: true,
  embeddings: true,
  reasoning: true,
  imageGeneration: true,
};

/** The built-in catalog with the caller's `models` added (an entry with a known id replaces it). */
function mergeModels(extra: ModelInfo[] = []): ModelInfo[] {
  const ids = new Set(extra.map((m) => m.id));
  return [...catalog.models.filter((m) => !ids.has(m.id)), ...extra];
}

/**
 * Amazon Bedrock through `@aws-sdk/client-bedrock-runtime`: chat and streaming over the Converse
 * API (Anthropic, Meta, Amazon Nova, Mistral…), embeddings (Titan, Cohere) and image generation
 * (Nova Canvas, Titan Image) over InvokeModel. SDK retries are off; PAL's kernel retries.
 */
export function bedrock(options: BedrockProviderOptions = {}): ProviderAdapter {
  const id = options.id ?? 'bedrock';
  const client = createBedrockClient(options);
  const toPalError = createBedrockErrorMapper(id);
  const models = mergeModels(options.models);
  const prices = catalogPricesFor(catalog, models);
  const headersFor = (ctx?: Partial<CallContext>) => ({ ...options.headers, ...ctx?.headers });
  const invokeTarget = (ctx: CallContext) => ({ client, headers: headersFor(ctx), signal: ctx.signal });
  const converseInput = (request: ChatRequest, ctx: CallContext) => {
    const warn = warnerFor(ctx);
    return toConverseInput(withoutUnsupportedReasoning(request, ctx, warn), id, warn);
  };

  return {
    id,
    displayName: 'Amazon Bedrock',
    models,
    capabilities: BEDROCK_CAPABILITIES,
    // Converse takes images as bytes only: with images.fetchUrls the kernel downloads URLs first
    imageInput: 'bytes',
    ...(prices && { prices }),
    defaultModel: options.defaultModel ?? 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
    // where requests go, for telemetry (server.address / server.port); unknown for a client given as is
    ...(!options.client && {
      baseURL:
        options.endpoint ??
        options.baseURL ??
        `https://bedrock-runtime.${resolveRegion(options)}.amazonaws.com`,
    }),

    // maxTokens as the translator computes it: for Claude with reasoning it covers the thinking
    // budget (reasoning counted even where the catalog turns it off: an upper bound either way)
    maxOutputTokensFor: (request) => converseOutputLimits(request).maxTokens,

    async chat(request, ctx) {
      try {
        const command = withRequestHeaders(new ConverseCommand(converseInput(request, ctx)), headersFor(ctx));
        const output = await client.send(command, { abortSignal: ctx.signal });
        const result = answerFromForcedJsonTool(
          { id: output.$metadata.requestId ?? ctx.requestId, ...fromConverseOutput(output, request.model) },
          jsonToolName(request),
        );
        return ctx.includeRaw ? { ...result, raw: output } : result;
      } catch (error) {
        throw toPalError(error, { model: request.model });
      }
    },

    async *stream(request, ctx) {
      // aborted when the caller stops reading, so the upstream HTTP stream is closed too
      const upstream = new AbortController();
      const abort = () => upstream.abort(ctx.signal.reason);
      ctx.signal.addEventListener('abort', abort, { once: true });
      try {
        const command = withRequestHeaders(
          new ConverseStreamCommand(converseInput(request, ctx)),
          headersFor(ctx),
        );
        const output = await client.send(command, { abortSignal: upstream.signal });
        yield {
          type: 'start',
          provider: id,
          model: request.model,
          ...(output.$metadata.requestId && { id: output.$metadata.requestId }),
        };
        if (!output.stream)
          throw new PalError({ code: 'STREAM_ERROR', message: 'ConverseStream returned no event stream' });
        yield* streamAnswerFromForcedJsonTool(fromConverseStream(output.stream), jsonToolName(request));
      } catch (error) {
        throw toPalError(error, { model: request.model });
      } finally {
        ctx.signal.removeEventListener('abort', abort);
        upstream.abort();
      }
    },

    embed: (request, ctx) =>
      embedWithBedrock(request, invokeTarget(ctx), options.embeddingConcurrency ?? 8, id).catch(
        (error: unknown) => {
          throw toPalError(error, { model: request.model });
        },
      ),

    generateImage: (request, ctx) =>
      generateWithBedrock(request, invokeTarget(ctx), id).catch((error: unknown) => {
        throw toPalError(error, { model: request.model });
      }),

    /** Bedrock Runtime has no model listing: this returns the catalog (and `options.models`). */
    listModels: async () => models,

    validateCredentials: (ctx) =>
      validateBedrockCredentials({
        client,
        toPalError,
        headers: headersFor(ctx),
        ...(ctx?.signal && { signal: ctx.signal }),
      }),

    toPalError,
  };
}
