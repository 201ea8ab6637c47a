import { type AdapterImageResult, type ImageRequest, PalError } from '@pal/core';
import { type InvokeTarget, invokeJson, unsupportedModel } from './invoke-model.js';

/**
 * Generates PNG images through InvokeModel with the `TEXT_IMAGE` task of Amazon Nova Canvas and
 * Titan Image Generator; `providerOptions[<provider id>]` merges into `imageGenerationConfig`.
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
  const config = {
    numberOfImages: n,
    width,
    height,
    ...(seed !== undefined && { seed }),
    ...request.providerOptions?.[provider],
  };
  const body = { taskType: 'TEXT_IMAGE', textToImageParams: { text: prompt }, imageGenerationConfig: config };
  const out = await invokeJson<{ images?: string[]; error?: string | null }>(target, model, body);
  // Titan reports a blocked prompt in `error`
  if (out.error)
    throw new PalError({ code: 'CONTENT_FILTERED', message: out.error, provider: 'bedrock', model });
  return { model, images: (out.images ?? []).map((data) => ({ data, mediaType: 'image/png' })) };
}
