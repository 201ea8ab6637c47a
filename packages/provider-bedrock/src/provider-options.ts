import { type ProtectedKeys, z } from '@pal/core/provider';

/**
 * `request.providerOptions[<provider id>]` for a Converse call: the ConverseCommandInput fields PAL
 * does not translate. Strict: the AWS SDK serialises only the fields it knows and drops any other
 * key without a word, so an unknown key fails fast here instead. `additionalModelRequestFields`
 * is open (the model's own native fields) and merged over what PAL puts there.
 */
export const converseProviderOptionsSchema = z.strictObject({
  guardrailConfig: z
    .looseObject({
      guardrailIdentifier: z.string().optional(),
      guardrailVersion: z.string().optional(),
      trace: z.enum(['enabled', 'disabled', 'enabled_full']).optional(),
      streamProcessingMode: z.enum(['sync', 'async']).optional(),
    })
    .optional(),
  additionalModelRequestFields: z.record(z.string(), z.unknown()).optional(),
  additionalModelResponseFieldPaths: z.array(z.string()).optional(),
  promptVariables: z.record(z.string(), z.looseObject({ text: z.string().optional() })).optional(),
  requestMetadata: z.record(z.string(), z.string()).optional(),
  performanceConfig: z.looseObject({ latency: z.enum(['standard', 'optimized']).optional() }).optional(),
  serviceTier: z.looseObject({ type: z.string().optional() }).optional(),
  outputConfig: z.looseObject({ effort: z.string().optional() }).optional(),
});
export type ConverseProviderOptions = z.output<typeof converseProviderOptionsSchema>;

/** Converse fields PAL writes from the request, and the request fields to set instead. */
export const PROTECTED_KEYS: ProtectedKeys = {
  model: 'model',
  modelId: 'model',
  messages: 'messages',
  system: 'system messages',
  inferenceConfig: 'maxOutputTokens, temperature, topP and stop',
  toolConfig: 'tools, toolChoice and responseFormat',
};

/** `additionalModelRequestFields` PAL writes for Claude models. */
export const PROTECTED_CLAUDE_FIELDS: ProtectedKeys = { thinking: 'reasoning', top_k: 'topK' };

/** Native InvokeModel body fields PAL writes for embeddings (Titan, Cohere). */
export const PROTECTED_EMBED_KEYS: ProtectedKeys = {
  inputText: 'input',
  texts: 'input',
  dimensions: 'dimensions',
};

/** `imageGenerationConfig` fields PAL writes for image generation (Nova Canvas, Titan Image). */
export const PROTECTED_IMAGE_KEYS: ProtectedKeys = {
  numberOfImages: 'n',
  width: 'size',
  height: 'size',
  seed: 'seed',
};

/** A native body's options: any object (InvokeModel bodies differ per model). */
export const nativeProviderOptionsSchema = z.record(z.string(), z.unknown());
