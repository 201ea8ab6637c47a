import type { Hono } from 'hono';
import type { GatewayDeps } from '../gateway.js';
import { countTokensRoute } from './count-tokens-route.js';
import { messagesRoute } from './messages-route.js';

/**
 * The Anthropic-compatible surface: `POST /v1/messages` (JSON and SSE) and
 * `POST /v1/messages/count_tokens`, for Anthropic's SDK and tools built for Anthropic's
 * LLM-gateway protocol, served by any provider. `x-api-key`, `Authorization` and
 * `anthropic-version` are accepted as the SDK sends them; errors come back in Anthropic's shape
 * (the gateway's dialect for `/v1/messages*`).
 */
export function registerAnthropic(app: Hono, deps: GatewayDeps): void {
  app.post('/v1/messages', (c) => messagesRoute(c, deps));
  app.post('/v1/messages/count_tokens', (c) => countTokensRoute(c, deps));
}
