import type { Runtime } from '@pal/core';
import type { Router } from '@pal/router';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Logger } from 'pino';
import type { AdminAuthOptions } from './api/admin-auth.js';
import type { ConsoleDeps } from './api/console-deps.js';
import { registerConsoleApi } from './api/register-api.js';
import { registerAnthropic } from './anthropic/register-anthropic.js';
import { registerConsole } from './console/console-routes.js';
import { accessLog } from './http/access-log.js';
import { failureResponse } from './http/dialect.js';
import { gatewayFailure, toFailure } from './http/gateway-error.js';
import { dialectFor } from './http/route-dialect.js';
import { type KeyAuthOptions, keyAuth } from './keys/key-auth.js';
import { registerOpenAI } from './openai/register-openai.js';
import { type MetricsSource, registerMetrics } from './ops/metrics-route.js';
import { registerOps } from './ops/ops-routes.js';

export { dialectFor } from './http/route-dialect.js';

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
  /** Gateway keys on `/v1/*` (absent: `/v1` is open, as in tests of the protocol surfaces). */
  keys?: KeyAuthOptions;
  /** The admin token check of `/api/*`; with `console`, the console API is mounted. */
  admin?: AdminAuthOptions;
  /** What the console API reads and changes. */
  console?: ConsoleDeps;
  /** `GET /metrics` (the prometheus sink's `metricsHandler`). */
  metrics?: MetricsSource;
  /** One JSON access-log line per request. */
  logger?: Logger;
}

/**
 * The gateway as a Hono app: OpenAI- and Anthropic-compatible endpoints over a PAL router
 * (behind gateway keys when `keys` is given), the console API under `/api/*` (behind the admin
 * token), `/metrics`, health and readiness. Errors come back in the caller's dialect with PAL's
 * `code`; every response carries `x-request-id` (and `x-pal-sandbox: true` in the sandbox).
 * `buildServer` assembles all of it from a data directory.
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

  if (options.logger) app.use('*', accessLog(options.logger));
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
  if (options.metrics) registerMetrics(app, options.metrics);
  if (options.keys) app.use('/v1/*', keyAuth(options.keys));
  if (options.console && options.admin) registerConsoleApi(app, options.console, options.admin);
  registerAnthropic(app, deps);
  registerOpenAI(app, deps);
  if (options.console) registerConsole(app); // the web console's page and assets at /

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
