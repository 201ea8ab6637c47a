import { countTokens, embeddingFor } from '../../emulator/defaults.js';
import type { JsonReply, VendorReply, VendorRequestContext } from '../../emulator/types.js';
import { openaiError } from './errors.js';
import { requestedModel } from './request-shape.js';
import { successHeaders } from './success-headers.js';
import { requireJsonObject, requireModel } from './validate.js';

/** Native vector sizes of OpenAI's embedding models. */
const NATIVE_DIMENSIONS: Record<string, number> = {
  'text-embedding-3-small': 1536,
  'text-embedding-3-large': 3072,
  'text-embedding-ada-002': 1536,
};

/** Encodes a vector as OpenAI does for `encoding_format: "base64"`: little-endian float32, base64. */
export function encodeFloat32Base64(vector: readonly number[]): string {
  const buffer = Buffer.alloc(vector.length * 4);
  vector.forEach((value, i) => {
    buffer.writeFloatLE(value, i * 4);
  });
  return buffer.toString('base64');
}

function invalid(ctx: VendorRequestContext, message: string, param: string | null): JsonReply {
  return openaiError(ctx, 400, { message, type: 'invalid_request_error', param, code: null });
}

/** The texts to embed: a string, strings, a token array or token arrays (tokens are embedded as their numbers). */
function inputTexts(input: unknown): string[] | undefined {
  if (typeof input === 'string') return [input];
  if (!Array.isArray(input) || input.length === 0) return undefined;
  if (input.every((x) => typeof x === 'number')) return [input.join(' ')];
  if (input.every((x) => typeof x === 'string')) return input as string[];
  if (input.every((x) => Array.isArray(x) && x.every((n) => typeof n === 'number'))) {
    return (input as number[][]).map((tokens) => tokens.join(' '));
  }
  return undefined;
}

/** `POST /v1/embeddings`: one deterministic unit vector per input, float or base64, honouring `dimensions`. */
export function embeddingsReply(ctx: VendorRequestContext): VendorReply {
  const rejection = requireJsonObject(ctx) ?? requireModel(ctx);
  if (rejection) return rejection;
  const body = ctx.body as { input?: unknown; dimensions?: unknown; encoding_format?: unknown };
  const model = requestedModel(ctx, 'text-embedding-3-small');
  const texts = inputTexts(body.input);
  if (!texts)
    return invalid(
      ctx,
      "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.",
      'input',
    );
  if (texts.some((t) => t === ''))
    return invalid(ctx, "'$.input' is invalid: empty strings cannot be embedded.", 'input');
  const native = NATIVE_DIMENSIONS[model] ?? 1536;
  if (body.dimensions !== undefined) {
    if (model === 'text-embedding-ada-002')
      return invalid(ctx, 'This model does not support specifying dimensions.', 'dimensions');
    if (typeof body.dimensions !== 'number' || body.dimensions < 1 || body.dimensions > native) {
      return invalid(
        ctx,
        `Invalid value for 'dimensions' = ${String(body.dimensions)}. Must be between 1 and ${native}.`,
        'dimensions',
      );
    }
  }
  const format = body.encoding_format ?? 'float';
  if (format !== 'float' && format !== 'base64') {
    return invalid(
      ctx,
      `Invalid value for 'encoding_format': '${String(format)}'. Supported values are: 'float' and 'base64'.`,
      'encoding_format',
    );
  }
  const dimensions = (body.dimensions as number | undefined) ?? native;
  const tokens = texts.reduce((n, t) => n + countTokens(t), 0);
  return {
    kind: 'json',
    status: 200,
    headers: successHeaders(ctx, tokens),
    body: {
      object: 'list',
      data: texts.map((text, index) => {
        const vector = embeddingFor(text, dimensions);
        return {
          object: 'embedding',
          index,
          embedding: format === 'base64' ? encodeFloat32Base64(vector) : vector,
        };
      }),
      model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    },
  };
}
