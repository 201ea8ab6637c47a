import { z } from 'zod';

const usdPerMTok = z.number().nonnegative();

/**
 * Token rates in USD per one million tokens. Every token type a vendor bills has its own rate;
 * a rate left out falls back to its parent (cache reads and writes to `inputPerMTok`, 1-hour cache
 * writes to `cacheWritePerMTok`, reasoning output to `outputPerMTok`).
 */
export const tokenRatesSchema = z.object({
  inputPerMTok: usdPerMTok,
  outputPerMTok: usdPerMTok,
  /** Cache reads (input served from the vendor's prompt cache). */
  cachedInputPerMTok: usdPerMTok.optional(),
  /** Cache writes: the vendor's default cache lifetime (Anthropic's 5 minutes). */
  cacheWritePerMTok: usdPerMTok.optional(),
  /** Cache writes with a 1-hour lifetime (Anthropic bills them at 2× input). */
  cacheWrite1hPerMTok: usdPerMTok.optional(),
  /** Reasoning output, when the vendor bills it apart from other output. */
  reasoningPerMTok: usdPerMTok.optional(),
});
export type TokenRates = z.infer<typeof tokenRatesSchema>;

/**
 * A long-context tier: when a request's input (all of it, cached or not) is more than
 * `aboveInputTokens`, every token of the request is billed at the tier's rates, as Anthropic,
 * Google and OpenAI bill prompts over 200k / 272k tokens. Rates the tier leaves out keep the base.
 */
export const pricingTierSchema = tokenRatesSchema.partial().extend({
  aboveInputTokens: z.number().int().nonnegative(),
});
export type PricingTier = z.infer<typeof pricingTierSchema>;

/** Rates plus their long-context tiers (ascending), and a per-image price for image models. */
export const periodPricingSchema = tokenRatesSchema.extend({
  tiers: z.array(pricingTierSchema).optional(),
  /** USD per generated image, for image models. */
  perImage: usdPerMTok.optional(),
});
export type PeriodPricing = z.infer<typeof periodPricingSchema>;

/**
 * What a model costs (USD per 1M tokens). The top-level rates hold now; `changes` lists announced
 * price changes, each in force from its `from` date (UTC, ISO 8601) until the next.
 */
export const pricingSchema = periodPricingSchema.extend({
  changes: z.array(periodPricingSchema.extend({ from: z.iso.date().or(z.iso.datetime()) })).optional(),
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
  /** Absent when no price source knows the model: its calls are reported `unpriced`, never as $0. */
  pricing: pricingSchema.optional(),
  /** Embedding dimension, for embedding models. */
  dimensions: z.number().int().positive().optional(),
  deprecated: z.boolean().optional(),
});
export type ModelInfo = z.output<typeof modelInfoSchema>;
export type ModelInfoInput = z.input<typeof modelInfoSchema>;

/**
 * Where a catalog's prices came from: the price data package, its version, the date of its data and
 * the provider id the models were looked up under (what a live price refresh looks them up under too).
 */
export const catalogPricesSchema = z.object({
  source: z.string(),
  version: z.string(),
  dataDate: z.string(),
  provider: z.string(),
  /**
   * Ids of models whose prices do not come from the price data (priced by hand because the data is
   * wrong for them, or per image): a live price refresh leaves them as they are.
   */
  pinned: z.array(z.string()).optional(),
});
export type CatalogPrices = z.infer<typeof catalogPricesSchema>;

/** A provider's model catalog, with where its data came from. */
export const modelCatalogSchema = z.object({
  provider: z.string().min(1),
  source: z.string(),
  generatedAt: z.string(),
  prices: catalogPricesSchema.optional(),
  models: z.array(modelInfoSchema),
});
export type ModelCatalog = z.output<typeof modelCatalogSchema>;
