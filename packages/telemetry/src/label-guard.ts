import { ERROR_CODES, type ProviderRegistry } from '@pal/core';

/** The label value for anything outside the known set. */
export const OTHER = 'other';

const CODES: ReadonlySet<string> = new Set(ERROR_CODES);
const SCOPE = /^(global|provider:([^:]+)):(day|month)$/;

/** What the guard may read to know the registered providers and models. */
export type KnownModels = Pick<ProviderRegistry, 'has' | 'getModelInfo'>;

/**
 * Keeps metric label values bounded, whatever reaches the kernel: a provider or model becomes a
 * label only when the registry knows it (with `models`) or, without one, while fewer than the cap
 * have been seen; an error code only when it is in PAL's taxonomy; a budget scope only in the
 * shapes the budget guard writes. Everything else is `other`, so a client sending random model
 * names (to a provider registered with `allowUnknownModels`) cannot add series.
 */
export class LabelGuard {
  readonly #models: KnownModels | undefined;
  readonly #maxValues: number;
  readonly #providers = new Set<string>();
  readonly #seenModels = new Set<string>();
  /** Registered `provider/model` pairs already looked up (only known ones, so it stays bounded). */
  readonly #known = new Set<string>();

  constructor(models: KnownModels | undefined, maxValues: number) {
    this.#models = models;
    this.#maxValues = maxValues;
  }

  provider(id: string | undefined): string {
    if (!id) return OTHER;
    if (this.#models) return this.#models.has(id) ? id : OTHER;
    return admit(this.#providers, id, this.#maxValues);
  }

  /** The model label of `model` at `provider` (`other` unless the provider is a label too). */
  model(provider: string | undefined, model: string | undefined): string {
    if (!model || !provider) return OTHER;
    if (this.#models) {
      const ref = `${provider}/${model}`;
      if (this.#known.has(ref)) return model;
      if (!this.#models.has(provider) || !this.#models.getModelInfo(ref)) return OTHER;
      this.#known.add(ref);
      return model;
    }
    if (this.provider(provider) === OTHER) return OTHER;
    return admit(this.#seenModels, `${provider}/${model}`, this.#maxValues) === OTHER ? OTHER : model;
  }

  code(code: string | undefined): string {
    return code !== undefined && CODES.has(code) ? code : OTHER;
  }

  /** A `provider/model` reference (fallback and hedge targets). */
  target(ref: string): { provider: string; model: string } {
    const slash = ref.indexOf('/');
    const provider = slash < 0 ? ref : ref.slice(0, slash);
    const model = slash < 0 ? undefined : ref.slice(slash + 1);
    return { provider: this.provider(provider), model: this.model(provider, model) };
  }

  scope(scope: string): string {
    const match = SCOPE.exec(scope);
    if (!match) return OTHER;
    if (match[2] !== undefined && this.provider(match[2]) === OTHER) return OTHER;
    return scope;
  }
}

function admit(seen: Set<string>, value: string, max: number): string {
  if (seen.has(value)) return value;
  if (seen.size >= max) return OTHER;
  seen.add(value);
  return value;
}
