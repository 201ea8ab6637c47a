import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consoleDir, hasConsoleBuild } from './console-dir.js';
import { CONSOLE_CSP } from './console-headers.js';
import { registerConsole } from './console-routes.js';

/** Paths that try to leave the assets folder, or name nothing in it. */
const NOT_SERVED = [
  '/assets/..%2Fsecret.txt',
  '/assets/%2e%2e%2fsecret.txt',
  '/assets/.hidden',
  '/assets/nope.js',
];

describe('the console routes', () => {
  let dir: string;
  let app: Hono;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pal-console-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(
      join(dir, 'index.html'),
      '<!doctype html><script type="module" src="/assets/index-Ab1.js"></script>',
    );
    writeFileSync(join(dir, 'assets', 'index-Ab1.js'), 'console.log(1)');
    writeFileSync(join(dir, 'assets', 'index-Cd2.css'), 'body{}');
    writeFileSync(join(dir, 'secret.txt'), 'not served');
    app = new Hono();
    registerConsole(app, { dir });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('serves the page at / with no-cache and a CSP without inline scripts', async () => {
    const response = await app.request('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toBe(CONSOLE_CSP);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('/assets/index-Ab1.js');
    expect((await app.request('/index.html')).status).toBe(200);
  });

  it('serves hashed assets with their type, cached for a year', async () => {
    const js = await app.request('/assets/index-Ab1.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await js.text()).toBe('console.log(1)');
    const css = await app.request('/assets/index-Cd2.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('gzips text assets for clients that accept it', async () => {
    const response = await app.request('/assets/index-Ab1.js', {
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('vary')).toBe('accept-encoding');
    expect(gunzipSync(Buffer.from(await response.arrayBuffer())).toString()).toBe('console.log(1)');
    const plain = await app.request('/assets/index-Ab1.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe('console.log(1)');
  });

  it('serves nothing outside the assets folder, and no unknown asset', async () => {
    for (const path of NOT_SERVED) expect((await app.request(path)).status, path).toBe(404);
    expect((await app.request('/secret.txt')).status).toBe(404);
  });

  it('says how to build the console when there is no build', async () => {
    const empty = new Hono();
    const none = join(dir, 'none');
    registerConsole(empty, { dir: none });
    const response = await empty.request('/');
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('pnpm build');
  });

  it('finds the console package beside the gateway in the workspace, or where PAL_CONSOLE_DIR says', () => {
    expect(consoleDir(undefined, {}).replaceAll('\\', '/')).toMatch(/apps\/console\/dist$/);
    expect(consoleDir(undefined, { PAL_CONSOLE_DIR: dir })).toBe(dir);
    expect(consoleDir('/x/y', { PAL_CONSOLE_DIR: dir })).toBe('/x/y');
    expect(hasConsoleBuild(dir)).toBe(true);
    expect(hasConsoleBuild(join(dir, 'assets'))).toBe(false);
  });
});
