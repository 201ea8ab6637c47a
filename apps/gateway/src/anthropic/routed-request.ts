import type { ProviderRegistry } from '@pal/core';
import type { RouteOptions } from '@pal/router';
import { routeOf } from '../http/route-extensions.js';
import type { CountTokensRequest } from './messages-request.js';
import { resolveModelRef } from './model-ref.js';
import { type TranslatedRequest, toPalRequest } from './to-pal-request.js';

/** A Messages body as PAL routes it: the request, its warnings, and the router's per-call routing. */
export interface RoutedRequest extends TranslatedRequest {
  route: RouteOptions;
}

/**
 * The body's model with PAL's extensions applied (`provider`, `provider_hint`, `fallbacks`), an
 * Anthropic snapshot id resolved to its alias, and the body translated to PAL's request.
 */
export function routedRequest(body: CountTokensRequest, registry: ProviderRegistry): RoutedRequest {
  const { model, route } = routeOf(body.model, body, registry);
  return { ...toPalRequest(body, resolveModelRef(registry, model)), route };
}
