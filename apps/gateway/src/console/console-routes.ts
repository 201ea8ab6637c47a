import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Context, Hono } from 'hono';
import { consoleDir, hasConsoleBuild } from './console-dir.js';
import { contentTypeOf, IMMUTABLE, REVALIDATE, SECURITY_HEADERS } from './console-headers.js';

/** Options of {@link registerConsole}. */
export interface ConsoleRouteOptions {
  /** The built console (default: {@link consoleDir}). */
  dir?: string;
}

/** Built asset names: Vite's hashed files, one level, no path tricks. */
const ASSET_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/** Text assets worth compressing. */
const COMPRESSIBLE = /\.(?:js|css|svg|json|map)$/;

/**
 * Serves the web console's static build: `GET /` (and `/index.html`) the page, revalidated on every
 * load; `GET /assets/<hashed name>` cached for a year (gzipped for clients that take it, once per
 * file: a hashed file never changes); both with a CSP that allows no inline script. Without a
 * build it answers `/` with a 503 page saying how to make one.
 */
export function registerConsole(app: Hono, options: ConsoleRouteOptions = {}): void {
  const dir = consoleDir(options.dir);
  const page = async (c: Context) => {
    if (!hasConsoleBuild(dir))
      return c.text(
        `The console is not built (nothing at ${dir}). Run \`pnpm build\` in the repository, then reload.`,
        503,
        { ...SECURITY_HEADERS, 'cache-control': 'no-store' },
      );
    const html = await readFile(join(dir, 'index.html'));
    return c.body(html, 200, {
      ...SECURITY_HEADERS,
      'content-type': contentTypeOf('.html'),
      'cache-control': REVALIDATE,
    });
  };
  app.get('/', page);
  app.get('/index.html', page);
  const gzipped = new Map<string, Uint8Array<ArrayBuffer>>();
  app.get('/assets/:name', async (c) => {
    const name = c.req.param('name');
    if (!ASSET_NAME.test(name)) return c.notFound();
    const body = await readFile(join(dir, 'assets', name)).catch(() => undefined);
    if (!body) return c.notFound();
    const headers = { ...SECURITY_HEADERS, 'content-type': contentTypeOf(name), 'cache-control': IMMUTABLE };
    if (!COMPRESSIBLE.test(name)) return c.body(body, 200, headers);
    const vary = { ...headers, vary: 'accept-encoding' };
    if (!/\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) return c.body(body, 200, vary);
    let packed = gzipped.get(name);
    if (!packed) {
      packed = new Uint8Array(gzipSync(body, { level: 9 }));
      gzipped.set(name, packed);
    }
    return c.body(packed, 200, { ...vary, 'content-encoding': 'gzip' });
  });
}
