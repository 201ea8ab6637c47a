import type { ChatRequest } from '../contracts/chat-request.js';
import type { ImagePart } from '../contracts/content.js';
import type { Message } from '../contracts/message.js';
import { type FetchedImage, type FetchImageContext, fetchImage } from './fetch-image.js';
import type { ImageFetchOptions } from './image-fetch-options.js';

/** Where an image given by http(s) URL sits in a request. */
export interface ImageUrlRef {
  message: number;
  part: number;
  url: string;
}

const isHttpUrl = (url: string | undefined): url is string => url !== undefined && /^https?:/i.test(url);

/** The image parts of `request` given by http(s) URL (not `data:`), in order. */
export function imageUrlsOf(request: Pick<ChatRequest, 'messages'>): ImageUrlRef[] {
  const refs: ImageUrlRef[] = [];
  request.messages.forEach((message, i) => {
    if (message.role !== 'user' || typeof message.content === 'string') return;
    message.content.forEach((part, j) => {
      if (part.type === 'image' && isHttpUrl(part.url)) refs.push({ message: i, part: j, url: part.url });
    });
  });
  return refs;
}

/**
 * `request` with every image given by http(s) URL downloaded ({@link fetchImage}, with `options`'
 * limits and address checks) and put inline as base64 `data` + `mediaType`; each distinct URL is
 * downloaded once, all at the same time. The first failure cancels the other downloads and is
 * thrown, naming its part (`messages[i].content[j].url`). The runtime does this itself for
 * providers that take images as bytes only when `images.fetchUrls` is on; calling this is the
 * opt-in, whatever `options.fetchUrls` says.
 * @example
 * const ready = await inlineImageUrls(request, { maxBytes: 4_000_000 }, { signal });
 */
export async function inlineImageUrls<R extends Pick<ChatRequest, 'messages'>>(
  request: R,
  options: ImageFetchOptions = {},
  context: Omit<FetchImageContext, 'path'> = {},
): Promise<R> {
  const refs = imageUrlsOf(request);
  if (refs.length === 0) return request;
  const cancel = new AbortController();
  const onAbort = () => cancel.abort(context.signal?.reason);
  if (context.signal?.aborted) onAbort();
  else context.signal?.addEventListener('abort', onAbort, { once: true });
  const downloads = new Map<string, Promise<FetchedImage>>();
  try {
    for (const ref of refs) {
      if (downloads.has(ref.url)) continue;
      const path = ['messages', ref.message, 'content', ref.part, 'url'];
      const download = fetchImage(ref.url, options, { ...context, path, signal: cancel.signal });
      // the first failure stops the others; theirs (ABORTED) are not the one reported
      download.catch((error: unknown) => cancel.abort(error));
      downloads.set(ref.url, download);
    }
    const fetched = new Map<string, FetchedImage>();
    for (const [url, download] of downloads) fetched.set(url, await download);
    return { ...request, messages: request.messages.map((message) => withInlineImages(message, fetched)) };
  } catch (error) {
    // the first failure, not an ABORTED one it caused
    throw cancel.signal.aborted && !context.signal?.aborted ? cancel.signal.reason : error;
  } finally {
    context.signal?.removeEventListener('abort', onAbort);
  }
}

function withInlineImages(message: Message, fetched: Map<string, FetchedImage>): Message {
  if (message.role !== 'user' || typeof message.content === 'string') return message;
  if (!message.content.some((part) => part.type === 'image' && isHttpUrl(part.url))) return message;
  return {
    ...message,
    content: message.content.map((part) => {
      if (part.type !== 'image' || !isHttpUrl(part.url)) return part;
      const image = fetched.get(part.url);
      if (!image) return part;
      const inline: ImagePart = {
        type: 'image',
        data: image.bytes.toString('base64'),
        mediaType: image.mediaType,
      };
      return inline;
    }),
  };
}
