import { countTokens, deterministicId, embeddingFor } from '../../emulator/defaults.js';
import type { JsonReply, VendorRequestContext } from '../../emulator/types.js';
import { bedrockErrorReply } from './errors.js';
import { TINY_PNG_BASE64 } from './tiny-png.js';

/** Most texts Cohere Embed v3 takes in one call. */
export const COHERE_MAX_TEXTS = 96;
const TITAN_DIMENSIONS = [256, 512, 1024];

function malformed(detail: string): JsonReply {
  return bedrockErrorReply(
    'ValidationException',
    `Malformed input request: ${detail}, please reformat your input and try again.`,
  );
}

function invokeReply(body: unknown, inputTokens: number): JsonReply {
  return {
    kind: 'json',
    status: 200,
    headers: {
      'x-amzn-bedrock-input-token-count': String(inputTokens),
      'x-amzn-bedrock-invocation-latency': '42',
    },
    body,
  };
}

/** Titan Text Embeddings v2: one `inputText` per call → `{embedding, inputTextTokenCount}`. */
function titanEmbedding(ctx: VendorRequestContext): JsonReply {
  const { inputText, dimensions = 1024 } = ctx.body ?? {};
  if (typeof inputText !== 'string') return malformed('#: required key [inputText] not found');
  if (!TITAN_DIMENSIONS.includes(dimensions))
    return malformed(`#/dimensions: ${dimensions} is not a valid enum value`);
  const embedding = embeddingFor(inputText, dimensions);
  const inputTextTokenCount = countTokens(inputText);
  return invokeReply(
    { embedding, embeddingsByType: { float: embedding }, inputTextTokenCount },
    inputTextTokenCount,
  );
}

/** Cohere Embed v3: up to 96 `texts` per call → `{id, texts, embeddings, response_type}`. */
function cohereEmbedding(ctx: VendorRequestContext): JsonReply {
  const { texts, input_type: inputType } = ctx.body ?? {};
  if (!Array.isArray(texts)) return malformed('#: required key [texts] not found');
  if (typeof inputType !== 'string') return malformed('#: required key [input_type] not found');
  if (texts.length > COHERE_MAX_TEXTS) {
    return malformed(`#/texts: expected maximum item count: ${COHERE_MAX_TEXTS}, found: ${texts.length}`);
  }
  const body = {
    id: deterministicId('', texts.join('\n')),
    texts,
    embeddings: texts.map((t: string) => embeddingFor(String(t), 1024)),
    response_type: 'embeddings_floats',
  };
  return invokeReply(
    body,
    texts.reduce((sum: number, t: string) => sum + countTokens(String(t)), 0),
  );
}

/** Nova Canvas / Titan Image Generator `TEXT_IMAGE` task → `{images: [base64 PNG…]}`. */
function imageGeneration(ctx: VendorRequestContext): JsonReply {
  const { taskType, textToImageParams, imageGenerationConfig = {} } = ctx.body ?? {};
  if (taskType !== 'TEXT_IMAGE') return malformed(`#/taskType: ${taskType} is not a valid enum value`);
  if (typeof textToImageParams?.text !== 'string' || textToImageParams.text.length === 0) {
    return malformed('#/textToImageParams: required key [text] not found');
  }
  const count = imageGenerationConfig.numberOfImages ?? 1;
  if (!Number.isInteger(count) || count < 1 || count > 5) {
    return malformed(`#/imageGenerationConfig/numberOfImages: ${count} is not between 1 and 5`);
  }
  return invokeReply({ images: Array.from({ length: count }, () => TINY_PNG_BASE64) }, 0);
}

/** The native models `POST /model/{id}/invoke` emulates, by model id (inference-profile prefixes allowed). */
const INVOKE_MODELS: Array<[RegExp, (ctx: VendorRequestContext) => JsonReply]> = [
  [/(^|\.)amazon\.titan-embed-text-v\d/, titanEmbedding],
  [/(^|\.)cohere\.embed-(english|multilingual)-v3/, cohereEmbedding],
  [/(^|\.)amazon\.(nova-canvas|titan-image-generator)-v\d/, imageGeneration],
];

/** Answers `InvokeModel` for the emulated embedding and image models. */
export function invokeModel(ctx: VendorRequestContext): JsonReply {
  const modelId = ctx.params.model ?? '';
  const handler = INVOKE_MODELS.find(([pattern]) => pattern.test(modelId))?.[1];
  if (!handler) return bedrockErrorReply('ValidationException', 'The provided model identifier is invalid.');
  return handler(ctx);
}
