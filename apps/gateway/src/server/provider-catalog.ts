import {
  createRegistry,
  isPalError,
  type LoadedConfig,
  type ModelOverride,
  type ProviderRegistration,
  type ProviderRegistry,
} from '@pal/core';
import type { SavedProvider, SqliteStore } from '@pal/store-sqlite';
import type { Logger } from 'pino';
import { gatewayError } from '../http/gateway-error.js';
import { type CatalogOverrides, MODELS_SETTING, applyEdit, overrideOfInput } from './catalog-overrides.js';
import type { ModelEdit, ProviderInput } from './provider-input.js';
import {
  configProviders,
  type ProviderSource,
  type SourcedProvider,
  storeProviders,
} from './provider-sources.js';

/** The store setting the gateway keeps non-store providers' switches in: `{ id: { enabled?, defaultModel? } }`. */
export const PROVIDERS_SETTING = 'gateway.providers';

type ProviderSwitches = Record<string, { enabled?: boolean; defaultModel?: string }>;

/** The providers PAL ships, whose package a new provider of that id defaults to. */
const SHIPPED = new Set(['openai', 'anthropic', 'gemini', 'bedrock', 'ollama']);

/** A provider as `/api/providers` shows it: credentials masked, never in the clear. */
export interface ProviderView {
  id: string;
  displayName: string;
  enabled: boolean;
  /** Where it comes from: the store (the console, `pal providers add`), the config file, the environment, or given in code (the sandbox). */
  source: ProviderSource;
  /** Registered with the runtime now (a disabled saved provider is not). */
  registered: boolean;
  package?: string;
  factory?: string;
  endpoint?: string;
  maskedKey?: string;
  credentials?: Record<string, string>;
  defaultModel?: string;
  models: number;
  lastValidatedAt?: number;
  lastValidation?: { ok: boolean; errorCode?: string };
}

/** What Test Connection answers. */
export interface TestResult {
  ok: boolean;
  /** False when the provider has no credentials check (nothing was sent). */
  checked: boolean;
  latencyMs: number;
  error?: { code: string; message: string; userMessage: string; action: string };
}

/** What the catalog is built from. */
export interface ProviderCatalogOptions {
  registry: ProviderRegistry;
  store: SqliteStore;
  config?: LoadedConfig;
  /** Adapters given in code (the sandbox's) and the environment's, in that order. */
  given: SourcedProvider[];
  /** Where saved providers' packages are resolved from. */
  cwd: string;
  log: Logger;
}

/**
 * Every provider the gateway serves, wherever it comes from — given in code (the sandbox),
 * the environment's vendor keys, the config file, the store — registered in the runtime's registry
 * with the console's settings laid over it: catalog edits (`gateway.models`) for any provider, and
 * for providers outside the store their enabled switch and default model (`gateway.providers`).
 * A provider saved in the store wins over one of the same id elsewhere. Every change is saved,
 * audited (actor included) and registered at once: calls use it from the next one on.
 */
export class ProviderCatalog {
  readonly #options: ProviderCatalogOptions;
  readonly #fromConfig: SourcedProvider[];
  #winners = new Map<string, SourcedProvider>();

  constructor(options: ProviderCatalogOptions) {
    this.#options = options;
    this.#fromConfig = configProviders(options.config);
  }

  /** Registers every provider from every source; called at start and after each change. */
  async refresh(): Promise<void> {
    const { registry, store, cwd, log } = this.#options;
    const winners = new Map<string, SourcedProvider>();
    for (const sourced of [
      ...this.#options.given,
      ...this.#fromConfig,
      ...(await storeProviders(store, cwd, log)),
    ])
      winners.set(sourced.adapter.id, sourced);
    // a saved provider that is disabled keeps its id from the sources below it
    for (const saved of store.listProviders()) if (!saved.enabled) winners.delete(saved.id);
    const overrides = store.getSetting<CatalogOverrides>(MODELS_SETTING) ?? {};
    const switches = store.getSetting<ProviderSwitches>(PROVIDERS_SETTING) ?? {};
    for (const [id, sourced] of winners) {
      const own = sourced.source === 'store' ? {} : (switches[id] ?? {});
      registry.register(sourced.adapter, registrationOf(sourced.registration, overrides[id], own));
    }
    for (const adapter of registry.list()) if (!winners.has(adapter.id)) registry.unregister(adapter.id);
    this.#winners = winners;
  }

  /** Every provider: registered ones, and saved ones that are switched off. */
  views(): ProviderView[] {
    const saved = new Map(this.#options.store.listProviders().map((p) => [p.id, p]));
    const views = [...this.#winners.values()].map((sourced) =>
      this.#view(sourced, saved.get(sourced.adapter.id)),
    );
    for (const provider of saved.values())
      if (!this.#winners.has(provider.id)) views.push(savedView(provider, false));
    return views;
  }

  /** One provider's view; a 404 naming the known ids when there is none. */
  view(id: string): ProviderView {
    const found = this.views().find((v) => v.id === id);
    if (!found) throw this.#notFound(id);
    return found;
  }

  /** Connects or changes a provider in the store (a key given is encrypted there), with a custom host's models. */
  async save(input: ProviderInput, actor: string): Promise<ProviderView> {
    const { store } = this.#options;
    const { models, ...fields } = input;
    const before = store.getProvider(input.id);
    const pkg =
      fields.package ??
      (before ? undefined : SHIPPED.has(input.id) ? `@pal/provider-${input.id}` : undefined);
    if (!before && pkg === undefined)
      throw gatewayError(
        400,
        'INVALID_REQUEST',
        `Invalid request body: package: "${input.id}" is not a provider PAL ships; name the package that builds it (e.g. "@pal/provider-openai" for an OpenAI-compatible host)`,
        { path: ['package'] },
      );
    store.saveProvider({ ...fields, ...(pkg && { package: pkg }) }, { actor });
    try {
      await this.refresh();
      if (!this.#winners.has(input.id) && fields.enabled !== false) throw await this.#loadError(input.id);
      if (models && models.length > 0) await this.#addModels(input.id, models, actor);
    } catch (error) {
      // a provider that cannot be built is not kept half-saved
      if (!before) store.removeProvider(input.id, { actor });
      await this.refresh();
      throw error;
    }
    return this.view(input.id);
  }

  /** Removes a saved provider and its key; one from the config file or the sandbox can only be disabled. */
  async remove(id: string, actor: string): Promise<void> {
    const { store } = this.#options;
    if (!store.removeProvider(id, { actor })) {
      const sourced = this.#winners.get(id);
      if (!sourced) throw this.#notFound(id);
      throw gatewayError(
        409,
        'CONFIG_ERROR',
        `Provider "${id}" comes from ${describeSource(sourced.source, this.#options.config?.source)}, not the store: remove it there, or disable it here`,
        { path: ['id'], action: 'provider-settings' },
      );
    }
    await this.refresh();
  }

  /** Routes calls to a provider again, or stops (it stays saved, or configured). */
  async setEnabled(id: string, enabled: boolean, actor: string): Promise<ProviderView> {
    const { store } = this.#options;
    if (store.getProvider(id)) {
      if (enabled) store.enable(id, { actor });
      else store.disable(id, { actor });
    } else this.#setSwitch(id, { enabled }, actor, enabled ? 'provider_enabled' : 'provider_disabled');
    await this.refresh();
    return this.view(id);
  }

  /** Makes `model` the provider's default (seed 003's "Use this model"). */
  async setDefaultModel(id: string, model: string, actor: string): Promise<ProviderView> {
    const { store, registry } = this.#options;
    if (!registry.has(id)) throw this.#notFound(id);
    if (!registry.listModels(id).some((m) => m.id === model))
      throw gatewayError(404, 'MODEL_NOT_FOUND', `Provider "${id}" has no model "${model}" in its catalog`, {
        path: ['model'],
        action: 'pick-another-model',
      });
    if (store.getProvider(id)) store.saveProvider({ id, defaultModel: model }, { actor });
    else this.#setSwitch(id, { defaultModel: model }, actor, 'model_changed');
    await this.refresh();
    return this.view(id);
  }

  /** Test Connection: the provider's cheapest authenticated call, its outcome kept with the provider. */
  async test(id: string): Promise<TestResult> {
    const { registry, store } = this.#options;
    if (!registry.has(id)) throw this.#notFound(id);
    const started = performance.now();
    const result = await registry.validate(id, { force: true });
    const latencyMs = Math.round(performance.now() - started);
    if (store.getProvider(id)) store.recordValidation(id, result);
    const error = result.error;
    return {
      ok: result.ok,
      checked: result.checked,
      latencyMs,
      ...(error && {
        error: {
          code: error.code,
          message: error.message,
          userMessage: error.userMessage,
          action: error.action,
        },
      }),
    };
  }

  /** A price, context window or name edited: kept as the console's catalog edit, in force at once. */
  async editModel(provider: string, model: string, edit: ModelEdit, actor: string): Promise<void> {
    const sourced = this.#winners.get(provider);
    if (!sourced) throw this.#notFound(provider);
    const base = sourced.adapter.models.find((m) => m.id === model);
    if (!base && !this.#options.registry.listModels(provider).some((m) => m.id === model))
      throw gatewayError(
        404,
        'MODEL_NOT_FOUND',
        `Provider "${provider}" has no model "${model}" in its catalog`,
        {
          path: ['model'],
          action: 'pick-another-model',
        },
      );
    const all = this.#options.store.getSetting<CatalogOverrides>(MODELS_SETTING) ?? {};
    const next = applyEdit(all[provider]?.[model], edit, base);
    await this.#saveOverrides(provider, model, next, actor);
  }

  async #addModels(
    provider: string,
    models: NonNullable<ProviderInput['models']>,
    actor: string,
  ): Promise<void> {
    const sourced = this.#winners.get(provider);
    if (!sourced) return;
    const all = this.#options.store.getSetting<CatalogOverrides>(MODELS_SETTING) ?? {};
    const own = { ...all[provider] };
    models.forEach((model, index) => {
      const listed = sourced.adapter.models.some((m) => m.id === model.id);
      own[model.id] = { ...own[model.id], ...overrideOfInput(model, listed, index) };
    });
    this.#options.store.setSetting(
      MODELS_SETTING,
      { ...all, [provider]: own },
      { actor, action: 'model_changed', provider },
    );
    await this.refresh();
  }

  async #saveOverrides(
    provider: string,
    model: string,
    next: ModelOverride | undefined,
    actor: string,
  ): Promise<void> {
    const { store } = this.#options;
    const all = store.getSetting<CatalogOverrides>(MODELS_SETTING) ?? {};
    const own = { ...all[provider] };
    if (next) own[model] = next;
    else delete own[model];
    const updated = { ...all, [provider]: own };
    if (Object.keys(own).length === 0) delete updated[provider];
    store.setSetting(MODELS_SETTING, updated, { actor, action: 'model_changed', provider });
    try {
      await this.refresh();
    } catch (error) {
      store.setSetting(MODELS_SETTING, all, { actor, action: 'model_changed', provider });
      await this.refresh();
      throw isPalError(error)
        ? gatewayError(400, 'INVALID_REQUEST', error.message, { path: ['model'] })
        : error;
    }
  }

  #setSwitch(
    id: string,
    change: { enabled?: boolean; defaultModel?: string },
    actor: string,
    action: 'provider_enabled' | 'provider_disabled' | 'model_changed',
  ): void {
    const { store } = this.#options;
    if (!this.#winners.has(id) && !store.getSetting<ProviderSwitches>(PROVIDERS_SETTING)?.[id])
      throw this.#notFound(id);
    const all = store.getSetting<ProviderSwitches>(PROVIDERS_SETTING) ?? {};
    store.setSetting(
      PROVIDERS_SETTING,
      { ...all, [id]: { ...all[id], ...change } },
      { actor, action, provider: id },
    );
  }

  async #loadError(id: string) {
    const scratch = createRegistry();
    const { failed } = await this.#options.store.loadInto(scratch, {
      cwd: this.#options.cwd,
      skipFailed: true,
    });
    const error = failed.find((f) => f.id === id)?.error;
    return gatewayError(400, 'CONFIG_ERROR', error?.message ?? `Provider "${id}" could not be loaded`, {
      path: ['package'],
      action: 'provider-settings',
    });
  }

  #view(sourced: SourcedProvider, saved: SavedProvider | undefined): ProviderView {
    const { registry } = this.#options;
    const id = sourced.adapter.id;
    const validation = registry.validationStatus(id);
    const base: ProviderView = saved
      ? savedView(saved, true)
      : {
          id,
          displayName: sourced.adapter.displayName,
          enabled: registry.isEnabled(id),
          source: sourced.source,
          registered: true,
          ...this.#configFacts(id),
          ...(sourced.adapter.baseURL && { endpoint: sourced.adapter.baseURL }),
          models: 0,
          ...(validation && {
            lastValidatedAt: validation.lastValidatedAt,
            lastValidation: {
              ok: validation.ok,
              ...(validation.error && { errorCode: validation.error.code }),
            },
          }),
        };
    const defaultModel = registry.defaultModel(id);
    return {
      ...base,
      enabled: registry.isEnabled(id),
      ...(defaultModel !== undefined && { defaultModel }),
      models: registry.listModels(id).length,
    };
  }

  #configFacts(id: string): Partial<ProviderView> {
    const entry = this.#options.config?.config.providers[id];
    if (!entry) return {};
    const key = entry.apiKey === undefined ? undefined : String(entry.apiKey); // a Secret prints masked
    return {
      ...(entry.package && { package: entry.package }),
      factory: entry.factory,
      ...(key && { maskedKey: key, credentials: { apiKey: key } }),
    };
  }

  #notFound(id: string) {
    const known = this.views().map((v) => v.id);
    return gatewayError(
      404,
      'PROVIDER_NOT_FOUND',
      `No provider "${id}"; known: ${known.join(', ') || 'none'}`,
      {
        path: ['id'],
        action: 'provider-settings',
      },
    );
  }
}

function registrationOf(
  base: ProviderRegistration,
  overrides: Record<string, ModelOverride> | undefined,
  own: { enabled?: boolean; defaultModel?: string },
): ProviderRegistration {
  const models = { ...base.models, ...overrides };
  return {
    ...base,
    ...(Object.keys(models).length > 0 && { models }),
    ...(own.enabled !== undefined && { enabled: own.enabled }),
    ...(own.defaultModel !== undefined && { defaultModel: own.defaultModel }),
  };
}

function savedView(saved: SavedProvider, registered: boolean): ProviderView {
  return {
    id: saved.id,
    displayName: saved.displayName,
    enabled: saved.enabled,
    source: 'store',
    registered,
    package: saved.package,
    factory: saved.factory,
    ...(saved.baseURL && { endpoint: saved.baseURL }),
    ...(saved.credentials.apiKey && { maskedKey: saved.credentials.apiKey }),
    credentials: saved.credentials,
    ...(saved.defaultModel && { defaultModel: saved.defaultModel }),
    models: 0,
    ...(saved.lastValidatedAt !== undefined && { lastValidatedAt: saved.lastValidatedAt }),
    ...(saved.lastValidation && { lastValidation: saved.lastValidation }),
  };
}

function describeSource(source: ProviderSource, configFile: string | undefined): string {
  if (source === 'config') return `the config file${configFile ? ` ${configFile}` : ''}`;
  if (source === 'env') return 'its vendor key in the environment';
  return 'the gateway’s own setup (the sandbox)';
}
