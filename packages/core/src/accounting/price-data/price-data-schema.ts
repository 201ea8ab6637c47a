import { z } from 'zod';

/**
 * The price data published by `@pydantic/genai-prices` (MIT; its `data.json`, the array its
 * `findProvider` reads), as far as PAL reads it: providers, their models, how a model id is
 * matched, and the prices (USD per unit; `_mtok` keys per 1M tokens), flat, tiered or dated.
 * Unknown keys are kept, so a newer file with more fields still validates.
 */
export type MatchLogic =
  | { equals: string }
  | { starts_with: string }
  | { ends_with: string }
  | { contains: string }
  | { regex: string }
  | { or: MatchLogic[] }
  | { and: MatchLogic[] };

export const matchLogicSchema: z.ZodType<MatchLogic> = z.lazy(() =>
  z.union([
    z.object({ equals: z.string() }),
    z.object({ starts_with: z.string() }),
    z.object({ ends_with: z.string() }),
    z.object({ contains: z.string() }),
    z.object({ regex: z.string() }),
    z.object({ or: z.array(matchLogicSchema) }),
    z.object({ and: z.array(matchLogicSchema) }),
  ]),
);

const price = z.number().nonnegative();
/** A price that changes with the request's input tokens: `price` applies when input > `start`. */
export const tieredPriceSchema = z.object({
  base: price,
  tiers: z.array(z.object({ start: z.number().int().nonnegative(), price })),
});
export type TieredPrice = z.infer<typeof tieredPriceSchema>;

/** Prices by unit key (`input_mtok`, `cache_write_1h_mtok`, `web_searches_kcount`, …). */
export const modelPriceSchema = z.record(z.string(), z.union([price, tieredPriceSchema]));
export type ModelPrice = z.infer<typeof modelPriceSchema>;

const constraintSchema = z.union([
  z.object({ type: z.literal('start_date'), start_date: z.string() }),
  z.object({ type: z.literal('time_of_date'), start_time: z.string(), end_time: z.string() }),
]);

export const conditionalPriceSchema = z.object({
  constraint: constraintSchema.optional(),
  prices: modelPriceSchema,
});
export type ConditionalPrice = z.infer<typeof conditionalPriceSchema>;

export const priceDataModelSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional(),
  match: matchLogicSchema,
  context_window: z.number().int().positive().optional(),
  deprecated: z.boolean().optional(),
  prices: z.union([modelPriceSchema, z.array(conditionalPriceSchema).min(1)]),
});
export type PriceDataModel = z.infer<typeof priceDataModelSchema>;

export const priceDataProviderSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  models: z.array(priceDataModelSchema),
  fallback_model_providers: z.array(z.string()).optional(),
});
export type PriceDataProvider = z.infer<typeof priceDataProviderSchema>;

/** The whole price data file: one entry per provider. */
export const priceDataSchema = z.array(priceDataProviderSchema).min(1, 'the price data lists no provider');
export type PriceData = z.infer<typeof priceDataSchema>;
