import type { JsonReply, VendorRequestContext } from '../../emulator/types.js';
import { anthropicErrorReply } from './errors.js';
import { checkVersion } from './validate.js';

/** The key the request carries: `x-api-key` (SDK 0.x) or `Authorization: Bearer` (SDK 1.x). */
function keyOf(ctx: VendorRequestContext): string | undefined {
  const apiKey = ctx.headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey !== '') return apiKey;
  const match = /^Bearer\s+(.+)$/i.exec(ctx.headers.authorization ?? '');
  return match?.[1];
}

/**
 * Anthropic's auth check: a missing key or the key `"bad-key"` gets 401 `authentication_error`;
 * a missing or unknown `anthropic-version` gets 400 `invalid_request_error`.
 */
export function authenticateAnthropic(ctx: VendorRequestContext): JsonReply | undefined {
  const key = keyOf(ctx);
  if (!key) {
    return anthropicErrorReply({
      status: 401,
      type: 'authentication_error',
      message: 'x-api-key header is required',
    });
  }
  if (key === 'bad-key') {
    return anthropicErrorReply({ status: 401, type: 'authentication_error', message: 'invalid x-api-key' });
  }
  const badVersion = checkVersion(ctx.headers);
  return badVersion ? anthropicErrorReply(badVersion) : undefined;
}
