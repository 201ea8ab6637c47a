import {
  type CallContext,
  type ChatRequest,
  type ModelInfo,
  type ProviderAdapter,
  type ProviderCapabilities,
  embedInBatches,
  parseRateLimitHeaders,
} from '@pal/core';
import type OpenAI from 'openai';
import { type ChatDialect, toChatParams } from './chat/to-chat-params.js';
import { fromChatChunks, fromChatCompletion } from './chat/from-chat-response.js';
import { openaiErrorMapper } from './openai-errors.js';
import { fromResponse, fromResponseEvents } from './responses/from-responses.js';
import { toResponsesParams } from './responses/to-responses-params.js';

/** Everything that differs between OpenAI, Azure OpenAI and OpenAI-compatible hosts. */
export interface OpenAIAdapterSettings {
  id: string;
  displayName: string;
  client: OpenAI;
  models: readonly ModelInfo[];
  defaultModel?: string;
  /** Which OpenAI API serves chat: Chat Completions (every host) or Responses (OpenAI only). */
  api: 'chat' | 'responses';
  dialect: ChatDialect;
  capabilities: ProviderCapabilities;
  /** Inputs per embeddings call (default 2048, OpenAI's limit). */
  maxEmbeddingsPerCall?: number;
  /** Embeddings calls in flight at once for one `embed` (default 4). */
  embeddingConcurrency?: number;
  /** True for hosts on the user's own machine. */
  local?: boolean;
}

/** Per-request SDK options: the kernel's signal and headers, SDK retries off. */
function requestOptions(ctx: CallContext) {
  return { signal: ctx.signal, headers: ctx.headers, maxRetries: 0 };
}

/** Hands the vendor's `x-ratelimit-*` headers to the kernel's rate limiter. */
function report(ctx: CallContext, response: Response): void {
  const info = parseRateLimitHeaders(response.headers);
  if (info) ctx.reportRateLimit?.(info);
}

/** A ProviderAdapter over the official `openai` SDK client in `settings.client`. */
export function createOpenAIAdapter(settings: OpenAIAdapterSettings): ProviderAdapter {
  const { client, dialect, id } = settings;
  const toPalError = openaiErrorMapper(id);

  const adapter: ProviderAdapter = {
    id,
    displayName: settings.displayName,
    models: settings.models,
    capabilities: settings.capabilities,
    ...(settings.defaultModel !== undefined && { defaultModel: settings.defaultModel }),
    ...(settings.local && { local: true }),
    toPalError,

    async chat(request: ChatRequest, ctx: CallContext) {
      const extra = request.providerOptions?.[id] ?? {};
      if (settings.api === 'responses') {
        const { data, response } = await client.responses
          .create({ ...toResponsesParams(request), ...extra, stream: false }, requestOptions(ctx))
          .withResponse();
        report(ctx, response);
        return { ...fromResponse(data), ...(ctx.includeRaw && { raw: data }) };
      }
      const { data, response } = await client.chat.completions
        .create({ ...toChatParams(request, dialect), ...extra, stream: false }, requestOptions(ctx))
        .withResponse();
      report(ctx, response);
      return { ...fromChatCompletion(data), ...(ctx.includeRaw && { raw: data }) };
    },

    async *stream(request: ChatRequest, ctx: CallContext) {
      const extra = request.providerOptions?.[id] ?? {};
      if (settings.api === 'responses') {
        const { data, response } = await client.responses
          .create({ ...toResponsesParams(request), ...extra, stream: true }, requestOptions(ctx))
          .withResponse();
        report(ctx, response);
        yield* fromResponseEvents(data, id);
        return;
      }
      const { data, response } = await client.chat.completions
        .create(
          {
            ...toChatParams(request, dialect),
            ...extra,
            stream: true,
            ...(dialect.streamUsage && { stream_options: { include_usage: true } }),
          },
          requestOptions(ctx),
        )
        .withResponse();
      report(ctx, response);
      yield* fromChatChunks(data, id);
    },

    async embed(request, ctx) {
      const inputs = typeof request.input === 'string' ? [request.input] : request.input;
      return embedInBatches({
        inputs,
        model: request.model,
        maxPerCall: settings.maxEmbeddingsPerCall ?? 2048,
        concurrency: settings.embeddingConcurrency ?? 4,
        embedBatch: async (batch) => {
          const { data, response } = await client.embeddings
            .create(
              {
                model: request.model,
                input: batch,
                ...(request.dimensions !== undefined && { dimensions: request.dimensions }),
                ...request.providerOptions?.[id],
              },
              requestOptions(ctx),
            )
            .withResponse();
          report(ctx, response);
          return {
            model: data.model,
            embeddings: [...data.data].sort((a, b) => a.index - b.index).map((d) => d.embedding),
            usage: {
              inputTokens: data.usage.prompt_tokens,
              outputTokens: 0,
              totalTokens: data.usage.total_tokens,
            },
          };
        },
      });
    },

    async generateImage(request, ctx) {
      const dalle = request.model.startsWith('dall-e');
      const { data, response } = await client.images
        .generate(
          {
            model: request.model,
            prompt: request.prompt,
            n: request.n,
            ...(request.size !== undefined && { size: request.size as '1024x1024' }),
            ...(dalle && { response_format: 'b64_json' as const }),
            ...request.providerOptions?.[id],
          },
          requestOptions(ctx),
        )
        .withResponse();
      report(ctx, response);
      return {
        model: request.model,
        images: (data.data ?? []).map((image) => ({
          mediaType: `image/${data.output_format ?? 'png'}`,
          ...(image.b64_json !== undefined && { data: image.b64_json }),
          ...(image.url !== undefined && { url: image.url }),
          ...(image.revised_prompt !== undefined && { revisedPrompt: image.revised_prompt }),
        })),
      };
    },

    async listModels(ctx) {
      const known = new Map(settings.models.map((m) => [m.id, m]));
      const live: ModelInfo[] = [];
      for await (const model of client.models.list({ signal: ctx?.signal, maxRetries: 0 })) {
        live.push(known.get(model.id) ?? unknownModel(model.id));
      }
      return live;
    },

    async validateCredentials(ctx) {
      // GET /models: authenticated, free, no tokens billed.
      try {
        await client.models.list({ signal: ctx?.signal, maxRetries: 0 });
      } catch (error) {
        throw toPalError(error);
      }
    },
  };
  return adapter;
}

/** A catalog entry for a model the host lists but PAL's catalog does not know (no pricing). */
function unknownModel(id: string): ModelInfo {
  return {
    id,
    displayName: id,
    kind: /embed/.test(id) ? 'embedding' : 'chat',
    contextWindow: 8192,
    maxOutputTokens: 4096,
    capabilities: { streaming: true, tools: false, vision: false, json: false, embeddings: /embed/.test(id) },
    pricing: { inputPerMTok: 0, outputPerMTok: 0 },
  };
}
