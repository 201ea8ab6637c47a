import type {
  JsonReply,
  VendorEmulator,
  VendorReply,
  VendorRequestContext,
  VendorRoute,
} from '../emulator/types.js';
import { batchEmbedContents, countTokensReply, embedContent } from './gemini/embeddings.js';
import {
  geminiErrorReply,
  geminiStreamErrorFrame,
  invalidKeyError,
  missingKeyError,
  modelNotFoundError,
} from './gemini/errors.js';
import { generateContent, streamGenerateContent } from './gemini/generate.js';
import { getModel, listModels } from './gemini/models.js';
import { replayGemini } from './gemini/replay.js';

/** Model ids the emulated API serves: Gemini/Gemma families and the embedding models. */
export function isKnownGeminiModel(model: string): boolean {
  return /^(gemini-|gemma-|learnlm-|text-embedding-|embedding-)/.test(model);
}

/** A route for `POST /{version}/models/{model}:{task}` (the colon sits inside the last segment). */
function modelTask(task: string, handle: (ctx: VendorRequestContext) => VendorReply): VendorRoute {
  return {
    method: 'POST',
    pattern: new RegExp(`^/(?<version>v1beta|v1|v1alpha)/models/(?<model>[^/:]+):(?<task>${task})$`),
    handle: (ctx) =>
      isKnownGeminiModel(ctx.params.model!) ? handle(ctx) : modelNotFoundError(ctx.params.model!, task),
  };
}

/** The API key as the Gemini API reads it: `x-goog-api-key` header, else the `?key=` query. */
function apiKeyOf(ctx: VendorRequestContext): string | undefined {
  const header = ctx.headers['x-goog-api-key'];
  const value = Array.isArray(header) ? header[0] : header;
  return value || ctx.query.get('key') || undefined;
}

/**
 * The Gemini API emulator (`generativelanguage.googleapis.com`, API version v1beta; v1 and v1alpha
 * paths are routed the same). Serves generateContent, streamGenerateContent (`alt=sse`, strict
 * `data: <json>\r\n\r\n` framing), embedContent, batchEmbedContents, countTokens and the model list,
 * with Google RPC error bodies. A bad key (`bad-key`) gets 400 INVALID_ARGUMENT / API_KEY_INVALID,
 * as on the real API; no key at all gets 403 PERMISSION_DENIED. `gemini-3*` models behave like
 * Gemini 3: their function-call parts carry a `thoughtSignature`, and a request whose current turn
 * replays a model function call without it gets 400 INVALID_ARGUMENT.
 */
export const geminiEmulator: VendorEmulator = {
  vendor: 'gemini',
  routes: [
    modelTask('generateContent', generateContent),
    modelTask('streamGenerateContent', streamGenerateContent),
    modelTask('embedContent', embedContent),
    modelTask('batchEmbedContents', batchEmbedContents),
    modelTask('countTokens', countTokensReply),
    { method: 'GET', pattern: /^\/(?<version>v1beta|v1|v1alpha)\/models$/, handle: listModels },
    {
      method: 'GET',
      pattern: /^\/(?<version>v1beta|v1|v1alpha)\/models\/(?<model>[^/:]+)$/,
      handle: getModel,
    },
  ],
  errorReply: geminiErrorReply,
  streamErrorFrame: geminiStreamErrorFrame,
  /** A frame whose JSON is cut short: `@google/generative-ai` fails with "Error parsing JSON response". */
  malformedFrame: () => 'data: {"candidates":[{"content":{"parts":[{"text":"trunc\r\n\r\n',
  authenticate(ctx): JsonReply | undefined {
    const key = apiKeyOf(ctx);
    if (key === undefined) return missingKeyError();
    if (key === 'bad-key') return invalidKeyError();
    return undefined;
  },
  replay: replayGemini,
};
