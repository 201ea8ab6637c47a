import type { ProviderRegistry } from '@pal/core';
import { AUTO_MODEL, type Candidate, matches } from '@pal/router';
import { gatewayError } from '../http/gateway-error.js';
import type { KeyGrant } from './key-grant.js';

/** What a call may be routed to once a key's allowed models are applied. */
export interface AllowedRoute {
  /** The request's model, pinned to `provider/model` when the key is restricted (a bare id could reach another provider). */
  model: string;
  /** The call's fallback chain: only allowed targets (`false`: none). */
  fallback: readonly string[] | false | undefined;
}

/** Whether `patterns` (a key's allowed models) let a call go to `provider/modelId`. */
export function modelAllowed(patterns: readonly string[], provider: string, modelId: string): boolean {
  const target = { provider, ref: `${provider}/${modelId}` } as Candidate;
  return patterns.some((pattern) => (pattern === '*' ? true : matches(pattern, target)));
}

/**
 * Keeps a call of a key with allowed models on those models: the model it asks for must be one
 * (else a 403 naming the model and what the key may use), a bare model id is pinned to the
 * provider it resolves to, a fallback the call names must be one too (403 naming
 * `fallbacks.N`), and the router's own chain is cut to the allowed targets; `auto` goes only to
 * allowed ones. A key without allowed models routes as it asked.
 */
export function allowedRoute(
  grant: KeyGrant,
  request: { model: string; fallback: readonly string[] | false | undefined },
  registry: ProviderRegistry,
  routerChain: readonly string[],
  operation: 'chat' | 'stream' | 'embed',
): AllowedRoute {
  const patterns = grant.allowedModels;
  if (!patterns) return request;
  const allowed = (ref: string) => {
    const target = targetOf(registry, ref);
    return target !== undefined && modelAllowed(patterns, target.provider, target.modelId);
  };
  const refuse = (what: string, path: Array<string | number>) =>
    gatewayError(
      403,
      'INVALID_REQUEST',
      `Gateway key ${grant.id} may not use ${what}; it may use ${patterns.map((p) => `"${p}"`).join(', ')}`,
      {
        path,
        action: 'pick-another-model',
        userMessage: `This gateway key may not use ${what}. Pick one of the models it allows.`,
      },
    );
  if (Array.isArray(request.fallback)) {
    request.fallback.forEach((ref, index) => {
      if (!allowed(ref)) throw refuse(`"${ref}"`, ['fallbacks', index]);
    });
  }

  if (request.model === AUTO_MODEL) {
    const pool = Array.isArray(request.fallback)
      ? request.fallback
      : routerChain.length > 0 && request.fallback !== false
        ? routerChain
        : registry.listEnabled().map((adapter) => adapter.id);
    const kept = pool.filter(allowed);
    if (kept.length === 0) throw refuse('any model "auto" could route to', ['model']);
    return { model: AUTO_MODEL, fallback: kept };
  }

  // the model must resolve (an unknown one is the registry's 404) and be allowed
  const resolved = registry.getProviderForModel(request.model);
  if (!modelAllowed(patterns, resolved.provider.id, resolved.modelId))
    throw refuse(`"${request.model}"`, ['model']);
  const model = `${resolved.provider.id}/${resolved.modelId}`;
  if (request.fallback !== undefined) return { model, fallback: request.fallback };
  if (operation === 'embed') return { model, fallback: undefined };
  const chain = routerChain.filter(allowed);
  return { model, fallback: chain.length > 0 ? chain : false };
}

function targetOf(
  registry: ProviderRegistry,
  ref: string,
): { provider: string; modelId: string } | undefined {
  try {
    const resolved = registry.getProviderForModel(ref);
    return { provider: resolved.provider.id, modelId: resolved.modelId };
  } catch {
    return undefined;
  }
}
