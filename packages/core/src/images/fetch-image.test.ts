import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalServer } from '../http/local-server.test-support.js';
import { isPalError, type PalError } from '../errors/pal-error.js';
import { fetchImage } from './fetch-image.js';
import type { ImageFetchOptions } from './image-fetch-options.js';
import { GIF, JPEG, PNG, socketsOpenedDuring, startImageServer, WEBP } from './image-server.test-support.js';

let server: LocalServer;
let other: LocalServer;
beforeAll(async () => {
  server = await startImageServer(64 * 1024);
  other = await startImageServer();
});
afterAll(async () => {
  await server.close();
  await other.close();
});

/** Loopback allowed explicitly: the server lives on 127.0.0.1. */
const LOOPBACK: ImageFetchOptions = { allowPrivateHosts: ['127.0.0.1'] };
const path = ['messages', 0, 'content', 1, 'url'];

async function refusal(run: Promise<unknown>): Promise<PalError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isPalError(error), `expected a PalError, got ${String(error)}`).toBe(true);
  return error as PalError;
}

describe('fetchImage: what it downloads', () => {
  it.each([
    ['/cat.png', PNG, 'image/png'],
    ['/cat.gif', GIF, 'image/gif'],
    ['/cat.webp', WEBP, 'image/webp'],
    ['/cat.jpg', JPEG, 'image/jpeg'], // served as image/jpg with parameters
  ])('%s: its bytes and type', async (file, bytes, type) => {
    const image = await fetchImage(`${server.url}${file}`, LOOPBACK);
    expect(image.mediaType).toBe(type);
    expect(image.bytes.equals(bytes)).toBe(true);
  });

  it('takes the type from the bytes when the label names another image type', async () => {
    const image = await fetchImage(`${server.url}/mislabelled.png`, LOOPBACK);
    expect(image.mediaType).toBe('image/png');
  });

  it('follows redirects (relative and absolute) within maxRedirects, re-checking each hop', async () => {
    const to = encodeURIComponent(`${other.url}/cat.png`);
    const image = await fetchImage(`${server.url}/redirect?to=${to}`, LOOPBACK);
    expect(image.bytes.equals(PNG)).toBe(true);
    const relative = await fetchImage(`${server.url}/redirect?to=/cat.gif`, LOOPBACK);
    expect(relative.mediaType).toBe('image/gif');
  });

  it('sends no credentials of its own and asks for images, unencoded', async () => {
    const before = server.received.length;
    await fetchImage(`${server.url}/cat.png?size=small`, LOOPBACK);
    const sent = server.received[before];
    expect(sent?.url).toBe('/cat.png?size=small');
    expect(sent?.headers.accept).toContain('image/png');
    expect(sent?.headers['accept-encoding']).toBe('identity');
    expect(sent?.headers.authorization).toBeUndefined();
    expect(sent?.headers.cookie).toBeUndefined();
  });

  it('resolves a host name and connects to the address it checked', async () => {
    const port = new URL(server.url).port;
    const image = await fetchImage(`http://localhost:${port}/cat.png`, {
      allowPrivateHosts: ['127.0.0.1', '::1'],
    });
    expect(image.mediaType).toBe('image/png');
  });

  it('fetches from anywhere with allowPrivateNetwork', async () => {
    const image = await fetchImage(`${server.url}/cat.png`, { allowPrivateNetwork: true });
    expect(image.mediaType).toBe('image/png');
  });

  it('accepts a host-name entry of allowPrivateHosts for whatever that name resolves to', async () => {
    const port = new URL(server.url).port;
    const image = await fetchImage(`http://LOCALHOST:${port}/cat.png`, { allowPrivateHosts: ['localhost'] });
    expect(image.mediaType).toBe('image/png');
  });
});

describe('fetchImage: addresses that are not public', () => {
  it('refuses 127.0.0.1 unless it is allowed, without connecting, and says which option allows it', async () => {
    const before = server.sockets;
    const error = await refusal(fetchImage(`${server.url}/cat.png`, {}, { path }));
    expect(error.code).toBe('INVALID_REQUEST');
    expect(error.path).toEqual(path);
    expect(error.message).toContain('messages[0].content[1].url: the image at http://127.0.0.1:');
    expect(error.message).toContain('loopback (127.0.0.0/8)');
    expect(error.message).toContain('images.allowPrivateHosts (e.g. ["127.0.0.1"])');
    expect(error.message).toContain('images.allowPrivateNetwork: true');
    expect(error.details).toMatchObject({
      reason: 'private-address',
      address: '127.0.0.1',
      range: 'loopback',
    });
    expect(server.sockets).toBe(before);
  });

  it('refuses a name that resolves to loopback (the resolved address is checked, not the name)', async () => {
    const before = server.sockets;
    const port = new URL(server.url).port;
    const error = await refusal(fetchImage(`http://localhost:${port}/cat.png`));
    expect(error.message).toMatch(
      /is on localhost, which resolves to (127\.0\.0\.1|::1): not a public address/,
    );
    expect(error.message).toContain('images.allowPrivateHosts (e.g. ["localhost"])');
    expect(server.sockets).toBe(before);
  });

  it.each([
    ['http://10.0.0.1/cat.png', 'private', '10.0.0.1'],
    ['http://169.254.169.254/latest/meta-data/iam/security-credentials/', 'link-local', '169.254.169.254'],
    ['http://[::ffff:127.0.0.1]/cat.png', 'loopback', '127.0.0.1'],
    ['http://[::ffff:169.254.169.254]/', 'link-local', '169.254.169.254'],
    ['http://100.64.0.1/cat.png', 'carrier-grade-nat', '100.64.0.1'],
    ['http://0.0.0.0/cat.png', 'unspecified', '0.0.0.0'],
    ['http://[::]/cat.png', 'unspecified', '::'],
    ['http://[::1]/cat.png', 'loopback', '::1'],
    ['http://[fd00:ec2::254]/', 'unique-local', 'fd00:ec2::254'],
    ['http://[fe80::1]/cat.png', 'link-local', 'fe80::1'],
    ['http://192.168.1.1/cat.png', 'private', '192.168.1.1'],
    ['http://2130706433/cat.png', 'loopback', '127.0.0.1'], // 127.0.0.1 written as a number
    ['http://0x7f.1/cat.png', 'loopback', '127.0.0.1'],
  ])('refuses %s (%s) before any connection', async (url, range, example) => {
    let error: PalError | undefined;
    const sockets = await socketsOpenedDuring(async () => {
      error = await refusal(fetchImage(url, {}, { path }));
    });
    expect(sockets).toEqual({ created: 0, connected: [] });
    expect(error?.code).toBe('INVALID_REQUEST');
    expect(error?.details).toMatchObject({ reason: 'private-address', range });
    expect(error?.message).toContain(`(e.g. ["${example}"])`);
  });

  it('a listed range lets its addresses through, not the ones beside it', async () => {
    const error = await refusal(
      fetchImage('http://10.0.0.1/cat.png', { allowPrivateHosts: ['127.0.0.0/8', '10.1.0.0/16'] }),
    );
    expect(error.details).toMatchObject({ reason: 'private-address', address: '10.0.0.1' });
  });

  it('refuses a redirect to a private address, before connecting to it', async () => {
    for (const target of [
      'http://169.254.169.254/latest/meta-data/',
      'http://127.0.0.2:9/x.png',
      'http://[::ffff:10.0.0.1]/x.png',
    ]) {
      const to = encodeURIComponent(target);
      let error: PalError | undefined;
      const sockets = await socketsOpenedDuring(async () => {
        error = await refusal(fetchImage(`${server.url}/redirect?to=${to}`, LOOPBACK, { path }));
      });
      // one connection: to the allowed first hop
      expect(sockets).toEqual({ created: 1, connected: [new URL(server.url).host] });
      expect(error?.details).toMatchObject({ reason: 'private-address' });
      const hop = new URL(target);
      expect(error?.message).toContain(`(redirected to ${hop.protocol}//${hop.host}${hop.pathname})`);
    }
  });
});

describe('fetchImage: what it refuses', () => {
  it('refuses a Content-Length over maxBytes up front', async () => {
    const error = await refusal(
      fetchImage(`${server.url}/big.png`, { ...LOOPBACK, maxBytes: 1000 }, { path }),
    );
    expect(error.code).toBe('INVALID_REQUEST');
    expect(error.message).toContain(
      'is 65536 bytes (its Content-Length), more than images.maxBytes (1000 bytes)',
    );
    expect(error.message).toContain('raise images.maxBytes');
    expect(error.details).toMatchObject({ reason: 'too-large', maxBytes: 1000 });
  });

  it('stops reading a body without a Content-Length once it passes maxBytes', async () => {
    const error = await refusal(fetchImage(`${server.url}/stream.png`, { ...LOOPBACK, maxBytes: 8000 }));
    expect(error.details).toMatchObject({ reason: 'too-large' });
    expect(error.message).toContain('is larger, more than images.maxBytes (8000 bytes)');
    // the same body under a higher cap downloads whole
    const whole = await fetchImage(`${server.url}/stream.png`, { ...LOOPBACK, maxBytes: 200_000 });
    expect(whole.bytes.length).toBeGreaterThan(64 * 1024);
  });

  it.each([
    [
      '/page.html',
      'is served as text/html, not as image/png, image/jpeg, image/gif or image/webp',
      'content-type',
    ],
    [
      '/fake.png',
      'is labelled image/png but its bytes are not a PNG, JPEG, GIF or WebP image',
      'not-an-image',
    ],
    [
      '/tiny.png',
      'is labelled image/png but its bytes are not a PNG, JPEG, GIF or WebP image',
      'not-an-image',
    ],
  ])('refuses %s: %s', async (file, what, reason) => {
    const error = await refusal(fetchImage(`${server.url}${file}`, LOOPBACK, { path }));
    expect(error.code).toBe('INVALID_REQUEST');
    expect(error.message).toContain(what);
    expect(error.details).toMatchObject({ reason });
  });

  it('reports the HTTP status of an answer that is no image', async () => {
    const error = await refusal(fetchImage(`${server.url}/missing.png`, LOOPBACK, { path }));
    expect(error.message).toContain('answered HTTP 404');
    expect(error.details).toMatchObject({ reason: 'http-status', status: 404 });
    const bare = await refusal(fetchImage(`${server.url}/no-location`, LOOPBACK));
    expect(bare.message).toContain('answered HTTP 302 without a Location');
  });

  it('stops after maxRedirects', async () => {
    const error = await refusal(fetchImage(`${server.url}/loop`, { ...LOOPBACK, maxRedirects: 2 }));
    expect(error.message).toContain('redirected more than images.maxRedirects (2) times');
    expect(error.details).toMatchObject({ reason: 'redirects' });
    const none = await refusal(
      fetchImage(`${server.url}/redirect?to=/cat.png`, { ...LOOPBACK, maxRedirects: 0 }),
    );
    expect(none.details).toMatchObject({ reason: 'redirects' });
  });

  it('refuses URLs other than http(s), and redirects to them', async () => {
    const error = await refusal(fetchImage('file:///etc/passwd', LOOPBACK));
    expect(error.message).toContain('is a file: URL; PAL downloads http and https URLs only');
    const to = encodeURIComponent('ftp://example.com/cat.png');
    const hop = await refusal(fetchImage(`${server.url}/redirect?to=${to}`, LOOPBACK));
    expect(hop.details).toMatchObject({ reason: 'protocol' });
  });

  it.each([['/hang.png'], ['/slow-body.png']])('times out on %s after timeoutMs', async (file) => {
    const started = Date.now();
    const error = await refusal(
      fetchImage(`${server.url}${file}`, { ...LOOPBACK, timeoutMs: 150 }, { path }),
    );
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toContain('did not download within images.timeoutMs (150 ms)');
    expect(error.details).toMatchObject({ reason: 'timeout' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('fails as ABORTED when the caller cancels, and does not start when already cancelled', async () => {
    const controller = new AbortController();
    const pending = fetchImage(`${server.url}/hang.png`, LOOPBACK, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect((await refusal(pending)).code).toBe('ABORTED');
    const before = server.received.length;
    expect(
      (await refusal(fetchImage(`${server.url}/cat.png`, LOOPBACK, { signal: controller.signal }))).code,
    ).toBe('ABORTED');
    expect(server.received.length).toBe(before);
  });

  it('reports an unreachable host as NETWORK_ERROR', async () => {
    const closed = await startImageServer();
    const url = `${closed.url}/cat.png`;
    await closed.close();
    const error = await refusal(fetchImage(url, LOOPBACK));
    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.message).toContain('could not be downloaded (ECONNREFUSED)');
  });

  it('never shows the query or user info of the URL', async () => {
    const error = await refusal(
      fetchImage(`http://user:hunter2@127.0.0.1:1/cat.png?X-Amz-Signature=s3cr3t&token=abc`, {}, { path }),
    );
    const shown = JSON.stringify(error.toJSON());
    expect(shown).not.toContain('hunter2');
    expect(shown).not.toContain('s3cr3t');
    expect(shown).not.toContain('token=');
    expect(error.message).toContain('http://127.0.0.1:1/cat.png?…');
    expect(error.userMessage).toContain('http://127.0.0.1:1/cat.png?…');
  });
});
