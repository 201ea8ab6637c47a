import type { CallContext, ChatRequest, ModelInfo, ProviderAdapter, Secret } from '@pal/core';
import {
  makeUsage,
  mergeProviderOptions,
  readProviderOptions,
  warnerFor,
  withoutUnsupportedReasoning,
  optionalSetting,
} from '@pal/core/provider';
import { createHttpClient, parseNDJSON } from '@pal/core/http';
import { OLLAMA_MODELS } from './catalog.js';
import { type OllamaChatChunk, toContentParts, toFinishReason, toUsage } from './from-ollama-response.js';
import { createOllamaErrorMapper } from './ollama-errors.js';
import { ollamaBaseURL } from './ollama-host.js';
import { type OllamaTag, toModelInfo } from './ollama-models.js';
import { toStreamEvents } from './ollama-stream-events.js';
import { embedProviderOptionsSchema, PROTECTED_EMBED_KEYS } from './provider-options.js';
import { toOllamaChatBody } from './to-ollama-request.js';

/** Options of {@link ollama}. */
export interface OllamaProviderOptions {
  /** Server URL; default `OLLAMA_HOST` (scheme and port optional), else `http://127.0.0.1:11434`. */
  baseURL?: string;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /** Sent as `Authorization: Bearer …`, for ollama.com or a proxy that checks keys; a local Ollama needs none. */
  apiKey?: string | Secret;
  /** Replaces the built-in catalog of local models. */
  models?: ModelInfo[];
  /** Provider id used in model refs (default `"ollama"`), to register several servers. */
  id?: string;
  /** Most connections open to the server at once (default 32); further requests queue. */
  maxConnections?: number;
}

interface OllamaEmbedResponse {
  model?: string;
  embeddings: number[][];
  prompt_eval_count?: number;
}

/**
 * The Ollama provider: chat, NDJSON streaming, tools, JSON-schema output, base64 images and
 * embeddings over Ollama's HTTP API. Local and free: every model is priced at zero.
 */
export function ollama(options: OllamaProviderOptions = {}): ProviderAdapter {
  const id = options.id ?? 'ollama';
  const models = options.models ?? OLLAMA_MODELS;
  const apiKey = optionalSetting({ provider: id, value: options.apiKey, env: [] });
  const baseURL =
    optionalSetting({ provider: id, value: options.baseURL, env: [], option: 'baseURL' }) ?? ollamaBaseURL();
  const http = createHttpClient({
    provider: id,
    baseUrl: baseURL,
    ...(options.headers && { headers: options.headers }),
    ...(apiKey && { auth: { bearer: apiKey } }),
    ...(options.maxConnections !== undefined && { maxConnections: options.maxConnections }),
  });
  const toPalError = createOllamaErrorMapper(id);
  const mapped = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw toPalError(error);
    }
  };
  const post = <T>(path: string, json: unknown, ctx: CallContext, model: string) =>
    mapped(async () => (await http.request<T>(path, { json, ctx, model })).data);
  const chatBody = (request: ChatRequest, stream: boolean, ctx: CallContext) => {
    const warn = warnerFor(ctx);
    return toOllamaChatBody(withoutUnsupportedReasoning(request, ctx, warn), stream, id, warn);
  };
  const listTags = (ctx?: Partial<CallContext>) =>
    mapped(
      async () => (await http.request<{ models?: OllamaTag[] }>('/api/tags', { ...(ctx && { ctx }) })).data,
    );

  return {
    id,
    displayName: 'Ollama',
    models,
    capabilities: {
      streaming: true,
      tools: true,
      vision: true,
      json: true,
      embeddings: true,
      reasoning: true,
    },
    defaultModel: 'llama3.2',
    local: true,
    // Ollama takes images as base64 only: with images.fetchUrls the kernel downloads URLs first
    imageInput: 'bytes',
    baseURL,
    // num_predict counts every generated token, thinking included: the request's cap is the whole cap
    maxOutputTokensFor: (request) => request.maxOutputTokens,
    async chat(request, ctx) {
      const body = chatBody(request, false, ctx);
      const answer = await post<OllamaChatChunk>('/api/chat', body, ctx, request.model);
      const content = toContentParts(answer);
      return {
        id: `ollama-${ctx.requestId}`,
        model: answer.model ?? request.model,
        content,
        finishReason: toFinishReason(answer.done_reason, answer.message?.tool_calls?.length),
        usage: toUsage(answer),
        ...(ctx.includeRaw && { raw: answer }),
      };
    },
    async *stream(request, ctx) {
      const { model } = request;
      try {
        const body = chatBody(request, true, ctx);
        const response = await http.stream('/api/chat', { json: body, ctx, model });
        yield* toStreamEvents(parseNDJSON(response.body, { provider: id, model }), { provider: id, model });
      } catch (error) {
        throw toPalError(error, { model });
      }
    },
    async embed(request, ctx) {
      const translated = {
        model: request.model,
        input: request.input,
        ...(request.dimensions && { dimensions: request.dimensions }),
      };
      const options = readProviderOptions(request, id, embedProviderOptionsSchema);
      const body = mergeProviderOptions(translated, options, PROTECTED_EMBED_KEYS, ['providerOptions', id]);
      const answer = await post<OllamaEmbedResponse>('/api/embed', body, ctx, request.model);
      const tokens = answer.prompt_eval_count;
      return {
        model: answer.model ?? request.model,
        embeddings: answer.embeddings,
        ...(tokens !== undefined && { usage: makeUsage({ inputTokens: tokens, outputTokens: 0 }) }),
      };
    },
    async listModels(ctx) {
      const tags = await listTags(ctx);
      return (tags.models ?? []).map((tag) => toModelInfo(tag, models));
    },
    async validateCredentials(ctx) {
      await listTags(ctx);
    },
    toPalError,
  };
}

/** Config-driven loading: every provider package exports `createProvider(options)`. */
export const createProvider = ollama;
