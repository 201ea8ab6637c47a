import { type AdapterImageResult, type ImageRequest, PalError } from '@pal/core';
import { type InvokeJsonCall, invokeJson } from './invoke-model.js';

/**
 * Generates images through InvokeModel with the `TEXT_IMAGE` task shared by Amazon Nova Canvas
 * and Titan Image Generator; `providerOptions.bedrock` merges into `imageGenerationConfig`.
 */
export async function generateWithBedrock(
  request: ImageRequest,
  call: Omit<InvokeJsonCall, 'modelId' | 'body'>,
): Promise<AdapterImageResult> {
  if (!/(^|\.)amazon\.(nova-canvas|titan-image-generator)/.test(request.model)) {
    throw new PalError({
      code: 'UNSUPPORTED_CAPABILITY',
      message: `Bedrock image generation supports Amazon Nova Canvas and Titan Image Generator, not "${request.model}"`,
      provider: 'bedrock',
      model: request.model,
      path: ['model'],
    });
  }
  const [width, height] = (request.size ?? '1024x1024').split('x').map(Number);
  const body = {
    taskType: 'TEXT_IMAGE',
    textToImageParams: { text: request.prompt },
    imageGenerationConfig: {
      numberOfImages: request.n,
      width,
      height,
      ...(request.seed !== undefined && { seed: request.seed }),
      ...request.providerOptions?.bedrock,
    },
  };
  const out = await invokeJson<{ images?: string[]; error?: string | null }>({
    ...call,
    modelId: request.model,
    body,
  });
  if (out.error)
    throw new PalError({
      code: 'CONTENT_FILTERED',
      message: out.error,
      provider: 'bedrock',
      model: request.model,
    });
  return {
    model: request.model,
    images: (out.images ?? []).map((data) => ({ data, mediaType: 'image/png' })),
  };
}
