import type { JsonReply, VendorRequestContext } from '../../emulator/types.js';
import { bedrockErrorReply } from './errors.js';

/** The access key id (SigV4) that the emulator rejects as unknown. */
export const BAD_ACCESS_KEY_ID = 'AKIDBADKEY';
/** The bearer token (`AWS_BEARER_TOKEN_BEDROCK`) that the emulator rejects. */
export const BAD_BEARER_TOKEN = 'bad-key';

/**
 * Accepts SigV4 (`AWS4-HMAC-SHA256 Credential=<key id>/…`) and bearer-token auth without checking
 * signatures; answers 403 like Bedrock for a missing header, the bad key id or the bad token.
 */
export function authenticateBedrock(ctx: VendorRequestContext): JsonReply | undefined {
  const header = ctx.headers.authorization;
  const authorization = Array.isArray(header) ? header[0] : header;
  if (!authorization) return bedrockErrorReply('MissingAuthenticationTokenException');
  const sigV4 = /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\//.exec(authorization);
  if (sigV4)
    return sigV4[1] === BAD_ACCESS_KEY_ID ? bedrockErrorReply('UnrecognizedClientException') : undefined;
  const bearer = /^Bearer (\S+)$/.exec(authorization);
  if (bearer)
    return bearer[1] === BAD_BEARER_TOKEN ? bedrockErrorReply('UnrecognizedClientException') : undefined;
  return bedrockErrorReply(
    'IncompleteSignatureException',
    `Authorization header requires 'Credential' parameter. Authorization=${authorization.split(' ')[0]}`,
    403,
  );
}
