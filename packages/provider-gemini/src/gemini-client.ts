import {
  type EmbedContentRequest,
  type GenerateContentRequest,
  GoogleGenerativeAI,
  GoogleGenerativeAIFetchError,
  type SingleRequestOptions,
} from '@google/generative-ai';
import type { GeminiModelEntry, GeminiRequest, GeminiResponse } from './wire-types.js';

/**
 * The only module that calls `@google/generative-ai` (archived upstream). Everything else speaks
 * the REST JSON shapes in `wire-types.ts`, so moving to `@google/genai` means rewriting this file
 * (and the SDK error classes read in `gemini-errors.ts`).
 */

/** How to reach the Gemini API. */
export interface GeminiClientOptions {
  apiKey: string;
  /** Default `https://generativelanguage.googleapis.com`. */
  baseURL?: string;
  /** Default `v1beta`. */
  apiVersion?: string;
  headers?: Record<string, string>;
}

/** Per-call options: the kernel's signal and extra headers. */
export interface GeminiCallOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/** The Gemini calls PAL makes. */
export interface GeminiClient {
  generate(model: string, request: GeminiRequest, call: GeminiCallOptions): Promise<GeminiResponse>;
  /** Streams chunks; breaking out of the iteration aborts the HTTP request. */
  generateStream(
    model: string,
    request: GeminiRequest,
    call: GeminiCallOptions,
  ): AsyncIterable<GeminiResponse>;
  /** `embedContent` for one text, `batchEmbedContents` for several (at most 100 per call). */
  embed(
    model: string,
    texts: string[],
    dimensions: number | undefined,
    call: GeminiCallOptions,
  ): Promise<number[][]>;
  /** Every model `GET /{version}/models` lists (all pages). */
  listModels(call: GeminiCallOptions): Promise<GeminiModelEntry[]>;
}

/** Where the Gemini API is, unless `baseURL` says otherwise. */
export const GEMINI_BASE_URL = 'https://generativelanguage.googleapis.com';

/** Builds the client over `@google/generative-ai` (no SDK retries exist to switch off). */
export function createGeminiClient(options: GeminiClientOptions): GeminiClient {
  const sdk = new GoogleGenerativeAI(options.apiKey);
  const baseUrl = (options.baseURL ?? GEMINI_BASE_URL).replace(/\/+$/, '');
  const apiVersion = options.apiVersion ?? 'v1beta';
  const requestOptions = (call: GeminiCallOptions): SingleRequestOptions => {
    // the SDK only listens for a future 'abort' event: a signal aborted already would be ignored
    call.signal?.throwIfAborted();
    return {
      baseUrl,
      apiVersion,
      customHeaders: { ...options.headers, ...call.headers },
      ...(call.signal && { signal: call.signal }),
    };
  };
  const model = (id: string) => sdk.getGenerativeModel({ model: id }, { baseUrl, apiVersion });

  return {
    async generate(id, request, call) {
      const { response } = await model(id).generateContent(
        request as GenerateContentRequest,
        requestOptions(call),
      );
      return response as GeminiResponse;
    },

    async *generateStream(id, request, call) {
      const options = requestOptions(call);
      const local = new AbortController();
      const abort = () => local.abort();
      call.signal?.addEventListener('abort', abort, { once: true });
      try {
        const result = await model(id).generateContentStream(request as GenerateContentRequest, {
          ...options,
          signal: local.signal,
        });
        // the SDK's aggregated `response` rejects too when the stream fails; the stream reports it
        result.response.catch(() => undefined);
        for await (const chunk of result.stream) yield chunk as GeminiResponse;
      } finally {
        call.signal?.removeEventListener('abort', abort);
        local.abort();
      }
    },

    async embed(id, texts, dimensions, call) {
      const m = model(id);
      const request = (text: string) =>
        ({
          content: { role: 'user', parts: [{ text }] },
          ...(dimensions !== undefined && { outputDimensionality: dimensions }),
        }) as EmbedContentRequest;
      if (texts.length === 1) {
        const { embedding } = await m.embedContent(request(texts[0]!), requestOptions(call));
        return [embedding.values];
      }
      const { embeddings } = await m.batchEmbedContents(
        { requests: texts.map(request) },
        requestOptions(call),
      );
      return embeddings.map((e) => e.values);
    },

    async listModels(call) {
      const models: GeminiModelEntry[] = [];
      let pageToken: string | undefined;
      do {
        const url = `${baseUrl}/${apiVersion}/models?pageSize=1000${pageToken ? `&pageToken=${encodeURIComponent(pageToken)}` : ''}`;
        const response = await fetch(url, {
          headers: { ...options.headers, ...call.headers, 'x-goog-api-key': options.apiKey },
          ...(call.signal && { signal: call.signal }),
        });
        if (!response.ok) throw await fetchErrorOf(response, url);
        const page = (await response.json()) as { models?: GeminiModelEntry[]; nextPageToken?: string };
        models.push(...(page.models ?? []));
        pageToken = page.nextPageToken;
      } while (pageToken);
      return models;
    },
  };
}

/** The SDK's own error for a failed REST call, so one error mapper serves SDK and fetch calls alike. */
async function fetchErrorOf(response: Response, url: string): Promise<GoogleGenerativeAIFetchError> {
  const body = (await response.json().catch(() => undefined)) as
    | { error?: { message?: string; details?: Array<Record<string, unknown>> } }
    | undefined;
  const details = body?.error?.details;
  const message = `${body?.error?.message ?? ''}${details ? ` ${JSON.stringify(details)}` : ''}`;
  return new GoogleGenerativeAIFetchError(
    `Error fetching from ${url}: [${response.status} ${response.statusText}] ${message}`,
    response.status,
    response.statusText,
    details,
  );
}
