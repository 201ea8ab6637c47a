import { z } from '@pal/core/provider';
import { saveProviderSchema } from '@pal/store-sqlite';

/** One model of a custom host, as the console's form collects it (a model the provider does not list needs its context window and prices). */
export const modelInputSchema = z.strictObject({
  id: z.string().min(1),
  displayName: z.string().min(1).optional(),
  contextWindow: z.number().int().positive().optional(),
  maxOutputTokens: z.number().int().positive().optional(),
  inputPerMTok: z.number().nonnegative().optional(),
  outputPerMTok: z.number().nonnegative().optional(),
});

/** A model to add, as the console's form collects it. */
export type ModelInput = z.input<typeof modelInputSchema>;

/**
 * What `POST /api/providers` takes to connect or change a provider (seed 003's setup): the
 * store's `saveProvider` fields — a key given is stored encrypted and only its masked form comes
 * back — plus a custom host's models with their prices. A new provider's package defaults to
 * `@pal/provider-<id>` for the five PAL ships.
 */
export const providerInputSchema = saveProviderSchema.extend({
  models: z.array(modelInputSchema).optional(),
});

/** What `POST /api/providers` takes. */
export type ProviderInput = z.input<typeof providerInputSchema>;

/** A catalog edit (`PATCH /api/models/:provider/:model`): `null` goes back to the provider's value. */
export const modelEditSchema = z.strictObject({
  displayName: z.string().min(1).nullable().optional(),
  contextWindow: z.number().int().positive().nullable().optional(),
  maxOutputTokens: z.number().int().positive().nullable().optional(),
  inputPerMTok: z.number().nonnegative().nullable().optional(),
  outputPerMTok: z.number().nonnegative().nullable().optional(),
  cachedInputPerMTok: z.number().nonnegative().nullable().optional(),
});

/** What `PATCH /api/models/:provider/:model` takes. */
export type ModelEdit = z.input<typeof modelEditSchema>;
