import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A 1×1 PNG, base64: what the image server serves at `/cat.png`. */
export const TEST_PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/** One file the image server serves. */
export interface ServedFile {
  contentType: string;
  body: Uint8Array | string;
}

/** One request the image server received. */
export interface ImageServerRequest {
  method: string;
  /** Path and query. */
  url: string;
  headers: IncomingHttpHeaders;
}

/** A running image server. */
export interface ImageServer {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** Every request, in order. */
  requests: ImageServerRequest[];
  /** Client connections accepted so far. */
  readonly connections: number;
  /** Forgets the requests (not the connection count). */
  reset(): void;
  close(): Promise<void>;
}

/**
 * Testing utility: a real `node:http` server on 127.0.0.1 (a random port) serving images for
 * tests of image URL fetching (`images: { fetchUrls: true }`, loopback allowed with
 * `allowPrivateHosts: ['127.0.0.1']`). It serves `/cat.png` (a 1×1 PNG, {@link TEST_PNG_BASE64}),
 * `/page.html` (text/html), `/redirect?to=<url>` (302 to `to`), `files` at their paths, and 404
 * for anything else, recording every request.
 * @example
 * const images = await startImageServer();
 * await pal.chat({ model, messages: [{ role: 'user', content: [{ type: 'image', url: `${images.url}/cat.png` }] }] });
 * expect(images.requests).toHaveLength(1);
 */
export async function startImageServer(files: Record<string, ServedFile> = {}): Promise<ImageServer> {
  const served: Record<string, ServedFile> = {
    '/cat.png': { contentType: 'image/png', body: Buffer.from(TEST_PNG_BASE64, 'base64') },
    '/page.html': { contentType: 'text/html; charset=utf-8', body: '<html><body>a cat</body></html>' },
    ...files,
  };
  const requests: ImageServerRequest[] = [];
  const open = new Set<Socket>();
  let connections = 0;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const to = url.pathname === '/redirect' ? url.searchParams.get('to') : null;
    if (to) {
      res.writeHead(302, { location: to });
      res.end();
      return;
    }
    const file = served[url.pathname];
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    const body = typeof file.body === 'string' ? Buffer.from(file.body) : file.body;
    res.writeHead(200, { 'content-type': file.contentType, 'content-length': body.byteLength });
    res.end(body);
  });
  server.on('connection', (socket) => {
    connections++;
    open.add(socket);
    socket.on('close', () => open.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get connections() {
      return connections;
    },
    reset: () => {
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
