import { z } from 'zod';

/** Prices in USD per one million tokens (and per image for image models). */
export const pricingSchema = z.object({
  inputPerMTok: z.number().nonnegative(),
  outputPerMTok: z.number().nonnegative(),
  cachedInputPerMTok: z.number().nonnegative().optional(),
  cacheWritePerMTok: z.number().nonnegative().optional(),
  /** USD per generated image, for image models. */
  perImage: z.number().nonnegative().optional(),
});
export type Pricing = z.infer<typeof pricingSchema>;

/** What a model (or a provider) can do. */
export const capabilitiesSchema = z.object({
  streaming: z.boolean(),
  tools: z.boolean(),
  vision: z.boolean(),
  json: z.boolean(),
  embeddings: z.boolean(),
  reasoning: z.boolean().optional(),
  imageGeneration: z.boolean().optional(),
});
export type Capabilities = z.infer<typeof capabilitiesSchema>;
export type Capability = keyof Capabilities;

/** Catalog entry for one model. */
export const modelInfoSchema = z.object({
  id: z.string().min(1),
  displayName: z.string().min(1),
  kind: z.enum(['chat', 'embedding', 'image']).default('chat'),
  contextWindow: z.number().int().positive(),
  maxOutputTokens: z.number().int().nonnegative(),
  capabilities: capabilitiesSchema,
  pricing: pricingSchema,
  /** Embedding dimension, for embedding models. */
  dimensions: z.number().int().positive().optional(),
  deprecated: z.boolean().optional(),
});
export type ModelInfo = z.output<typeof modelInfoSchema>;
export type ModelInfoInput = z.input<typeof modelInfoSchema>;

/** A provider's model catalog, with where its data came from. */
export const modelCatalogSchema = z.object({
  provider: z.string().min(1),
  source: z.string(),
  generatedAt: z.string(),
  models: z.array(modelInfoSchema),
});
export type ModelCatalog = z.output<typeof modelCatalogSchema>;
