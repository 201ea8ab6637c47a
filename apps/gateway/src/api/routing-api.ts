import { ROUTING_STRATEGIES } from '@pal/core';
import type { Hono } from 'hono';
import { gatewayError } from '../http/gateway-error.js';
import { readBody } from '../http/read-body.js';
import {
  effectiveRouting,
  ROUTING_SETTING,
  type RoutingInput,
  type RoutingSettings,
  routableChain,
  routingInputSchema,
} from '../server/routing-settings.js';
import type { ConsoleDeps } from './console-deps.js';

/** The routing in force, as the Fallback screen shows it. */
export interface RoutingView extends RoutingSettings {
  /** The strategies the gateway offers. */
  strategies: readonly string[];
  /** Chain entries skipped now (their provider is removed or switched off in the store). */
  skipped: string[];
}

/**
 * Routing (seed 003's fallback settings): `GET /api/routing` and `PUT /api/routing` — the fallback
 * chain (provider ids or `provider/model`, in order), the strategy, "auto-fallback to other
 * providers" and "always ask before switching providers". A chain entry PAL cannot route to is a
 * 400 naming `fallbackChain.N`. Saved in the store (audited), in force from the next call.
 */
export function registerRoutingApi(app: Hono, deps: ConsoleDeps): void {
  const { store, config } = deps;
  const registry = deps.runtime.registry;
  const view = (): RoutingView => {
    const routing = effectiveRouting(config, store.getSetting<RoutingInput>(ROUTING_SETTING));
    const routable = routableChain(routing.fallbackChain, registry);
    return {
      ...routing,
      strategies: ROUTING_STRATEGIES,
      skipped: routing.fallbackChain.filter((ref) => !routable.includes(ref)),
    };
  };

  app.get('/api/routing', (c) => c.json(view()));
  app.put('/api/routing', async (c) => {
    const input = await readBody(c, routingInputSchema);
    input.fallbackChain?.forEach((ref, index) => {
      if (routableChain([ref], registry).length === 0)
        throw gatewayError(
          400,
          'INVALID_REQUEST',
          `Invalid request body: fallbackChain.${index}: "${ref}" is not a registered provider or one of its models`,
          { path: ['fallbackChain', index], action: 'provider-settings' },
        );
    });
    const before = store.getSetting<RoutingInput>(ROUTING_SETTING);
    const next = { ...before, ...input };
    store.setSetting(ROUTING_SETTING, next, { actor: c.get('actor') });
    try {
      await deps.rebuildRouter();
    } catch (error) {
      store.setSetting(ROUTING_SETTING, before, { actor: c.get('actor') });
      throw error;
    }
    return c.json(view());
  });
}
