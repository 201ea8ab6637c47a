import { isPalError, type ProviderRegistry } from '@pal/core';
import { z } from '@pal/core/provider';
import { AUTO_MODEL, PROVIDER_HINTS, type RouteOptions } from '@pal/router';
import { invalidField } from './invalid-field.js';

/**
 * PAL's extensions to a vendor-shaped request body, for any dialect's schema to spread in:
 * - `provider`: the provider of a bare `model` (`{ model: 'gpt-5.4', provider: 'openai' }` is
 *   `openai/gpt-5.4`; with `model: 'auto'`, that provider's default model);
 * - `provider_hint`: seed 002's routing hint (`local_preferred`, `cloud_preferred`,
 *   `best_quality`, `cheapest`), the router's per-call `hint`;
 * - `fallbacks`: this call's fallback chain (`provider/model` refs or provider ids), the router's
 *   per-call `fallback`; `[]` means none, not even the router's own chain.
 */
export const routeExtensionsShape = {
  provider: z.string().min(1).optional(),
  provider_hint: z.enum(PROVIDER_HINTS).optional(),
  fallbacks: z.array(z.string().min(1)).optional(),
};

/** The extension fields as parsed. */
export interface RouteExtensions {
  provider?: string | undefined;
  provider_hint?: (typeof PROVIDER_HINTS)[number] | undefined;
  fallbacks?: string[] | undefined;
}

/**
 * The model ref to route and the router's per-call options, from the body's `model` and its PAL
 * extensions. A `provider` that contradicts a `provider/model` ref, or a fallback PAL cannot route
 * to, is a 400 naming the field (checked here, so it is the caller's error and not a router
 * CONFIG_ERROR).
 */
export function routeOf(
  model: string,
  extensions: RouteExtensions,
  registry: ProviderRegistry,
): { model: string; route: RouteOptions } {
  const route: RouteOptions = {};
  if (extensions.provider_hint) route.hint = extensions.provider_hint;
  if (extensions.fallbacks) {
    extensions.fallbacks.forEach((ref, index) => {
      try {
        registry.getProviderForModel(ref);
      } catch (error) {
        if (!isPalError(error)) throw error;
        throw invalidField(['fallbacks', index], `"${ref}" cannot be routed to: ${error.message}`, error);
      }
    });
    route.fallback = extensions.fallbacks.length > 0 ? extensions.fallbacks : false;
  }
  return { model: withProvider(model, extensions.provider), route };
}

function withProvider(model: string, provider: string | undefined): string {
  if (provider === undefined) return model;
  if (model === AUTO_MODEL) return provider;
  const slash = model.indexOf('/');
  if (slash === -1) return `${provider}/${model}`;
  if (model.slice(0, slash) === provider) return model;
  throw invalidField(
    ['provider'],
    `provider "${provider}" contradicts model "${model}": give a bare model id with provider, or only "provider/model"`,
  );
}
