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
  mergeProviderOptions,
  readProviderOptions,
  reportRateLimitHeaders,
  warnerFor,
  withoutUnsupportedReasoning,
  z,
} from '@pal/core/provider';
import type { APIPromise } from 'openai';
import type OpenAI from 'openai';
import { fromChatChunks, fromChatCompletion } from './chat/from-chat-response.js';
import { type ChatDialect, toChatParams } from './chat/to-chat-params.js';
import { openaiErrorMapper } from './openai-errors.js';
import { PROTECTED_EMBED_KEYS, PROTECTED_IMAGE_KEYS } from './provider-options.js';
import { fromResponse, fromResponseEvents } from './responses/from-responses.js';
import { toResponsesParams } from './responses/to-responses-params.js';

/** Everything that differs between OpenAI, Azure OpenAI and OpenAI-compatible hosts. */
export interface OpenAIAdapterSettings {
  /** Provider id used in model refs and errors. */
  id: string;
  /** Human name of the provider. */
  displayName: string;
  /** The SDK client (`OpenAI` or `AzureOpenAI`) pointed at the host. */
  client: OpenAI;
  /** The static model catalog. */
  models: readonly ModelInfo[];
  /** Where the models' prices came from, for a live price refresh (see `ProviderAdapter.prices`). */
  prices?: CatalogPrices;
  /** The model used when a request names only the provider. */
  defaultModel?: string;
  /** Which OpenAI API serves chat: Chat Completions (every host) or Responses (OpenAI only). */
  api: 'chat' | 'responses';
  /** Chat Completions switches for the host. */
  dialect: ChatDialect;
  /** What the provider as a whole can do. */
  capabilities: ProviderCapabilities;
  /** Inputs per embeddings call (default 2048, OpenAI's limit). */
  maxEmbeddingsPerCall?: number;
  /** Embeddings calls in flight at once for one `embed` (default 4). */
  embeddingConcurrency?: number;
  /** True for hosts on the user's own machine. */
  local?: boolean;
  /** The model to suggest when one is unavailable (OpenAI's own names; not for deployments or other hosts). */
  alternativeModel?: (model: string) => string | undefined;
}

/** Embeddings and image options: any fields (their bodies are small and open), minus what PAL writes. */
const openBodySchema = z.record(z.string(), z.unknown());

/** What OpenAI and Azure OpenAI can do as providers (each model in the catalog may do less). */
export const OPENAI_CAPABILITIES: ProviderCapabilities = {
  streaming: true,
  tools: true,
  vision: true,
  json: true,
  embeddings: true,
  reasoning: true,
  imageGeneration: true,
};

/** Per-request SDK options: the kernel's signal and headers, SDK retries off. */
function requestOptions(ctx: CallContext) {
  return { signal: ctx.signal, headers: ctx.headers, maxRetries: 0 };
}

/** Awaits an SDK call and hands the vendor's `x-ratelimit-*` headers to the kernel's rate limiter. */
async function send<T>(call: APIPromise<T>, ctx: CallContext): Promise<T> {
  const { data, response } = await call.withResponse();
  reportRateLimitHeaders(ctx, response.headers);
  return data;
}

/** A catalog entry for a model the host lists but PAL's catalog does not know (no pricing). */
function unknownModel(id: string): ModelInfo {
  const embedding = /embed/.test(id);
  return {
    id,
    displayName: id,
    kind: embedding ? 'embedding' : 'chat',
    contextWindow: 8192,
    maxOutputTokens: 4096,
    capabilities: { streaming: true, tools: false, vision: false, json: false, embeddings: embedding },
    // no pricing: its calls are reported unpriced (never as $0)
  };
}

/** A ProviderAdapter over the official `openai` SDK client in `settings.client`. */
export function createOpenAIAdapter(settings: OpenAIAdapterSettings): ProviderAdapter {
  const { client, dialect, id } = settings;
  const toPalError = openaiErrorMapper(id, settings.alternativeModel);
  const responsesApi = settings.api === 'responses';
  const sent = (request: ChatRequest, ctx: CallContext) => {
    const warn = warnerFor(ctx);
    return { request: withoutUnsupportedReasoning(request, ctx, warn), warn };
  };
  const chatBody = (request: ChatRequest, ctx: CallContext) => {
    const { request: asSent, warn } = sent(request, ctx);
    return toChatParams(asSent, dialect, id, warn);
  };
  const responsesBody = (request: ChatRequest, ctx: CallContext) => {
    const { request: asSent, warn } = sent(request, ctx);
    return toResponsesParams(asSent, id, warn);
  };

  return {
    id,
    displayName: settings.displayName,
    models: settings.models,
    ...(settings.prices && { prices: settings.prices }),
    capabilities: settings.capabilities,
    ...(settings.defaultModel !== undefined && { defaultModel: settings.defaultModel }),
    ...(settings.local && { local: true }),
    // where requests go, for telemetry (server.address / server.port)
    ...(typeof client.baseURL === 'string' && { baseURL: client.baseURL }),
    toPalError,

    // max_completion_tokens (Chat Completions) and max_output_tokens (Responses) already include
    // the reasoning tokens of o-series and GPT-5 models, as compatible hosts' max_tokens does: the
    // request's own cap is the most the vendor bills, so PAL adds no budget on top
    maxOutputTokensFor: (request) => request.maxOutputTokens,

    async chat(request, ctx) {
      const raw = (data: unknown) => (ctx.includeRaw ? { raw: data } : {});
      if (responsesApi) {
        const body = { ...responsesBody(request, ctx), stream: false as const };
        const data = await send(client.responses.create(body, requestOptions(ctx)), ctx);
        return { ...fromResponse(data), ...raw(data) };
      }
      const body = { ...chatBody(request, ctx), stream: false as const };
      const data = await send(client.chat.completions.create(body, requestOptions(ctx)), ctx);
      return { ...fromChatCompletion(data), ...raw(data) };
    },

    async *stream(request, ctx) {
      if (responsesApi) {
        const body = { ...responsesBody(request, ctx), stream: true as const };
        yield* fromResponseEvents(await send(client.responses.create(body, requestOptions(ctx)), ctx), id);
        return;
      }
      const usage = dialect.streamUsage && { stream_options: { include_usage: true } };
      const body = { ...chatBody(request, ctx), stream: true as const, ...usage };
      yield* fromChatChunks(await send(client.chat.completions.create(body, requestOptions(ctx)), ctx), id);
    },

    async embed(request, ctx) {
      const options = readProviderOptions(request, id, openBodySchema);
      return embedInBatches({
        inputs: typeof request.input === 'string' ? [request.input] : request.input,
        model: request.model,
        maxPerCall: settings.maxEmbeddingsPerCall ?? 2048,
        concurrency: settings.embeddingConcurrency ?? 4,
        embedBatch: async (batch) => {
          const translated = { model: request.model, input: batch, dimensions: request.dimensions };
          const body = mergeProviderOptions(translated, options, PROTECTED_EMBED_KEYS, [
            'providerOptions',
            id,
          ]);
          const data = await send(client.embeddings.create(body, requestOptions(ctx)), ctx);
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
      const translated = {
        model: request.model,
        prompt: request.prompt,
        n: request.n,
        size: request.size as '1024x1024' | undefined,
        // dall-e answers with short-lived URLs unless asked for base64; gpt-image-1 always sends base64
        ...(request.model.startsWith('dall-e') && { response_format: 'b64_json' as const }),
      };
      const options = readProviderOptions(request, id, openBodySchema);
      const body = mergeProviderOptions(translated, options, PROTECTED_IMAGE_KEYS, ['providerOptions', id]);
      const data = await send(client.images.generate(body, requestOptions(ctx)), ctx);
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
      try {
        for await (const model of client.models.list({ signal: ctx?.signal, maxRetries: 0 })) {
          live.push(known.get(model.id) ?? unknownModel(model.id));
        }
      } catch (error) {
        throw toPalError(error);
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
}
