import { countTokens, embeddingFor } from '../../emulator/defaults.js';
import type { VendorReply, VendorRequestContext } from '../../emulator/types.js';
import { ollamaError } from './errors.js';
import { type OllamaEmulatedModel, findModel } from './models.js';

/** Embedding length used for models that do not declare one. */
const DEFAULT_DIMENSIONS = 768;

function resolveModel(
  body: { model?: unknown } | undefined,
  models: readonly OllamaEmulatedModel[],
): VendorReply | OllamaEmulatedModel {
  if (!body || typeof body.model !== 'string' || body.model === '')
    return ollamaError(400, 'model is required');
  return (
    findModel(models, body.model) ?? ollamaError(404, `model "${body.model}" not found, try pulling it first`)
  );
}

const nanos = (tokens: number) => ({
  total_duration: 2_000_000 + tokens * 500_000,
  load_duration: 2_000_000,
});

/** Answers `POST /api/embed`: `input` is a string or an array of strings; one vector per input. */
export function handleEmbed(ctx: VendorRequestContext, models: readonly OllamaEmulatedModel[]): VendorReply {
  const model = resolveModel(ctx.body, models);
  if ('kind' in model) return model;
  const input: unknown = ctx.body.input;
  const inputs = typeof input === 'string' ? [input] : input;
  if (!Array.isArray(inputs) || inputs.some((s) => typeof s !== 'string')) {
    return ollamaError(400, 'invalid input type');
  }
  const requested = ctx.body.dimensions;
  const dimensions =
    typeof requested === 'number' && requested > 0
      ? requested
      : (model.embeddingLength ?? DEFAULT_DIMENSIONS);
  const tokens = inputs.reduce((n: number, s: string) => n + countTokens(s), 0);
  if (inputs.some((s: string) => countTokens(s) > model.contextLength) && ctx.body.truncate === false) {
    return ollamaError(400, 'input length exceeds maximum context length');
  }
  return {
    kind: 'json',
    status: 200,
    body: {
      model: ctx.body.model,
      embeddings: inputs.map((s: string) => embeddingFor(s, dimensions)),
      ...nanos(tokens),
      prompt_eval_count: tokens,
    },
  };
}

/** Answers the legacy `POST /api/embeddings` (`prompt` → one `embedding`). */
export function handleLegacyEmbeddings(
  ctx: VendorRequestContext,
  models: readonly OllamaEmulatedModel[],
): VendorReply {
  const model = resolveModel(ctx.body, models);
  if ('kind' in model) return model;
  const prompt = typeof ctx.body.prompt === 'string' ? ctx.body.prompt : '';
  return {
    kind: 'json',
    status: 200,
    body: { embedding: embeddingFor(prompt, model.embeddingLength ?? DEFAULT_DIMENSIONS) },
  };
}
