import { getUsage, listModels, listProviders } from '../api/console-api.js';
import type { ModelView, ProviderView } from '../api/types.js';
import { type RunSize, typicalRun } from '../cost/typical-run.js';

/** What the model picker works with: the catalog, the providers and the size of a typical run. */
export interface CatalogData {
  models: ModelView[];
  providers: ProviderView[];
  providerNames: Map<string, string>;
  run: RunSize;
  /** The provider's default model (what it serves when a call names only the provider). */
  current: (provider: string) => ModelView | undefined;
}

/** The start of the current UTC month, epoch ms. */
export function monthStart(now = new Date()): number {
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
}

/** Loads the catalog, the providers and this month's usage (for the typical run) together. */
export async function loadCatalog(signal?: AbortSignal): Promise<CatalogData> {
  const [all, providers, usage] = await Promise.all([
    listModels(signal),
    listProviders(signal),
    getUsage(monthStart(), 'day', signal).catch(() => undefined), // the picker works without history
  ]);
  const models = all.filter(isChatModel);
  const providerNames = new Map(providers.map((p) => [p.id, p.displayName ?? p.id]));
  return {
    models,
    providers,
    providerNames,
    run: typicalRun(usage?.byProvider ?? []),
    current: (provider) => models.find((m) => m.provider === provider && m.isDefault),
  };
}

/** A model a run can be sent to (not an embedding or image model). */
export function isChatModel(model: ModelView): boolean {
  return model.kind === undefined ? !model.capabilities.includes('embeddings') : model.kind === 'chat';
}
