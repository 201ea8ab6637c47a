import type { JsonReply, VendorRequestContext } from '../../emulator/types.js';
import { authErrorReply, requestIdHeaders } from './errors.js';
import { isAzureClassic } from './request-shape.js';

/** The key a request carries: `Authorization: Bearer <key>` or Azure's `api-key` header. */
export function apiKeyOf(ctx: VendorRequestContext): string | undefined {
  const apiKey = ctx.headers['api-key'];
  if (typeof apiKey === 'string' && apiKey) return apiKey;
  const match = /^Bearer\s+(.+)$/i.exec(ctx.headers.authorization ?? '');
  return match?.[1];
}

/**
 * Gatekeeper run before every OpenAI call: Azure paths need `?api-version=` (Azure answers 404
 * "Resource not found" without it); every call needs a key, and the key `bad-key` is refused with 401.
 */
export function authenticateOpenAI(ctx: VendorRequestContext): JsonReply | undefined {
  if (isAzureClassic(ctx) && !ctx.query.get('api-version')) {
    return {
      kind: 'json',
      status: 404,
      headers: requestIdHeaders(ctx),
      body: { error: { code: '404', message: 'Resource not found' } },
    };
  }
  if (ctx.path.includes('/images/files/')) return undefined; // image URLs are fetched without a key, like signed blob URLs
  const key = apiKeyOf(ctx);
  if (key === undefined || key === 'bad-key') return authErrorReply(ctx, key);
  return undefined;
}
