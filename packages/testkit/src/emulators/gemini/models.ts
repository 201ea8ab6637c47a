import type { JsonReply, VendorRequestContext } from '../../emulator/types.js';
import { modelNotFoundError } from './errors.js';

/** A `Model` resource as `GET /v1beta/models` lists it. */
export interface GeminiModelResource {
  name: string;
  version: string;
  displayName: string;
  description: string;
  inputTokenLimit: number;
  outputTokenLimit: number;
  supportedGenerationMethods: string[];
  temperature?: number;
  topP?: number;
  topK?: number;
  maxTemperature?: number;
  thinking?: boolean;
}

const CHAT_METHODS = ['generateContent', 'countTokens', 'createCachedContent', 'batchGenerateContent'];

function chatModel(
  id: string,
  displayName: string,
  outputTokenLimit: number,
  thinking: boolean,
): GeminiModelResource {
  return {
    name: `models/${id}`,
    version: '001',
    displayName,
    description: `${displayName} (emulated)`,
    inputTokenLimit: 1_048_576,
    outputTokenLimit,
    supportedGenerationMethods: CHAT_METHODS,
    temperature: 1,
    topP: 0.95,
    topK: 64,
    maxTemperature: 2,
    ...(thinking && { thinking: true }),
  };
}

function embeddingModel(id: string, displayName: string): GeminiModelResource {
  return {
    name: `models/${id}`,
    version: '001',
    displayName,
    description: `${displayName} (emulated)`,
    inputTokenLimit: 2048,
    outputTokenLimit: 1,
    supportedGenerationMethods: ['embedContent', 'countTextTokens', 'countTokens'],
  };
}

/** The models the emulator lists (a realistic subset of the live list). */
export const GEMINI_EMULATED_MODELS: readonly GeminiModelResource[] = [
  chatModel('gemini-3.6-flash', 'Gemini 3.6 Flash', 65_536, true),
  chatModel('gemini-3.5-flash', 'Gemini 3.5 Flash', 65_536, true),
  chatModel('gemini-3.1-pro-preview', 'Gemini 3.1 Pro Preview', 65_536, true),
  chatModel('gemini-2.5-pro', 'Gemini 2.5 Pro', 65_536, true),
  chatModel('gemini-2.5-flash', 'Gemini 2.5 Flash', 65_536, true),
  // a model newer than any bundled catalog, as a live list shows one: PAL lists it unpriced
  chatModel('gemini-9-flash-preview', 'Gemini 9 Flash Preview', 65_536, true),
  embeddingModel('gemini-embedding-001', 'Gemini Embedding 001'),
];

const JSON_HEADERS = { 'content-type': 'application/json; charset=UTF-8' };

/** `GET /v1beta/models`, paginated with `pageSize` (default 50) and `pageToken`. */
export function listModels(ctx: VendorRequestContext): JsonReply {
  const pageSize = Math.max(1, Math.min(1000, Number(ctx.query.get('pageSize') ?? 50) || 50));
  const start = Number(ctx.query.get('pageToken') ?? 0) || 0;
  const models = GEMINI_EMULATED_MODELS.slice(start, start + pageSize);
  const next = start + pageSize < GEMINI_EMULATED_MODELS.length ? String(start + pageSize) : undefined;
  return {
    kind: 'json',
    status: 200,
    headers: { ...JSON_HEADERS },
    body: { models, ...(next && { nextPageToken: next }) },
  };
}

/** `GET /v1beta/models/{m}`: one model, or 404 NOT_FOUND. */
export function getModel(ctx: VendorRequestContext): JsonReply {
  const id = ctx.params.model!;
  const model = GEMINI_EMULATED_MODELS.find((m) => m.name === `models/${id}`);
  if (!model) return modelNotFoundError(id, 'get');
  return { kind: 'json', status: 200, headers: { ...JSON_HEADERS }, body: model };
}
