import { createHash } from 'node:crypto';
import { countTokens } from '../../emulator/defaults.js';
import type { JsonReply, VendorReply, VendorRequestContext } from '../../emulator/types.js';
import { openaiError } from './errors.js';
import { requestOrigin } from './request-shape.js';
import { solidPng } from './solid-png.js';
import { successHeaders } from './success-headers.js';
import { requireJsonObject } from './validate.js';

/** Sizes each image model accepts (the API default model is dall-e-2). */
const SIZES: Record<string, readonly string[]> = {
  'dall-e-2': ['256x256', '512x512', '1024x1024'],
  'dall-e-3': ['1024x1024', '1792x1024', '1024x1792'],
  'gpt-image-1': ['1024x1024', '1536x1024', '1024x1536', 'auto'],
};

/** The path under which the emulator serves the images it answers with by URL. */
export const IMAGE_FILES_PATH = '/v1/images/files';

function invalid(ctx: VendorRequestContext, message: string, param: string | null): JsonReply {
  return openaiError(ctx, 400, { message, type: 'invalid_request_error', param, code: null });
}

function colourFor(seed: string): [number, number, number] {
  const d = createHash('sha256').update(seed).digest();
  return [d[0]!, d[1]!, d[2]!];
}

/** File name `<rrggbb>-<w>x<h>.png`: enough to redraw the same image when its URL is fetched. */
function fileName(rgb: [number, number, number], width: number, height: number): string {
  return `${Buffer.from(rgb).toString('hex')}-${width}x${height}.png`;
}

/**
 * `POST /v1/images/generations`: `n` solid-colour PNGs of the requested `size`, as `b64_json` or as
 * `url` (served by the emulator itself) per `response_format`; gpt-image-1 always answers base64 and
 * reports token usage, dall-e-3 adds `revised_prompt` and accepts only `n: 1`.
 */
export function imageGenerationsReply(ctx: VendorRequestContext): VendorReply {
  const rejection = requireJsonObject(ctx);
  if (rejection) return rejection;
  const body = ctx.body as {
    prompt?: unknown;
    model?: unknown;
    n?: unknown;
    size?: unknown;
    response_format?: unknown;
  };
  const model = typeof body.model === 'string' ? body.model : (ctx.params.deployment ?? 'dall-e-2');
  if (typeof body.prompt !== 'string' || body.prompt === '') {
    return invalid(ctx, "Missing required parameter: 'prompt'.", 'prompt');
  }
  const n = body.n ?? 1;
  if (typeof n !== 'number' || n < 1 || n > 10)
    return invalid(ctx, `Invalid value for 'n': ${String(n)}. Must be between 1 and 10.`, 'n');
  if (model === 'dall-e-3' && n !== 1) return invalid(ctx, 'You must provide n=1 for this model.', 'n');
  const sizes = SIZES[model] ?? SIZES['dall-e-3']!;
  const size = typeof body.size === 'string' ? body.size : '1024x1024';
  if (!sizes.includes(size)) {
    return invalid(
      ctx,
      `Invalid value: '${size}'. Supported values are: ${sizes.map((s) => `'${s}'`).join(', ')}.`,
      'size',
    );
  }
  if (model === 'gpt-image-1' && body.response_format !== undefined) {
    return invalid(ctx, "Unknown parameter: 'response_format'.", 'response_format');
  }
  const format = model === 'gpt-image-1' ? 'b64_json' : (body.response_format ?? 'url');
  if (format !== 'url' && format !== 'b64_json') {
    return invalid(
      ctx,
      `Invalid value: '${String(format)}'. Supported values are: 'url' and 'b64_json'.`,
      'response_format',
    );
  }
  const [width, height] = (size === 'auto' ? '1024x1024' : size).split('x').map(Number) as [number, number];
  const data = Array.from({ length: n }, (_, i) => {
    const rgb = colourFor(`${body.prompt}:${i}`);
    const image =
      format === 'url'
        ? { url: `${requestOrigin(ctx)}${IMAGE_FILES_PATH}/${fileName(rgb, width, height)}` }
        : { b64_json: solidPng(width, height, rgb).toString('base64') };
    return { ...image, ...(model === 'dall-e-3' && { revised_prompt: `A picture of ${body.prompt}` }) };
  });
  const promptTokens = countTokens(body.prompt);
  return {
    kind: 'json',
    status: 200,
    headers: successHeaders(ctx, promptTokens),
    body: {
      created: Math.floor(Date.now() / 1000),
      data,
      ...(model === 'gpt-image-1' && {
        usage: {
          total_tokens: promptTokens + 1056 * n,
          input_tokens: promptTokens,
          output_tokens: 1056 * n,
          input_tokens_details: { text_tokens: promptTokens, image_tokens: 0 },
        },
      }),
    },
  };
}

/** `GET /v1/images/files/<rrggbb>-<w>x<h>.png`: the PNG behind an image URL answer. */
export function imageFileReply(ctx: VendorRequestContext): VendorReply {
  const match = /^([0-9a-f]{6})-(\d{1,4})x(\d{1,4})\.png$/.exec(ctx.params.name ?? '');
  if (!match)
    return openaiError(ctx, 404, {
      message: 'Image not found',
      type: 'invalid_request_error',
      param: null,
      code: null,
    });
  const rgb = [...Buffer.from(match[1]!, 'hex')] as [number, number, number];
  return {
    kind: 'json',
    status: 200,
    headers: { 'content-type': 'image/png' },
    body: solidPng(Number(match[2]), Number(match[3]), rgb),
  };
}
