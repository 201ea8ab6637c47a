import type { Call } from '@pal/core';
import type { RouteOptions } from '@pal/router';
import type { Context } from 'hono';
import type { KeyGrant } from '../keys/key-grant.js';
import { providerHintHeader } from './provider-hint-header.js';

/** What a route passes to `router.chat` / `router.stream`. */
export type GatewayCallOptions = RouteOptions & {
  call: Call;
  signal: AbortSignal;
  /** The checked gateway key's grant (its id and limits), when `/v1` is behind keys; the gateway's router applies it. */
  grant?: KeyGrant;
};

/**
 * The router options of one gateway call: the body's routing (`routeOf`), the `x-pal-provider-hint`
 * header over the body's hint, the request's logical call (`requestCall`), the client's abort
 * signal, so a client that disconnects cancels the upstream call, and the grant of the key that
 * sent it.
 */
export function callOptions(c: Context, route: RouteOptions, call: Call): GatewayCallOptions {
  const hint = providerHintHeader(c) ?? route.hint;
  const grant = c.get('gatewayKey');
  return { ...route, ...(hint && { hint }), call, signal: c.req.raw.signal, ...(grant && { grant }) };
}
