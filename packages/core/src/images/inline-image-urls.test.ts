import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatRequest } from '../contracts/chat-request.js';
import type { LocalServer } from '../http/local-server.test-support.js';
import { GIF, PNG, PNG_BASE64, startImageServer } from './image-server.test-support.js';
import { imageUrlsOf, inlineImageUrls } from './inline-image-urls.js';

let server: LocalServer;
beforeAll(async () => {
  server = await startImageServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.received.length = 0;
});

const LOOPBACK = { allowPrivateHosts: ['127.0.0.1'] };

function request(): ChatRequest {
  return {
    model: 'm',
    messages: [
      { role: 'system', content: 'Be brief' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Compare' },
          { type: 'image', url: `${server.url}/cat.png` },
          { type: 'image', url: `${server.url}/cat.gif` },
          { type: 'image', url: `data:image/png;base64,${PNG_BASE64}` },
        ],
      },
      { role: 'assistant', content: 'They differ.' },
      { role: 'user', content: [{ type: 'image', url: `${server.url}/cat.png` }] },
      { role: 'user', content: 'plain' },
    ],
  };
}

describe('imageUrlsOf', () => {
  it('lists the http(s) image URLs by message and part, not data: URLs', () => {
    expect(imageUrlsOf(request())).toEqual([
      { message: 1, part: 1, url: `${server.url}/cat.png` },
      { message: 1, part: 2, url: `${server.url}/cat.gif` },
      { message: 3, part: 0, url: `${server.url}/cat.png` },
    ]);
  });
});

describe('inlineImageUrls', () => {
  it('inlines every http(s) image, downloading each distinct URL once, and leaves the rest alone', async () => {
    const given = request();
    const ready = await inlineImageUrls(given, LOOPBACK);
    expect(ready.messages[1]).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'Compare' },
        { type: 'image', data: PNG_BASE64, mediaType: 'image/png' },
        { type: 'image', data: GIF.toString('base64'), mediaType: 'image/gif' },
        { type: 'image', url: `data:image/png;base64,${PNG_BASE64}` },
      ],
    });
    expect(ready.messages[3]).toEqual({
      role: 'user',
      content: [{ type: 'image', data: PNG.toString('base64'), mediaType: 'image/png' }],
    });
    expect(ready.messages[0]).toBe(given.messages[0]);
    expect(ready.messages[4]).toBe(given.messages[4]);
    expect(server.received.map((r) => r.url).sort()).toEqual(['/cat.gif', '/cat.png']);
    // the caller's request is not changed
    expect(given.messages[1]).toEqual(request().messages[1]);
  });

  it('returns a request without image URLs as it is, fetching nothing', async () => {
    const plain: ChatRequest = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };
    expect(await inlineImageUrls(plain, LOOPBACK)).toBe(plain);
    expect(server.received).toHaveLength(0);
  });

  it('reports the first failure with its part path, not the downloads it cancelled', async () => {
    const given: ChatRequest = {
      model: 'm',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', url: `${server.url}/hang.png` },
            { type: 'image', url: `${server.url}/page.html` },
          ],
        },
      ],
    };
    const started = Date.now();
    const error = await inlineImageUrls(given, { ...LOOPBACK, timeoutMs: 5_000 }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'INVALID_REQUEST',
      path: ['messages', 0, 'content', 1, 'url'],
      details: { reason: 'content-type' },
    });
    // the hanging download was cancelled, not waited for
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it('fails as ABORTED when the caller cancels', async () => {
    const controller = new AbortController();
    const given: ChatRequest = {
      model: 'm',
      messages: [{ role: 'user', content: [{ type: 'image', url: `${server.url}/hang.png` }] }],
    };
    const pending = inlineImageUrls(given, LOOPBACK, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ code: 'ABORTED' });
    controller.abort();
    await expect(inlineImageUrls(given, LOOPBACK, { signal: controller.signal })).rejects.toMatchObject({
      code: 'ABORTED',
    });
  });
});
