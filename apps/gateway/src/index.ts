/**
 * @pal/gateway: the OpenAI- and Anthropic-compatible HTTP gateway over the PAL router, with
 * gateway keys, the console API, metrics, and `buildServer` to assemble it from a data directory.
 * @packageDocumentation
 */
export { createGateway, dialectFor, type GatewayDeps, type GatewayOptions } from './gateway.js';
export {
  anthropicDialect,
  type Dialect,
  failureResponse,
  openaiDialect,
  palDialect,
} from './http/dialect.js';
export {
  GatewayFailureError,
  gatewayError,
  gatewayFailure,
  toFailure,
  type GatewayFailure,
} from './http/gateway-error.js';
export { readBody } from './http/read-body.js';
export { STATUS_BY_CODE } from './http/status.js';
export type { KeyGrant } from './keys/key-grant.js';
export { SANDBOX_KEY } from './keys/key-auth.js';
export { listen, type ListenOptions, type Listening } from './listen.js';
export type { AdminToken } from './server/admin-token.js';
export { buildServer, type PalServer } from './server/build-server.js';
export { type ServerOptions, serverOptionsSchema } from './server/server-options.js';
export { SANDBOX_VENDORS, type SandboxProvider, sandboxProviders } from './sandbox/sandbox-providers.js';
export type * from './api/console-api-types.js';
