import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { configError } from '@pal/core/provider';
import type { Hono } from 'hono';

/** Options of {@link listen}. */
export interface ListenOptions {
  /** Default `PORT`, else 8787; 0 picks a free port. */
  port?: number;
  /** Default `HOST`, else 127.0.0.1 (never all interfaces unless asked). */
  host?: string;
}

/** A gateway listening on a port. */
export interface Listening {
  url: string;
  port: number;
  host: string;
  /**
   * Stops accepting connections and waits for open requests (streams included) to end, up to
   * `deadlineMs`; then `onDeadline` runs (abort what is left so each stream ends with a typed
   * error) and the remaining connections are closed a moment later.
   */
  close(options?: { deadlineMs?: number; onDeadline?: () => void }): Promise<void>;
}

/**
 * Serves `app` with `@hono/node-server` on `host:port` (127.0.0.1:8787 by default, `HOST` / `PORT`
 * from the environment) and resolves once it listens.
 * @example
 * const gateway = await listen(createGateway({ router, runtime }), { port: 0 });
 * console.log(gateway.url); // http://127.0.0.1:53127
 */
export function listen(app: Hono, options: ListenOptions = {}): Promise<Listening> {
  const host = options.host ?? process.env.HOST ?? '127.0.0.1';
  const port = options.port ?? portFromEnv() ?? 8787;
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname: host }, (info: AddressInfo) => {
      const shownHost = info.address.includes(':') ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${shownHost}:${info.port}`,
        port: info.port,
        host: info.address,
        close: ({ deadlineMs = 10_000, onDeadline } = {}) =>
          new Promise<void>((done) => {
            const http = server as import('node:http').Server;
            let finished = false;
            const timer = setTimeout(() => {
              onDeadline?.();
              // give aborted streams a moment to write their final error event
              setTimeout(() => http.closeAllConnections?.(), 250).unref();
            }, deadlineMs);
            timer.unref();
            http.close(() => {
              finished = true;
              clearTimeout(timer);
              done();
            });
            http.closeIdleConnections?.();
            if (finished) clearTimeout(timer);
          }),
      });
    });
    server.once('error', reject);
  });
}

function portFromEnv(): number | undefined {
  const raw = process.env.PORT;
  if (raw === undefined || raw === '') return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw configError('env.PORT', `expected a port number (0-65535), got "${raw}"`);
  return port;
}
