import { type BudgetOptions, budget } from '../policies/budget.js';
import { type CacheOptions, cache } from '../policies/cache.js';
import { type CircuitBreakerOptions, circuitBreaker } from '../policies/circuit-breaker.js';
import { type ConcurrencyOptions, concurrency } from '../policies/concurrency.js';
import { type RateLimitOptions, rateLimit } from '../policies/rate-limit.js';
import { type RetryOptions, retry } from '../policies/retry.js';
import type { StateStore } from '../policies/state-store.js';
import { type TimeoutOptions, timeout } from '../policies/timeout.js';
import type { Middleware } from './middleware.js';

/** Options of each built-in policy, by the name a config or a call uses for it (and its factory's). */
export interface PolicyOptionsByName {
  timeout: TimeoutOptions;
  budget: BudgetOptions;
  cache: CacheOptions;
  retry: RetryOptions;
  circuitBreaker: CircuitBreakerOptions;
  rateLimit: RateLimitOptions;
  concurrency: ConcurrencyOptions;
}

/** A built-in policy's name. */
export type PolicyName = keyof PolicyOptionsByName;

/**
 * Policy settings by name: an options object switches a policy on (merged over the
 * layers below it), `true` switches it on with its defaults, `false` switches it off.
 */
export type PolicySettings = {
  [N in PolicyName]?: Partial<PolicyOptionsByName[N]> | boolean;
};

/** The built-in policies, outermost first, as the runtime stacks them (below the hooks). */
export const POLICY_ORDER: readonly PolicyName[] = [
  'timeout',
  'budget',
  'cache',
  'retry',
  'circuitBreaker',
  'rateLimit',
  'concurrency',
];

/** What the runtime uses when nothing is configured: retry, timeout and a circuit breaker; the rest off. */
export const DEFAULT_POLICIES: PolicySettings = {
  retry: { maxAttempts: 3 },
  timeout: { totalMs: 600_000, idleMs: 60_000 },
  circuitBreaker: {},
};

/** Settings resolved to one options object (on) or `false` (off) per policy. */
export type ResolvedPolicies = { [N in PolicyName]: Partial<PolicyOptionsByName[N]> | false };

/** Lays settings over each other, later layers winning; see {@link PolicySettings}. */
export function mergePolicySettings(...layers: Array<PolicySettings | undefined>): ResolvedPolicies {
  const resolved = {} as Record<PolicyName, object | false>;
  for (const name of POLICY_ORDER) {
    let value: object | false = false;
    for (const layer of layers) {
      const setting = layer?.[name];
      if (setting === undefined) continue;
      if (setting === false) value = false;
      else if (setting === true) value = value === false ? {} : value;
      else value = { ...(value === false ? {} : value), ...setting };
    }
    resolved[name] = value;
  }
  return resolved as ResolvedPolicies;
}

/**
 * Creates the built-in policy `name` with `options`. The policies with shared state (budget,
 * cache, circuit breaker, rate limiter) keep it in `store` when one is given and their options
 * name none; the others have no state to share.
 */
export function createPolicy<N extends PolicyName>(
  name: N,
  options: Partial<PolicyOptionsByName[N]>,
  store: StateStore | undefined,
): Middleware {
  const withStore = <T extends { store?: StateStore }>(policyOptions: T): T =>
    store && policyOptions.store === undefined ? { ...policyOptions, store } : policyOptions;
  switch (name) {
    case 'timeout':
      return timeout(options as TimeoutOptions);
    case 'budget':
      return budget(withStore(options as BudgetOptions));
    case 'cache':
      return cache(withStore(options as CacheOptions));
    case 'retry':
      return retry(options as RetryOptions);
    case 'circuitBreaker':
      return circuitBreaker(withStore(options as CircuitBreakerOptions));
    case 'rateLimit':
      return rateLimit(withStore(options as RateLimitOptions));
    default:
      return concurrency(options as ConcurrencyOptions);
  }
}

/** Where the runtime's policy settings come from. */
export interface PolicySetOptions {
  /** Global layers, lowest first (defaults, config file, runtime options). */
  global: Array<PolicySettings | undefined>;
  /** Per-provider layers, lowest first (config file, runtime options). */
  forProvider(providerId: string): Array<PolicySettings | undefined>;
  store?: StateStore;
}

/**
 * The policy instances of a runtime. A provider that does not configure a policy of
 * its own shares the global instance (policies key their state by provider id, so a
 * global budget is one budget across providers); a provider that does gets its own.
 * Instances are kept, so rebuilding a provider's stack keeps breaker and budget state.
 */
export class PolicySet {
  readonly #options: PolicySetOptions;
  readonly #shared = new Map<PolicyName, Middleware>();
  readonly #own = new Map<string, Map<PolicyName, Middleware>>();

  constructor(options: PolicySetOptions) {
    this.#options = options;
  }

  /** The policies of `providerId`, outermost first. */
  middlewaresFor(providerId: string): Middleware[] {
    const layers = this.#options.forProvider(providerId);
    const resolved = mergePolicySettings(...this.#options.global, ...layers);
    const out: Middleware[] = [];
    for (const name of POLICY_ORDER) {
      const options = resolved[name];
      if (options === false) continue;
      const ownSettings = layers.some((layer) => layer?.[name] !== undefined);
      out.push(
        ownSettings ? this.#ownInstance(providerId, name, options) : this.#sharedInstance(name, options),
      );
    }
    return out;
  }

  /** The instance of policy `name` that serves `providerId` (undefined when it is off for it). */
  instanceFor(providerId: string, name: PolicyName): Middleware | undefined {
    const layers = this.#options.forProvider(providerId);
    const options = mergePolicySettings(...this.#options.global, ...layers)[name];
    if (options === false) return undefined;
    const own = layers.some((layer) => layer?.[name] !== undefined);
    return own ? this.#ownInstance(providerId, name, options) : this.#sharedInstance(name, options);
  }

  /** Every instance of policy `name` created so far (the shared one and each provider's own). */
  instancesOf(name: PolicyName): Middleware[] {
    const out: Middleware[] = [];
    const shared = this.#shared.get(name);
    if (shared) out.push(shared);
    for (const byName of this.#own.values()) {
      const own = byName.get(name);
      if (own) out.push(own);
    }
    return out;
  }

  #sharedInstance(name: PolicyName, options: object): Middleware {
    let instance = this.#shared.get(name);
    if (!instance) {
      instance = createPolicy(name, options, this.#options.store);
      this.#shared.set(name, instance);
    }
    return instance;
  }

  #ownInstance(providerId: string, name: PolicyName, options: object): Middleware {
    let byName = this.#own.get(providerId);
    if (!byName) {
      byName = new Map();
      this.#own.set(providerId, byName);
    }
    let instance = byName.get(name);
    if (!instance) {
      instance = createPolicy(name, options, this.#options.store);
      byName.set(name, instance);
    }
    return instance;
  }
}
