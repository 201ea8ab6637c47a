import type { VendorRequestContext } from '../../emulator/types.js';

/** True when the call came in on an Azure OpenAI path (`/openai/deployments/…`, `/openai/models`, `/openai/responses`). */
export function isAzureClassic(ctx: Pick<VendorRequestContext, 'path'>): boolean {
  return ctx.path.startsWith('/openai/') && !ctx.path.startsWith('/openai/v1/');
}

/** The model a call names: the body's `model`, else the Azure deployment, else the path's `model` parameter. */
export function requestedModel(ctx: VendorRequestContext, fallback = 'gpt-4o-mini'): string {
  const fromBody = (ctx.body as { model?: unknown } | undefined)?.model;
  if (typeof fromBody === 'string' && fromBody) return fromBody;
  return ctx.params.deployment ?? ctx.params.model ?? fallback;
}

/** The host the client used (for absolute URLs in answers), from `Host` or the HTTP/2 `:authority`. */
export function requestOrigin(ctx: VendorRequestContext): string {
  const host = ctx.headers.host ?? (ctx.headers[':authority'] as string | undefined) ?? '127.0.0.1';
  return `http://${host}`;
}
