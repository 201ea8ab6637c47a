import type { ProviderRegistry } from '@pal/core';

/** A dated Anthropic snapshot id: `claude-haiku-4-5-20251001` is the alias `claude-haiku-4-5` at that date. */
const DATED = /^(.+)-\d{8}$/;

function resolves(registry: ProviderRegistry, ref: string): boolean {
  try {
    registry.getProviderForModel(ref);
    return true;
  } catch {
    return false;
  }
}

/**
 * The model to route for a request's `model`: `provider/model`, a bare id or `auto` as given;
 * an Anthropic snapshot id the catalogs do not list (`claude-haiku-4-5-20251001`, what Anthropic's
 * SDK examples and Claude Code send) as the alias it belongs to, when a registered catalog has
 * that alias. Anything else is passed on unchanged, for the router to resolve or refuse.
 */
export function resolveModelRef(registry: ProviderRegistry, model: string): string {
  if (resolves(registry, model)) return model;
  const alias = DATED.exec(model)?.[1];
  return alias !== undefined && resolves(registry, alias) ? alias : model;
}
