import { isPalError, type ModelInfo, PalError, type ProviderRegistry } from '@pal/core';
import { configError } from '@pal/core/provider';

/** The model name that lets the router choose the target (`model: 'auto'`). */
export const AUTO_MODEL = 'auto';

/** Why a target is a candidate for a call. */
export type CandidateSource =
  /** The request named it (`provider/model`): it always comes first. */
  | 'request'
  /** A provider serving the bare model id the request named. */
  | 'model'
  /** The fallback chain (the router's, or the call's own `fallback`). */
  | 'fallback'
  /** `model: 'auto'` without a chain: every enabled provider's default model. */
  | 'pool';

/** One (provider, model) a call may be sent to. */
export interface Candidate {
  /** `provider/model`. */
  readonly ref: string;
  readonly provider: string;
  readonly modelId: string;
  /** The registry's merged catalog entry (config overrides applied), when the model is known. */
  readonly model?: ModelInfo;
  /** The provider runs on this machine (`adapter.local`, e.g. Ollama). */
  readonly local: boolean;
  readonly source: CandidateSource;
}

/**
 * The target a chain entry or a request's model names: `provider/model`, a provider id (its
 * default model) or a bare model id (the first enabled provider listing it).
 */
export function resolveCandidate(
  registry: ProviderRegistry,
  ref: string,
  source: CandidateSource,
): Candidate {
  const slash = ref.indexOf('/');
  const prefix = slash > 0 ? ref.slice(0, slash) : ref;
  // a registered provider is a candidate even while disabled (the screen leaves it out until enabled)
  if (registry.has(prefix) && !registry.isEnabled(prefix)) {
    const modelId = slash > 0 ? ref.slice(slash + 1) : registry.defaultModel(prefix);
    if (modelId !== undefined) {
      const known = registry.listModels(prefix);
      const model = known.find((listing) => listing.id === modelId);
      if (model || known.length === 0 || !registry.isEnabled(prefix))
        return candidate(registry, prefix, modelId, model, source);
    }
  }
  // a bare model id, or the registry's own error (unknown provider or model, with a did-you-mean)
  const resolved = registry.getProviderForModel(ref);
  const provider = resolved.provider.id;
  return candidate(registry, provider, resolved.modelId, resolved.model, source);
}

function candidate(
  registry: ProviderRegistry,
  provider: string,
  modelId: string,
  model: ModelInfo | undefined,
  source: CandidateSource,
): Candidate {
  return {
    ref: `${provider}/${modelId}`,
    provider,
    modelId,
    ...(model && { model }),
    local: registry.get(provider).local === true,
    source,
  };
}

/**
 * Resolves a configured chain at construction: an entry naming an unregistered provider or an
 * unknown model is a CONFIG_ERROR naming `field[i]` (with the registry's did-you-mean).
 */
export function resolveChain(
  registry: ProviderRegistry,
  chain: readonly string[],
  field: string,
): Candidate[] {
  return chain.map((ref, index) => {
    try {
      return resolveCandidate(registry, ref, 'fallback');
    } catch (error) {
      if (!isPalError(error)) throw error;
      throw configError(`${field}.${index}`, `"${ref}" cannot be routed to: ${error.message}`, {
        cause: error,
      });
    }
  });
}

/** What the candidates of one call are built from. */
export interface CandidateInput {
  model: string;
  /** The chain for this call (the call's own, else the router's); empty for none. */
  chain: readonly Candidate[];
  registry: ProviderRegistry;
}

/**
 * Every target the call may go to, without duplicates, in the order given: the request's
 * `provider/model` (or each enabled provider listing a bare model id), then the chain. `auto`
 * takes the chain, or without one every enabled provider's default model.
 */
export function candidatesFor({ model, chain, registry }: CandidateInput): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<string>();
  const add = (candidate: Candidate) => {
    if (seen.has(candidate.ref)) return;
    seen.add(candidate.ref);
    out.push(candidate);
  };
  if (model === AUTO_MODEL) {
    if (chain.length === 0) {
      for (const adapter of registry.listEnabled()) {
        if (registry.defaultModel(adapter.id) === undefined) continue;
        add(resolveCandidate(registry, adapter.id, 'pool'));
      }
    }
  } else if (isExplicit(registry, model)) {
    add(resolveCandidate(registry, model, 'request'));
  } else {
    const serving = registry.listModels().filter((listing) => listing.id === model);
    for (const listing of serving) add(candidate(registry, listing.provider, listing.id, listing, 'model'));
    // not in any catalog: the registry decides (a provider id, or its MODEL_NOT_FOUND with a did-you-mean)
    if (serving.length === 0) add(resolveCandidate(registry, model, 'request'));
  }
  for (const candidate of chain) add(candidate);
  if (out.length === 0) {
    throw new PalError({
      code: 'PROVIDER_NOT_FOUND',
      message:
        'No target to route to: model "auto" needs a fallback chain or an enabled provider with a default model.',
      path: ['model'],
    });
  }
  return out;
}

/** `provider/model` of a registered provider (so it is the request's own target, tried first). */
function isExplicit(registry: ProviderRegistry, model: string): boolean {
  const slash = model.indexOf('/');
  return slash > 0 && registry.has(model.slice(0, slash));
}
