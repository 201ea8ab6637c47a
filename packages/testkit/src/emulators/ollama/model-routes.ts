import type { VendorReply, VendorRequestContext } from '../../emulator/types.js';
import { ollamaError } from './errors.js';
import { type OllamaEmulatedModel, fakeDigest, findModel } from './models.js';

/** A fixed "modified at" date, so listings are deterministic. */
const MODIFIED_AT = '2026-11-01T10:00:00.000000000Z';

function details(model: OllamaEmulatedModel) {
  return {
    parent_model: '',
    format: 'gguf',
    family: model.family,
    families: [model.family],
    parameter_size: model.parameterSize,
    quantization_level: model.capabilities.includes('embedding') ? 'F16' : 'Q4_K_M',
  };
}

/** Answers `GET /api/tags`: every served model, tagged `:latest`. */
export function handleTags(models: readonly OllamaEmulatedModel[]): VendorReply {
  return {
    kind: 'json',
    status: 200,
    body: {
      models: models.map((m) => ({
        name: `${m.name}:latest`,
        model: `${m.name}:latest`,
        modified_at: MODIFIED_AT,
        size: 1_000_000 * m.contextLength,
        digest: fakeDigest(m.name),
        details: details(m),
      })),
    },
  };
}

/** Answers `POST /api/show` (`model`, or `name` from older clients). */
export function handleShow(ctx: VendorRequestContext, models: readonly OllamaEmulatedModel[]): VendorReply {
  const name = ctx.body?.model ?? ctx.body?.name;
  if (typeof name !== 'string' || name === '') return ollamaError(400, 'model is required');
  const model = findModel(models, name);
  if (!model) return ollamaError(404, `model '${name}' not found`);
  const arch = model.family;
  return {
    kind: 'json',
    status: 200,
    body: {
      modelfile: `FROM ${model.name}:latest\n`,
      parameters: 'stop                           "<|eot_id|>"',
      template: '{{ .Prompt }}',
      details: details(model),
      model_info: {
        'general.architecture': arch,
        [`${arch}.context_length`]: model.contextLength,
        ...(model.embeddingLength && { [`${arch}.embedding_length`]: model.embeddingLength }),
      },
      capabilities: model.capabilities,
      modified_at: MODIFIED_AT,
    },
  };
}
