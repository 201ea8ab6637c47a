import { z } from 'zod';
import { capabilitiesSchema, pricingSchema } from '../contracts/model-info.js';
import { priceRefreshOptionsSchema } from '../accounting/price-refresh/price-refresh-options.js';
import { imageFetchOptionsSchema } from '../images/image-fetch-options.js';
import { policiesSchema } from './policy-schemas.js';

/**
 * A reference to an environment variable holding a value: `{ "env": "OPENAI_API_KEY" }`. An unset
 * (or empty) variable is a CONFIG_ERROR, unless the reference is `"optional": true` (the setting is
 * left out) or has a `"default"` (used instead: for non-secret values such as a region).
 */
export const envReferenceSchema = z.strictObject({
  env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name'),
  optional: z
    .boolean()
    .describe('true: when the variable is unset, the setting is left out instead of failing')
    .optional(),
  default: z
    .string()
    .min(1)
    .describe('The value when the variable is unset (for non-secret values such as a region)')
    .optional(),
});
export type EnvReference = z.output<typeof envReferenceSchema>;

/** A value given inline or read from an environment variable. */
export const valueOrEnvSchema = z.union([z.string().min(1), envReferenceSchema]);

/** Partial catalog entry merged over a provider's own (`providers.<id>.models.<modelId>`). */
export const modelOverrideSchema = z.strictObject({
  displayName: z.string().min(1).optional(),
  kind: z.enum(['chat', 'embedding', 'image']).optional(),
  contextWindow: z.number().int().positive().optional(),
  maxOutputTokens: z.number().int().nonnegative().optional(),
  capabilities: capabilitiesSchema.partial().optional(),
  pricing: pricingSchema.partial().optional(),
  dimensions: z.number().int().positive().optional(),
  deprecated: z.boolean().optional(),
});

/** Routing strategies the router understands. */
export const ROUTING_STRATEGIES = [
  'local_first',
  'cost_optimized',
  'quality',
  'speed',
  'round_robin',
  'least_connections',
  'weighted',
] as const;

/**
 * How the router picks targets. Core checks the strategy name and the chain; every other key
 * (`weights`, `quality`, `hedge`, `health`, `fallbackOn`…) belongs to `@pal/router`, which
 * validates the whole section when a router is built from the config.
 */
export const routingSchema = z.looseObject({
  strategy: z.enum(ROUTING_STRATEGIES).optional(),
  /** Model refs (`"openai/gpt-4o"`) or provider ids (their default model) tried in order when the first fails. */
  fallbackChain: z.array(z.string().min(1)).optional(),
});

/** One provider entry (`providers.<id>`). */
export const providerConfigSchema = z.strictObject({
  /** npm package exporting the factory, e.g. `@pal/provider-openai`. */
  package: z
    .string()
    .min(1)
    .describe('npm package exporting the factory, e.g. @pal/provider-openai')
    .optional(),
  /** Name of the factory export. */
  factory: z.string().min(1).describe('Name of the factory export').default('createProvider'),
  enabled: z.boolean().optional(),
  apiKey: valueOrEnvSchema
    .describe('The API key, or { "env": "NAME" } to read it from an environment variable')
    .optional(),
  baseURL: z
    .url()
    .describe('Override of the vendor endpoint (proxies, emulators, OpenAI-compatible hosts)')
    .optional(),
  headers: z.record(z.string(), valueOrEnvSchema).optional(),
  defaultModel: z.string().min(1).optional(),
  models: z
    .record(z.string(), modelOverrideSchema)
    .describe('Catalog overrides by model id, merged over the provider package catalog')
    .optional(),
  allowUnknownModels: z
    .boolean()
    .describe('Let "<provider>/<model>" through for models missing from the catalog (reported unpriced)')
    .optional(),
  /** Passed to the factory as is (`{ "env": ... }` references resolved). */
  options: z.record(z.string(), z.unknown()).describe('Passed to the factory as is').optional(),
  policies: policiesSchema.optional(),
  /** This provider's image URL fetching, over the global `images`. */
  images: imageFetchOptionsSchema.optional(),
});

const configFields = {
  $schema: z.string().optional(),
  providers: z
    .record(z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'provider ids are lower-case'), providerConfigSchema)
    .default({}),
  policies: policiesSchema.optional(),
  /** Image URL fetching for providers that take images as bytes only (see `imageFetchOptionsSchema`). */
  images: imageFetchOptionsSchema.optional(),
  routing: routingSchema.optional(),
  /** Live price refresh from the published price data (see `priceRefreshOptionsSchema`); off unless set. */
  pricing: priceRefreshOptionsSchema.optional(),
  /** Model used when a call names none. */
  defaultModel: z.string().min(1).optional(),
};

/** A configuration profile laid over the base config for one environment. */
export const environmentProfileSchema = z.strictObject({
  providers: z
    .record(z.string(), providerConfigSchema.extend({ factory: z.string().min(1).optional() }).partial())
    .optional(),
  policies: policiesSchema.optional(),
  images: imageFetchOptionsSchema.optional(),
  routing: routingSchema.optional(),
  pricing: priceRefreshOptionsSchema.partial().optional(),
  defaultModel: z.string().min(1).optional(),
});

/** The schema of `provider-runtime.config.json` / `.ts`. */
export const configSchema = z.strictObject({
  ...configFields,
  environments: z
    .object({
      development: environmentProfileSchema.optional(),
      production: environmentProfileSchema.optional(),
      test: environmentProfileSchema.optional(),
    })
    .catchall(environmentProfileSchema)
    .optional(),
});

/** A configuration as written (before defaults). */
export type PalConfigInput = z.input<typeof configSchema>;
/** A validated configuration. */
export type PalConfig = z.output<typeof configSchema>;
/** One validated provider entry. */
export type ProviderConfig = z.output<typeof providerConfigSchema>;
/** A configuration profile for one environment. */
export type EnvironmentProfile = z.output<typeof environmentProfileSchema>;
/** Routing settings. */
export type RoutingConfig = z.output<typeof routingSchema>;

/**
 * Type helper for `provider-runtime.config.ts`: returns its argument, typed (an editor then
 * completes keys and flags typos before `loadConfig` would).
 * @example
 * // provider-runtime.config.ts
 * import { defineConfig } from '@pal/core';
 * export default defineConfig({
 *   providers: {
 *     openai: { package: '@pal/provider-openai', apiKey: { env: 'OPENAI_API_KEY' } },
 *     anthropic: { package: '@pal/provider-anthropic', apiKey: { env: 'ANTHROPIC_API_KEY' } },
 *   },
 *   policies: { retry: { maxAttempts: 3 }, budget: { global: { dailyUsd: 5 } } },
 * });
 */
export function defineConfig(config: PalConfigInput): PalConfigInput {
  return config;
}
