import type { ProviderAdapter } from '../contracts/adapter.js';
import type { Capability, ModelInfo, ModelInfoInput, Pricing } from '../contracts/model-info.js';
import type { PalError } from '../errors/pal-error.js';

/** A partial catalog entry that merges over the adapter's own (nested objects merge field by field). */
export type ModelOverride = Partial<Omit<ModelInfoInput, 'capabilities' | 'pricing'>> & {
  capabilities?: Partial<ModelInfoInput['capabilities']>;
  pricing?: Partial<ModelInfoInput['pricing']>;
};

/** How one provider is registered. */
export interface ProviderRegistration {
  /** Disabled providers stay registered but are skipped by model lookup and listings. Default true. */
  enabled?: boolean;
  /** Overrides the adapter's `defaultModel`. */
  defaultModel?: string;
  /** Catalog overrides by model id; an id the adapter does not list adds a model (it must then be complete). */
  models?: Record<string, ModelOverride>;
  /** Let `provider/<id>` through for ids missing from the catalog (OpenAI-compatible hosts, fine-tunes). */
  allowUnknownModels?: boolean;
  /**
   * Refuse, before sending, a prompt whose estimated tokens exceed the model's context window
   * (CONTEXT_LENGTH_EXCEEDED). Default true; switch it off for a provider whose own counting is
   * better than PAL's estimate (chars/4) and that you would rather let decide.
   */
  checkContextWindow?: boolean;
}

/** A catalog entry together with the provider that serves it. */
export type ModelListing = ModelInfo & {
  provider: string;
  /** `"provider/model"`. */
  ref: string;
};

/** What `getProviderForModel` resolves a model ref to. */
export interface ResolvedModel {
  provider: ProviderAdapter;
  modelId: string;
  /** Undefined when the provider accepted an id its catalog does not list. */
  model?: ModelInfo;
  /** False when the provider was registered with `checkContextWindow: false`. */
  checkContextWindow?: boolean;
}

/** The cached outcome of `validate(id)`. */
export interface ValidationResult {
  ok: boolean;
  /** False when the adapter offers no `validateCredentials`, so nothing was checked. */
  checked: boolean;
  error?: PalError;
  /** Epoch ms of the check. */
  lastValidatedAt: number;
}

/** Filters for `findModels`. */
export interface ModelQuery {
  capabilities?: Capability[];
  /** Minimum context window in tokens. */
  minContext?: number;
  kind?: ModelInfo['kind'];
  maxInputPricePerMTok?: number;
  /** Only this provider's models. */
  provider?: string;
  /** Include models marked deprecated (default false). */
  includeDeprecated?: boolean;
}

/** What a caller asks `recommendModel` for. */
export type RecommendationTask =
  | 'chat'
  | 'reasoning'
  | 'vision'
  | 'tools'
  | 'json'
  | 'embedding'
  | 'cheap'
  | 'quality';

/** Options for `recommendModel`. */
export interface RecommendOptions {
  /** Most the estimated call may cost, in USD. */
  budgetUsd?: number;
  task?: RecommendationTask;
  needs?: Capability[];
  /** Default 1 000. */
  estimatedInputTokens?: number;
  /** Default 500. */
  estimatedOutputTokens?: number;
}

/** A recommended model and what the estimated call would cost on it. */
export interface ModelRecommendation {
  model: ModelListing;
  estimatedCostUsd: number;
}

/**
 * What changed in the registry; the runtime listens to rebuild its per-provider stacks.
 * `repriced`: the provider's catalog prices changed (a live price refresh), nothing else did.
 */
export interface RegistryChange {
  type: 'registered' | 'unregistered' | 'enabled' | 'disabled' | 'default-model' | 'repriced';
  providerId: string;
}

/**
 * Live prices for catalog models (see {@link ProviderRegistry.setCatalogPricing}): a model's new
 * pricing, or undefined to keep the adapter's own.
 */
export type CatalogPricer = (adapter: ProviderAdapter, model: ModelInfo) => Pricing | undefined;

/** Options for `createRegistry`. */
export interface RegistryOptions {
  /** How long a `validate` result is reused, in ms (default 5 minutes). */
  validationTtlMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

/** The set of providers a runtime can call, with their model catalogs. */
export interface ProviderRegistry {
  /** Adds (or replaces, keeping its position) a provider. */
  register(adapter: ProviderAdapter, config?: ProviderRegistration): void;
  /** Removes a provider; returns false when it was not registered. */
  unregister(id: string): boolean;
  /** The adapter registered under `id`; throws PROVIDER_NOT_FOUND naming the known ids. */
  get(id: string): ProviderAdapter;
  has(id: string): boolean;
  /** Every registered adapter, in registration order. */
  list(): ProviderAdapter[];
  listEnabled(): ProviderAdapter[];
  isEnabled(id: string): boolean;
  enable(id: string): void;
  disable(id: string): void;
  /**
   * Resolves `"provider/model"`, a bare model id (searched in enabled providers' catalogs, first
   * registered wins) or a bare provider id (its default model). Throws MODEL_NOT_FOUND with a
   * "did you mean" suggestion, or PROVIDER_NOT_FOUND.
   */
  getProviderForModel(ref: string): ResolvedModel;
  /** The merged catalog of one provider, or of all enabled ones. */
  listModels(providerId?: string): ModelListing[];
  /** The catalog entry for a ref, or undefined when it is unknown. */
  getModelInfo(ref: string): ModelListing | undefined;
  /** Checks a provider's credentials (cached for `validationTtlMs` unless `force`). */
  validate(id: string, options?: { force?: boolean }): Promise<ValidationResult>;
  /** The last cached validation result, if any. */
  validationStatus(id: string): ValidationResult | undefined;
  findModels(query?: ModelQuery): ModelListing[];
  /** The cheapest model that meets the needs and fits the budget ('quality': the priciest that fits). */
  recommendModel(options?: RecommendOptions): ModelRecommendation | undefined;
  /** The provider's default model: config, else adapter, else its first chat model. */
  defaultModel(id: string): string | undefined;
  setDefaultModel(id: string, model: string): void;
  /**
   * Lays live prices over the adapters' catalogs: `pricer` gives each catalog model its refreshed
   * pricing (undefined: the adapter's own stays). It sits between an adapter's catalog and its
   * registration's `models` overrides, so an override still wins; it applies to the providers
   * registered now and later, until replaced (`undefined` restores the catalogs' own prices).
   * Emits a `repriced` change per provider.
   */
  setCatalogPricing(pricer: CatalogPricer | undefined): void;
  /** Subscribes to changes; returns the unsubscribe function. */
  onChange(listener: (change: RegistryChange) => void): () => void;
}
