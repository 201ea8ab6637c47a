import type { MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';

/**
 * One JSON line per HTTP request (`pal: 'http'`): method, path (never the query string, which
 * could carry a key), status, duration, PAL's request id and the gateway key's id when one was
 * checked — never a key, a token or a header.
 */
export function accessLog(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const status = c.res.status;
    const line = {
      pal: 'http',
      method: c.req.method,
      path: c.req.path,
      status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      ...(c.res.headers.get('x-request-id') && { requestId: c.res.headers.get('x-request-id') }),
      ...(c.get('gatewayKey') && { keyId: c.get('gatewayKey').id }),
    };
    if (status >= 500) logger.error(line, `${c.req.method} ${c.req.path} ${status}`);
    else if (status >= 400) logger.warn(line, `${c.req.method} ${c.req.path} ${status}`);
    else logger.info(line, `${c.req.method} ${c.req.path} ${status}`);
  };
}
