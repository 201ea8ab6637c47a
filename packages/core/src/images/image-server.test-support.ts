import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { type LocalServer, startLocalServer } from '../http/local-server.test-support.js';

/** A 1×1 PNG, as base64 and as bytes. */
export const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
export const PNG = Buffer.from(PNG_BASE64, 'base64');
/** A 1×1 GIF. */
export const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
/** A 1×1 lossless WebP. */
export const WEBP = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64');
/** The start of a JFIF JPEG (its signature and APP0 header). */
export const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');

/**
 * Test support: a real node:http server on 127.0.0.1 serving images and the ways an image URL goes
 * wrong. Paths: `/cat.png` (PNG), `/cat.gif`, `/cat.webp`, `/cat.jpg` (served as image/jpg),
 * `/mislabelled.png` (a PNG served as image/gif), `/page.html` (text/html), `/fake.png` (HTML served
 * as image/png), `/big.png` (a Content-Length of `bigBytes`), `/stream.png` (`bigBytes` of PNG,
 * chunked, no Content-Length), `/hang.png` (never answers), `/slow-body.png` (headers, then
 * nothing), `/missing.png` (404), `/redirect?to=<url>` (302 to `to`), `/loop` (302 to itself),
 * `/no-location` (302 without Location).
 */
export async function startImageServer(bigBytes = 4096): Promise<LocalServer> {
  return startLocalServer((request, response) => void serve(request.url, response, bigBytes));
}

function serve(path: string, response: ServerResponse, bigBytes: number): unknown {
  {
    const url = new URL(path, 'http://127.0.0.1');
    const send = (type: string, body: Buffer | string) => {
      response.writeHead(200, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
      response.end(body);
    };
    switch (url.pathname) {
      case '/cat.png':
        return send('image/png', PNG);
      case '/cat.gif':
        return send('image/gif', GIF);
      case '/cat.webp':
        return send('image/webp', WEBP);
      case '/cat.jpg':
        return send('image/jpg; charset=binary', JPEG);
      case '/mislabelled.png':
        return send('image/gif', PNG);
      case '/page.html':
        return send('text/html; charset=utf-8', '<html><body><img src="/cat.png"></body></html>');
      case '/fake.png':
        return send('image/png', '<!doctype html><html><body>Not found</body></html>');
      case '/tiny.png':
        return send('image/png', PNG.subarray(0, 6));
      case '/big.png':
        response.writeHead(200, { 'content-type': 'image/png', 'content-length': bigBytes });
        response.write(PNG);
        return; // never finished: the client must refuse it from the header
      case '/stream.png': {
        response.writeHead(200, { 'content-type': 'image/png' });
        response.write(PNG);
        const chunk = Buffer.alloc(1024, 1);
        let sent = PNG.length;
        const timer = setInterval(() => {
          if (response.destroyed || sent > bigBytes) {
            clearInterval(timer);
            if (!response.destroyed) response.end();
            return;
          }
          response.write(chunk);
          sent += chunk.length;
        }, 1);
        response.on('close', () => clearInterval(timer));
        return;
      }
      case '/hang.png':
        return; // no answer at all
      case '/slow-body.png':
        response.writeHead(200, { 'content-type': 'image/png' });
        response.write(PNG.subarray(0, 16));
        return;
      case '/redirect':
        response.writeHead(302, { location: url.searchParams.get('to') ?? '/' });
        return response.end();
      case '/loop':
        response.writeHead(302, { location: '/loop' });
        return response.end();
      case '/no-location':
        response.writeHead(302);
        return response.end();
      default:
        response.writeHead(404, { 'content-type': 'text/plain' });
        return response.end('not found');
    }
  }
}

/** The client sockets a run created, and where those that connected went. */
export interface SocketsOpened {
  created: number;
  /** `address:port` of each socket that connected. */
  connected: string[];
}

/**
 * Test support: records every TCP client socket this process creates while `run` runs (through
 * `net.client.socket`) and where it connected, so a test can show no connection was tried.
 */
export async function socketsOpenedDuring(run: () => Promise<unknown>): Promise<SocketsOpened> {
  const opened: SocketsOpened = { created: 0, connected: [] };
  const onSocket = (message: unknown) => {
    const socket = (message as { socket: Socket }).socket;
    opened.created++;
    socket.once('connect', () => opened.connected.push(`${socket.remoteAddress}:${socket.remotePort}`));
  };
  subscribe('net.client.socket', onSocket);
  try {
    await run();
  } finally {
    unsubscribe('net.client.socket', onSocket);
  }
  return opened;
}
