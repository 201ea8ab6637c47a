import { configError } from './config-error.js';
import { type PalConfig, ROUTING_STRATEGIES } from './config-schema.js';

/**
 * Applies `PAL_FALLBACK_CHAIN` (comma-separated model refs) and `PAL_ROUTING_STRATEGY`
 * over the config's routing. An unknown strategy is a CONFIG_ERROR naming the variable.
 */
export function applyEnvOverrides(config: PalConfig, env: NodeJS.ProcessEnv): PalConfig {
  const chain = env.PAL_FALLBACK_CHAIN?.trim();
  const strategy = env.PAL_ROUTING_STRATEGY?.trim();
  if (!chain && !strategy) return config;
  const routing = { ...config.routing };
  if (chain) {
    routing.fallbackChain = chain
      .split(',')
      .map((ref) => ref.trim())
      .filter(Boolean);
  }
  if (strategy) {
    if (!(ROUTING_STRATEGIES as readonly string[]).includes(strategy)) {
      throw configError(
        'env.PAL_ROUTING_STRATEGY',
        `"${strategy}" is not a routing strategy; expected one of ${ROUTING_STRATEGIES.join(', ')}`,
      );
    }
    routing.strategy = strategy as (typeof ROUTING_STRATEGIES)[number];
  }
  return { ...config, routing };
}
