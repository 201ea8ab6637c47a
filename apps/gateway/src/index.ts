/**
 * @pal/gateway: the OpenAI- and Anthropic-compatible HTTP gateway over the PAL router.
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
export { GatewayFailureError, gatewayFailure, toFailure, type GatewayFailure } from './http/gateway-error.js';
export { readBody } from './http/read-body.js';
export { STATUS_BY_CODE } from './http/status.js';
