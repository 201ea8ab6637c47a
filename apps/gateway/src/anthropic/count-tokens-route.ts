import type { Context } from 'hono';
import type { GatewayDeps } from '../gateway.js';
import { palHeaders } from '../http/pal-headers.js';
import { readBody } from '../http/read-body.js';
import { requestCall } from '../http/request-call.js';
import { countTokensRequestSchema } from './messages-request.js';
import { routedRequest } from './routed-request.js';

/**
 * `POST /v1/messages/count_tokens`: `{ input_tokens }` for the prompt as the kernel estimates it
 * on the target the router would try first (nothing is sent to a provider: `x-pal-attempts: 0`;
 * the estimate plans with the router's own routing, not the body's `provider_hint` or `fallbacks`).
 */
export async function countTokensRoute(c: Context, deps: GatewayDeps): Promise<Response> {
  const body = await readBody(c, countTokensRequestSchema);
  c.header('request-id', requestCall(c, 'chat').requestId);
  const { request, warnings } = routedRequest(body, deps.runtime.registry);
  const estimate = await deps.router.estimate(request);
  const headers = palHeaders({ provider: estimate.provider, model: estimate.model, attempts: 0, warnings });
  return c.json({ input_tokens: estimate.inputTokens }, 200, headers);
}
