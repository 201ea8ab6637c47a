import type { VendorReply, VendorRequestContext } from '../../emulator/types.js';
import { openaiError } from './errors.js';
import { successHeaders } from './success-headers.js';

/** One entry of `GET /v1/models`. */
export interface OpenAIModelEntry {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
}

/** The emulator's built-in model list (chat, reasoning, embedding and image models). */
export const OPENAI_MODELS: readonly OpenAIModelEntry[] = [
  { id: 'gpt-4o', object: 'model', created: 1715367049, owned_by: 'system' },
  { id: 'gpt-4o-mini', object: 'model', created: 1721172741, owned_by: 'system' },
  { id: 'gpt-4.1', object: 'model', created: 1744316542, owned_by: 'system' },
  { id: 'gpt-4.1-mini', object: 'model', created: 1744318173, owned_by: 'system' },
  { id: 'gpt-4.1-nano', object: 'model', created: 1744321707, owned_by: 'system' },
  { id: 'o3-mini', object: 'model', created: 1737146383, owned_by: 'system' },
  { id: 'text-embedding-3-small', object: 'model', created: 1705948997, owned_by: 'system' },
  { id: 'text-embedding-3-large', object: 'model', created: 1705953180, owned_by: 'system' },
  { id: 'text-embedding-ada-002', object: 'model', created: 1671217299, owned_by: 'openai-internal' },
  { id: 'dall-e-3', object: 'model', created: 1698785189, owned_by: 'system' },
  { id: 'gpt-image-1', object: 'model', created: 1745517030, owned_by: 'system' },
];

/** `GET /v1/models`: the built-in list. */
export function listModelsReply(ctx: VendorRequestContext): VendorReply {
  return {
    kind: 'json',
    status: 200,
    headers: successHeaders(ctx, 0),
    body: { object: 'list', data: OPENAI_MODELS },
  };
}

/** `GET /v1/models/{id}`: one model, or OpenAI's 404 `model_not_found` for an unknown id. */
export function retrieveModelReply(ctx: VendorRequestContext): VendorReply {
  const id = ctx.params.model ?? '';
  const model = OPENAI_MODELS.find((m) => m.id === id);
  if (model) return { kind: 'json', status: 200, headers: successHeaders(ctx, 0), body: model };
  return openaiError(ctx, 404, {
    message: `The model '${id}' does not exist`,
    type: 'invalid_request_error',
    param: 'model',
    code: 'model_not_found',
  });
}
