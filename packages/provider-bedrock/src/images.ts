import { type AdapterImageResult, type ImageRequest, PalError } from '@pal/core';
import { mergeProviderOptions, readProviderOptions } from '@pal/core/provider';
import { type InvokeTarget, invokeJson, unsupportedModel } from './invoke-model.js';
import { nativeProviderOptionsSchema, PROTECTED_IMAGE_KEYS } from './provider-options.js';

/**
 * Generates PNG images through InvokeModel with the `TEXT_IMAGE` task of Amazon Nova Canvas and
 * Titan Image Generator; `providerOptions[<provider id>]` merges into `imageGenerationConfig` (e.g.
 * `quality`, `cfgScale`), and cannot replace what PAL sets from `n`, `size` and `seed`.
 */
export async function generateWithBedrock(
  request: ImageRequest,
  target: InvokeTarget,
  provider = 'bedrock',
): Promise<AdapterImageResult> {
  const { model, prompt, n, seed } = request;
  if (!/(^|\.)amazon\.(nova-canvas|titan-image-generator)/.test(model)) {
    throw unsupportedModel(model, 'image generation', 'Amazon Nova Canvas and Titan Image Generator');
  }
  const [width, height] = (request.size ?? '1024x1024').split('x').map(Number);
  const options = readProviderOptions(request, provider, nativeProviderOptionsSchema);
  const config = mergeProviderOptions(
    { numberOfImages: n, width, height, ...(seed !== undefined && { seed }) },
    options,
    PROTECTED_IMAGE_KEYS,
    ['providerOptions', provider],
  );
  const body = { taskType: 'TEXT_IMAGE', textToImageParams: { text: prompt }, imageGenerationConfig: config };
  const out = await invokeJson<{ images?: string[]; error?: string | null }>(target, model, body);
  // Titan reports a blocked prompt in `error`
  if (out.error)
    throw new PalError({ code: 'CONTENT_FILTERED', message: out.error, provider: 'bedrock', model });
  return { model, images: (out.images ?? []).map((data) => ({ data, mediaType: 'image/png' })) };
}
