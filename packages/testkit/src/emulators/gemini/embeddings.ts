import { countTokens, embeddingFor } from '../../emulator/defaults.js';
import type { JsonReply, VendorRequestContext } from '../../emulator/types.js';
import { googleError } from './errors.js';
import type { GeminiContent, GeminiGenerateRequest } from './read-request.js';

/** The most requests one `batchEmbedContents` call may hold. */
export const GEMINI_EMBED_BATCH_LIMIT = 100;

/** One `EmbedContentRequest`. */
interface EmbedContentRequest {
  model?: string;
  content?: GeminiContent;
  taskType?: string;
  title?: string;
  outputDimensionality?: number;
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=UTF-8' };

/** Default vector size of each embedding model (text-embedding-004: 768, gemini-embedding-001: 3072). */
export function defaultEmbeddingDimensions(model: string): number {
  return /gemini-embedding/.test(model) ? 3072 : 768;
}

function contentText(content: GeminiContent | undefined): string {
  return (content?.parts ?? []).map((p) => p.text ?? '').join('');
}

function embed(request: EmbedContentRequest, model: string): { values: number[] } | string {
  if (!request.content?.parts?.length) return '* EmbedContentRequest.content: contents is not specified\n';
  const dims = request.outputDimensionality ?? defaultEmbeddingDimensions(model);
  return { values: embeddingFor(contentText(request.content), dims) };
}

/** `POST /v1beta/models/{m}:embedContent` → `{ embedding: { values } }` */
export function embedContent(ctx: VendorRequestContext): JsonReply {
  const model = ctx.params.model!;
  const result = embed(ctx.body ?? {}, model);
  if (typeof result === 'string') return googleError(400, 'INVALID_ARGUMENT', result);
  return { kind: 'json', status: 200, headers: { ...JSON_HEADERS }, body: { embedding: result } };
}

/**
 * `POST /v1beta/models/{m}:batchEmbedContents` → `{ embeddings: [{ values }] }`. More than 100
 * requests, or a request naming another model, is a 400 INVALID_ARGUMENT, as on the real API.
 */
export function batchEmbedContents(ctx: VendorRequestContext): JsonReply {
  const model = ctx.params.model!;
  const requests: EmbedContentRequest[] = Array.isArray(ctx.body?.requests) ? ctx.body.requests : [];
  if (requests.length === 0) {
    return googleError(
      400,
      'INVALID_ARGUMENT',
      '* BatchEmbedContentsRequest.requests: requests is not specified\n',
    );
  }
  if (requests.length > GEMINI_EMBED_BATCH_LIMIT) {
    return googleError(
      400,
      'INVALID_ARGUMENT',
      `* BatchEmbedContentsRequest.requests: at most ${GEMINI_EMBED_BATCH_LIMIT} requests can be in one batch\n`,
    );
  }
  const embeddings: Array<{ values: number[] }> = [];
  for (const [i, request] of requests.entries()) {
    if (request.model !== undefined && request.model !== `models/${model}`) {
      return googleError(
        400,
        'INVALID_ARGUMENT',
        `* BatchEmbedContentsRequest.requests[${i}].model: The model in the request (${request.model}) does not match the model in the batch (models/${model}).\n`,
      );
    }
    const result = embed(request, model);
    if (typeof result === 'string') return googleError(400, 'INVALID_ARGUMENT', result);
    embeddings.push(result);
  }
  return { kind: 'json', status: 200, headers: { ...JSON_HEADERS }, body: { embeddings } };
}

/**
 * `POST /v1beta/models/{m}:countTokens`, with either `{ generateContentRequest }` (what
 * `@google/generative-ai` sends) or `{ contents }` (what `@google/genai` sends).
 */
export function countTokensReply(ctx: VendorRequestContext): JsonReply {
  const inner: GeminiGenerateRequest = ctx.body?.generateContentRequest ?? ctx.body ?? {};
  const system = inner.systemInstruction;
  const texts = [
    typeof system === 'string' ? system : contentText(system),
    ...(inner.contents ?? []).map(contentText),
  ];
  const totalTokens = texts.reduce((sum, t) => sum + countTokens(t), 0);
  return {
    kind: 'json',
    status: 200,
    headers: { ...JSON_HEADERS },
    body: { totalTokens, promptTokensDetails: [{ modality: 'TEXT', tokenCount: totalTokens }] },
  };
}
