import type { ProviderAdapter } from '../contracts/adapter.js';
import type { ModelInfo } from '../contracts/model-info.js';
import { isPalError, PalError } from '../errors/pal-error.js';
import { closestMatch } from './closest-match.js';
import { mergeCatalog } from './merge-catalog.js';
import { filterModels, pickModel } from './model-selection.js';
import type {
  CatalogPricer,
  ModelListing,
  ProviderRegistration,
  ProviderRegistry,
  RegistryChange,
  RegistryOptions,
  ResolvedModel,
  ValidationResult,
} from './types.js';

interface Entry {
  adapter: ProviderAdapter;
  config: ProviderRegistration;
  enabled: boolean;
  models: ModelInfo[];
  defaultModel?: string;
  validation?: ValidationResult;
}

const DEFAULT_VALIDATION_TTL_MS = 5 * 60_000;

/** Creates an empty provider registry.  *
 * @example
 * ```ts
 * const registry = createRegistry();
 * registry.register(openai(), { models: { 'gpt-4o-mini': { pricing: { inputPerMTok: 0.15 } } } });
 * registry.getProviderForModel('openai/gpt-4o-mini'); // { provider, modelId, model }
 * ```
 */
export function createRegistry(options: RegistryOptions = {}): ProviderRegistry {
  const entries = new Map<string, Entry>();
  const listeners = new Set<(change: RegistryChange) => void>();
  let pricer: CatalogPricer | undefined;
  const now = options.now ?? Date.now;
  const ttl = options.validationTtlMs ?? DEFAULT_VALIDATION_TTL_MS;

  const emit = (change: RegistryChange) => {
    for (const listener of [...listeners]) listener(change);
  };

  const entry = (id: string): Entry => {
    const found = entries.get(id);
    if (found) return found;
    const known = [...entries.keys()];
    const hint = closestMatch(id, known);
    throw new PalError({
      code: 'PROVIDER_NOT_FOUND',
      message:
        known.length > 0
          ? `Provider "${id}" is not registered.${hint ? ` Did you mean "${hint}"?` : ''} Known providers: ${known.join(', ')}.`
          : `Provider "${id}" is not registered, and no provider is: add one, e.g. createRuntime({ providers: [openai()] }) with \`import { openai } from '@pal/provider-openai'\`, or list providers in your config file.`,
      provider: id,
      details: { known, ...(hint && { suggestion: hint }) },
    });
  };

  /** An adapter's catalog with the live prices laid over it, then its registration's overrides. */
  const catalogOf = (
    adapter: ProviderAdapter,
    config: ProviderRegistration,
    live: CatalogPricer | undefined,
  ): ModelInfo[] => {
    const models = live
      ? adapter.models.map((model) => {
          const pricing = live(adapter, model);
          return pricing ? { ...model, pricing } : model;
        })
      : adapter.models;
    return mergeCatalog(adapter.id, models, config.models);
  };

  const listing = (providerId: string, model: ModelInfo): ModelListing => ({
    ...model,
    provider: providerId,
    ref: `${providerId}/${model.id}`,
  });

  const enabledEntries = () => [...entries.values()].filter((e) => e.enabled);

  const allListings = (providerId?: string): ModelListing[] =>
    providerId === undefined
      ? enabledEntries().flatMap((e) => e.models.map((m) => listing(e.adapter.id, m)))
      : entry(providerId).models.map((m) => listing(providerId, m));

  const modelNotFound = (ref: string, providerId?: string): PalError => {
    const pool = providerId ? allListings(providerId).map((m) => m.ref) : allListings().map((m) => m.ref);
    const suggestion = closestMatch(ref, pool);
    return new PalError({
      code: 'MODEL_NOT_FOUND',
      message: `Unknown model "${ref}".${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
      // a typo is not an outage: say the model does not exist and offer the closest id
      userMessage: `There is no model "${ref}"${providerId ? ` at ${providerId}` : ''}.${suggestion ? ` Did you mean "${suggestion}"?` : ' Pick one from the model list.'}`,
      path: ['model'],
      ...(providerId && { provider: providerId }),
      model: ref.includes('/') && providerId ? ref.slice(providerId.length + 1) : ref,
      details: { ref, ...(suggestion && { suggestion }) },
    });
  };

  const resolveIn = (e: Entry, modelId: string, ref: string): ResolvedModel => {
    const model = e.models.find((m) => m.id === modelId);
    if (model)
      return {
        provider: e.adapter,
        modelId,
        model,
        ...(e.config.checkContextWindow === false && { checkContextWindow: false }),
      };
    if (e.models.length === 0 || e.config.allowUnknownModels) return { provider: e.adapter, modelId };
    throw modelNotFound(ref, e.adapter.id);
  };

  const requireEnabled = (e: Entry): Entry => {
    if (e.enabled) return e;
    throw new PalError({
      code: 'PROVIDER_NOT_FOUND',
      message: `Provider "${e.adapter.id}" is disabled.`,
      provider: e.adapter.id,
      details: { disabled: true },
    });
  };

  const defaultModelOf = (e: Entry): string | undefined =>
    e.defaultModel ?? e.adapter.defaultModel ?? e.models.find((m) => m.kind === 'chat' && !m.deprecated)?.id;

  const resolveRef = (ref: string): ResolvedModel => {
    const slash = ref.indexOf('/');
    const prefix = slash > 0 ? ref.slice(0, slash) : undefined;
    if (prefix !== undefined && entries.has(prefix)) {
      return resolveIn(requireEnabled(entry(prefix)), ref.slice(slash + 1), ref);
    }
    // a bare model id (which may itself contain "/", as on OpenRouter) in enabled catalogs, first registered wins
    for (const e of enabledEntries()) {
      const model = e.models.find((m) => m.id === ref);
      if (model)
        return {
          provider: e.adapter,
          modelId: ref,
          model,
          ...(e.config.checkContextWindow === false && { checkContextWindow: false }),
        };
    }
    if (entries.has(ref)) {
      const e = requireEnabled(entry(ref));
      const fallback = defaultModelOf(e);
      if (fallback === undefined) {
        throw new PalError({
          code: 'MODEL_NOT_FOUND',
          message: `Provider "${ref}" has no default model; name one, e.g. "${ref}/<model>".`,
          provider: ref,
        });
      }
      return resolveIn(e, fallback, `${ref}/${fallback}`);
    }
    if (prefix !== undefined) entry(prefix); // throws PROVIDER_NOT_FOUND with the known ids
    if (entries.size === 0) {
      throw new PalError({
        code: 'PROVIDER_NOT_FOUND',
        message: `No provider is registered, so "${ref}" cannot be served: add one, e.g. createRuntime({ providers: [openai()] }) with \`import { openai } from '@pal/provider-openai'\`, or list providers in your config file.`,
        userMessage: 'No AI provider is set up yet. Add one in provider settings.',
        details: { known: [] },
      });
    }
    throw modelNotFound(ref);
  };

  const registry: ProviderRegistry = {
    register(adapter, config = {}) {
      if (!adapter || typeof adapter.id !== 'string' || adapter.id === '') {
        throw new PalError({
          code: 'CONFIG_ERROR',
          message: 'register() needs an adapter with a non-empty id.',
        });
      }
      const next: Entry = {
        adapter,
        config,
        enabled: config.enabled ?? true,
        models: catalogOf(adapter, config, pricer),
        ...(config.defaultModel !== undefined && { defaultModel: config.defaultModel }),
      };
      entries.set(adapter.id, next);
      emit({ type: 'registered', providerId: adapter.id });
    },
    unregister(id) {
      const removed = entries.delete(id);
      if (removed) emit({ type: 'unregistered', providerId: id });
      return removed;
    },
    get: (id) => entry(id).adapter,
    has: (id) => entries.has(id),
    list: () => [...entries.values()].map((e) => e.adapter),
    listEnabled: () => enabledEntries().map((e) => e.adapter),
    isEnabled: (id) => entry(id).enabled,
    enable(id) {
      const e = entry(id);
      if (e.enabled) return;
      e.enabled = true;
      emit({ type: 'enabled', providerId: id });
    },
    disable(id) {
      const e = entry(id);
      if (!e.enabled) return;
      e.enabled = false;
      emit({ type: 'disabled', providerId: id });
    },
    getProviderForModel(ref) {
      if (typeof ref !== 'string' || ref.trim() === '') {
        throw new PalError({
          code: 'INVALID_REQUEST',
          message: 'A model ref must be a non-empty string.',
          path: ['model'],
        });
      }
      try {
        return resolveRef(ref);
      } catch (error) {
        // every lookup failure names the request field it came from, like other request errors
        throw isPalError(error) && error.path === undefined ? error.with({ path: ['model'] }) : error;
      }
    },
    listModels: (providerId) => allListings(providerId),
    getModelInfo(ref) {
      try {
        const resolved = registry.getProviderForModel(ref);
        return resolved.model ? listing(resolved.provider.id, resolved.model) : undefined;
      } catch (error) {
        if (isPalError(error) && (error.code === 'MODEL_NOT_FOUND' || error.code === 'PROVIDER_NOT_FOUND'))
          return undefined;
        throw error;
      }
    },
    async validate(id, { force = false } = {}) {
      const e = entry(id);
      if (!force && e.validation && now() - e.validation.lastValidatedAt < ttl) return e.validation;
      let result: ValidationResult;
      if (!e.adapter.validateCredentials) {
        result = { ok: true, checked: false, lastValidatedAt: now() };
      } else {
        try {
          await e.adapter.validateCredentials();
          result = { ok: true, checked: true, lastValidatedAt: now() };
        } catch (error) {
          result = { ok: false, checked: true, error: e.adapter.toPalError(error), lastValidatedAt: now() };
        }
      }
      // the provider may have been replaced while the check ran; only cache on the entry we checked
      e.validation = result;
      return result;
    },
    validationStatus: (id) => entry(id).validation,
    findModels: (query = {}) => filterModels(allListings(query.provider), query),
    recommendModel: (options = {}) => pickModel(allListings(), options),
    defaultModel: (id) => defaultModelOf(entry(id)),
    setDefaultModel(id, model) {
      const e = entry(id);
      resolveIn(e, model, `${id}/${model}`);
      e.defaultModel = model;
      emit({ type: 'default-model', providerId: id });
    },
    setCatalogPricing(next) {
      // every catalog first, then all at once: a pricer that throws leaves the registry as it was
      const repriced = [...entries.values()].map((e) => [e, catalogOf(e.adapter, e.config, next)] as const);
      pricer = next;
      for (const [e, models] of repriced) e.models = models;
      for (const [e] of repriced) emit({ type: 'repriced', providerId: e.adapter.id });
    },
    onChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
  return registry;
}
