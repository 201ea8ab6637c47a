import { z } from '@pal/core/provider';
import type { Hono } from 'hono';
import type { GatewayDeps } from '../gateway.js';
import { callOptions } from '../http/call-options.js';
import { endCallWhen } from '../http/end-call.js';
import { invalidField } from '../http/invalid-field.js';
import { resultHeaders } from '../http/result-headers.js';
import { readBody } from '../http/read-body.js';
import { requestCall } from '../http/request-call.js';
import { routeExtensionsShape, routeOf } from '../http/route-extensions.js';
import { refuseUnknownFields } from '../http/unknown-fields.js';
import { servedModel } from './to-completion.js';

const embeddingsShape = {
  model: z.string().min(1, 'model is required'),
  input: z.union([z.string(), z.array(z.string()).min(1, 'at least one input is required')], {
    error: 'input must be a string or an array of strings (token arrays are not supported: send text)',
  }),
  dimensions: z.number().int().positive().nullish(),
  encoding_format: z.enum(['float', 'base64']).nullish(),
  user: z.string().nullish(),
  ...routeExtensionsShape,
};
const embeddingsSchema = z.looseObject(embeddingsShape);

/**
 * `POST /v1/embeddings`: text (a string or strings) → vectors, through the router (which falls back
 * only along the call's own `fallbacks`: another model's vectors are not comparable). Vectors come
 * as floats, or as base64 little-endian float32 for `encoding_format: "base64"` — the openai SDK
 * asks for base64 by default and decodes it, so refusing it would break `embeddings.create`.
 */
export function registerEmbeddings(app: Hono, deps: GatewayDeps): void {
  app.post('/v1/embeddings', async (c) => {
    const body = await readBody(c, embeddingsSchema);
    const call = requestCall(c, 'embed');
    refuseUnknownFields(body, Object.keys(embeddingsShape));
    if (typeof body.input === 'string' && body.input === '') throw invalidField(['input'], 'input is empty');
    const { model, route } = routeOf(body.model, body, deps.runtime.registry);
    const answer = deps.router.embed(
      {
        model,
        input: body.input,
        ...(body.dimensions != null && { dimensions: body.dimensions }),
        ...(body.user != null && { metadata: { user: body.user } }),
      },
      callOptions(c, route, call),
    );
    endCallWhen(call, answer);
    const result = await answer;
    const base64 = body.encoding_format === 'base64';
    return c.json(
      {
        object: 'list',
        data: result.embeddings.map((vector, index) => ({
          object: 'embedding',
          index,
          embedding: base64 ? float32Base64(vector) : vector,
        })),
        model: servedModel(result.provider, result.model),
        usage: { prompt_tokens: result.usage.inputTokens, total_tokens: result.usage.totalTokens },
      },
      200,
      resultHeaders(result),
    );
  });
}

/** A vector as OpenAI's base64 encoding: little-endian float32 bytes. */
function float32Base64(vector: readonly number[]): string {
  const view = new DataView(new ArrayBuffer(vector.length * 4));
  vector.forEach((value, i) => {
    view.setFloat32(i * 4, value, true);
  });
  return Buffer.from(view.buffer).toString('base64');
}
