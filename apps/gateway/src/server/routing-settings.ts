import { type LoadedConfig, type ProviderRegistry, ROUTING_STRATEGIES } from '@pal/core';
import { z } from '@pal/core/provider';
import type { StrategyName } from '@pal/router';

/** The store setting the console's routing is kept under. */
export const ROUTING_SETTING = 'gateway.routing';

/**
 * Seed 003's fallback settings, as the console edits them (`PUT /api/routing`); a field left out
 * keeps what is set. They lie over the config file's `routing` (and `PAL_FALLBACK_CHAIN`,
 * `PAL_ROUTING_STRATEGY`).
 */
export const routingInputSchema = z.strictObject({
  /** Provider ids (their default model) or `provider/model`, in the order a failing call moves along. */
  fallbackChain: z.array(z.string().min(1)).optional(),
  /** How candidates are ordered; `null` goes back to the config's (or none: in the order given). */
  strategy: z.enum(ROUTING_STRATEGIES).nullable().optional(),
  /** Move a failing call along the chain on its own ("Auto-fallback to other providers"). Default true. */
  autoFallback: z.boolean().optional(),
  /**
   * "Always ask before switching providers": the gateway never moves a call to another provider on
   * its own; only to the fallbacks the call itself names. Default false.
   */
  askBeforeSwitching: z.boolean().optional(),
});

/** What `PUT /api/routing` takes. */
export type RoutingInput = z.input<typeof routingInputSchema>;

/** The routing in force. */
export interface RoutingSettings {
  fallbackChain: string[];
  strategy?: StrategyName;
  autoFallback: boolean;
  askBeforeSwitching: boolean;
}

/** The routing in force: the saved settings over the config's `routing` section. */
export function effectiveRouting(
  config: LoadedConfig | undefined,
  saved: RoutingInput | undefined,
): RoutingSettings {
  const fromConfig = config?.config.routing;
  const strategy =
    saved?.strategy === null ? fromConfig?.strategy : (saved?.strategy ?? fromConfig?.strategy);
  return {
    fallbackChain: saved?.fallbackChain ?? fromConfig?.fallbackChain ?? [],
    ...(strategy && { strategy }),
    autoFallback: saved?.autoFallback ?? true,
    askBeforeSwitching: saved?.askBeforeSwitching ?? false,
  };
}

/** The chain entries the registry can route to now (a removed provider's entry is skipped, not an error). */
export function routableChain(chain: readonly string[], registry: ProviderRegistry): string[] {
  return chain.filter((ref) => {
    const slash = ref.indexOf('/');
    const provider = slash > 0 ? ref.slice(0, slash) : ref;
    if (!registry.has(provider)) return false;
    if (slash < 0) return registry.defaultModel(provider) !== undefined;
    const model = ref.slice(slash + 1);
    return (
      registry.listModels(provider).some((m) => m.id === model) || registry.getModelInfo(ref) !== undefined
    );
  });
}
