import type { Runtime } from '@pal/core';
import type { Router } from '@pal/router';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
  anthropicDialect,
  type Dialect,
  failureResponse,
  openaiDialect,
  palDialect,
} from './http/dialect.js';
import { gatewayFailure, toFailure } from './http/gateway-error.js';
import { registerAnthropic } from './anthropic/register-anthropic.js';
import { registerOpenAI } from './openai/register-openai.js';
import { registerOps } from './ops/ops-routes.js';

/** What the gateway's routes work with. */
export interface GatewayDeps {
  /** Serves every call: routing, fallback, hedging over the runtime. */
  router: Router;
  /** The runtime under the router (registry, catalog, live state). */
  runtime: Runtime;
  /** Labels responses and the console "sandbox" (emulated vendors, no real keys). */
  sandbox: boolean;
}

/** Options of {@link createGateway}. */
export interface GatewayOptions extends Omit<GatewayDeps, 'sandbox'> {
  sandbox?: boolean;
  /** Largest request body accepted (bytes); larger → 413. Default 4 MiB. */
  maxBodyBytes?: number;
}

/** The dialect of the routes under a path: OpenAI's for `/v1/*`, Anthropic's for `/v1/messages*`, PAL's elsewhere. */
export function dialectFor(path: string): Dialect {
  if (path.startsWith('/v1/messages')) return anthropicDialect;
  if (path === '/v1/summarize') return palDialect; // PAL's own endpoint under /v1 (seed 002)
  if (path.startsWith('/v1/')) return openaiDialect;
  return palDialect;
}

/**
 * The gateway as a Hono app: OpenAI- and Anthropic-compatible endpoints over a PAL router, plus
 * health and readiness. Errors come back in the caller's dialect with PAL's `code`; every response
 * carries `x-request-id` (and `x-pal-sandbox: true` in the sandbox).
 * @example
 * ```ts
 * import { serve } from '@hono/node-server';
 * const app = createGateway({ router, runtime });
 * serve({ fetch: app.fetch, port: 8787, hostname: '127.0.0.1' });
 * ```
 */
export function createGateway(options: GatewayOptions): Hono {
  const deps: GatewayDeps = {
    router: options.router,
    runtime: options.runtime,
    sandbox: options.sandbox ?? false,
  };
  const app = new Hono();
  const maxBodyBytes = options.maxBodyBytes ?? 4 * 1024 * 1024;

  app.use('*', async (c, next) => {
    await next();
    if (deps.sandbox) c.header('x-pal-sandbox', 'true');
  });
  app.use(
    '*',
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: (c) =>
        failureResponse(
          c,
          dialectFor(c.req.path),
          gatewayFailure(413, 'INVALID_REQUEST', `The request body is larger than ${maxBodyBytes} bytes`),
        ),
    }),
  );

  registerOps(app, deps);
  registerAnthropic(app, deps);
  registerOpenAI(app, deps);

  app.notFound((c) =>
    failureResponse(
      c,
      dialectFor(c.req.path),
      gatewayFailure(404, 'INVALID_REQUEST', `No route ${c.req.method} ${c.req.path}`),
    ),
  );
  app.onError((error, c) => failureResponse(c, dialectFor(c.req.path), toFailure(error)));
  return app;
}
