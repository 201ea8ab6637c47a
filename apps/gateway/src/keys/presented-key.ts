import type { Context } from 'hono';

/**
 * The key a caller presented: `Authorization: Bearer <key>`, or on `/v1/messages*` (Anthropic's
 * SDK) `x-api-key: <key>` as well. Undefined when none was sent. Never logged, never echoed.
 */
export function presentedKey(c: Context): string | undefined {
  if (c.req.path.startsWith('/v1/messages')) {
    const apiKey = c.req.header('x-api-key')?.trim();
    if (apiKey) return apiKey;
  }
  const authorization = c.req.header('authorization');
  if (!authorization) return undefined;
  const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
  return match?.[1]?.trim() || undefined;
}
