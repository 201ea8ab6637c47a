import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { abortedError } from '../errors/aborted.js';
import { isPalError, type PalError } from '../errors/pal-error.js';
import { AddressGuard, type RefusedAddress } from './address-guard.js';
import {
  FETCHABLE_IMAGE_TYPES,
  type ImageFetchOptions,
  type ResolvedImageFetchOptions,
  resolveImageFetchOptions,
} from './image-fetch-options.js';
import { type ImageUrlErrorInput, imageUrlError } from './image-url-error.js';
import { redactUrl } from './redact-url.js';
import { type FetchableImageType, SNIFF_BYTES, sniffImageType } from './sniff-image-type.js';

/** An image downloaded by {@link fetchImage}. */
export interface FetchedImage {
  /** The image's bytes. */
  bytes: Buffer;
  /** What the bytes are (their signature decides when the server's `content-type` says otherwise). */
  mediaType: FetchableImageType;
}

/** Where a download is for: cancellation, and what its errors name. */
export interface FetchImageContext {
  /** Cancels the download (an ABORTED error, or the signal's `PalError` reason). */
  signal?: AbortSignal;
  /** The request path of the image part's URL, named in errors (`messages[0].content[1].url`). */
  path?: Array<string | number>;
  provider?: string;
  model?: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const TYPES: ReadonlySet<string> = new Set(FETCHABLE_IMAGE_TYPES);
const TYPE_LIST = 'image/png, image/jpeg, image/gif or image/webp';
const AS_DATA = 'or pass the image as base64 `data` with its `mediaType`';
const TIMED_OUT = Symbol('timed out');

/** One download: its settings, the guard, the shared deadline, and how its errors read. */
class Download {
  readonly settings: ResolvedImageFetchOptions;
  readonly guard: AddressGuard;
  readonly controller = new AbortController();
  readonly shownUrl: string;
  readonly #context: FetchImageContext;

  constructor(url: string, options: ImageFetchOptions, context: FetchImageContext) {
    this.settings = resolveImageFetchOptions(options);
    this.guard = new AddressGuard(this.settings);
    this.shownUrl = redactUrl(url);
    this.#context = context;
  }

  fail(input: Omit<ImageUrlErrorInput, 'shownUrl' | 'path' | 'provider' | 'model'>): PalError {
    const { path, provider, model } = this.#context;
    return imageUrlError({
      ...input,
      shownUrl: this.shownUrl,
      ...(path && { path }),
      ...(provider !== undefined && { provider }),
      ...(model !== undefined && { model }),
    });
  }

  /** Where a hop after the first was sent, for messages. */
  via(url: URL, hop: number): string {
    return hop === 0 ? '' : ` (redirected to ${redactUrl(url)})`;
  }

  refused({ host, range }: RefusedAddress, via: string): PalError {
    const literal = isIP(host.replace(/^\[|\]$/g, '')) !== 0;
    const not = `not a public address but ${range.description}`;
    const at = literal
      ? `is at ${range.address}, which is ${not}`
      : `is on ${host}, which resolves to ${range.address}: ${not}`;
    return this.fail({
      problem: 'private-address',
      what: `${via} ${at}`.trim(),
      fix: `PAL fetches images from public addresses only, so that it cannot be used to reach its own network; to fetch from this one, list it in images.allowPrivateHosts (e.g. ["${literal ? (range.ipv4 ?? range.address) : host}"]) or set images.allowPrivateNetwork: true (globally or for this provider), ${AS_DATA}.`,
      details: { address: range.address, range: range.range },
    });
  }
}

/**
 * Downloads one image for inlining, refusing what a gateway must not fetch: a non-http(s) URL, an
 * address that is not public (checked on the resolved addresses and connected to as checked) unless
 * allowed, more than `maxRedirects` redirects (every hop checked again), a body over `maxBytes`
 * (by its Content-Length up front, and while it streams), a `content-type` other than PNG, JPEG,
 * GIF or WebP or bytes that are none of those, an HTTP error status, and a download slower than
 * `timeoutMs`. Each refusal is a `PalError` naming `context.path`, what was wrong and which option
 * changes it; URLs in it are shown without user info or query.
 * @example
 * const image = await fetchImage('https://example.com/cat.png', { maxBytes: 2_000_000 });
 * const part = { type: 'image', data: image.bytes.toString('base64'), mediaType: image.mediaType };
 */
export async function fetchImage(
  url: string,
  options: ImageFetchOptions = {},
  context: FetchImageContext = {},
): Promise<FetchedImage> {
  const download = new Download(url, options, context);
  const { signal } = context;
  if (signal?.aborted) throw abortedError(signal.reason);
  const onAbort = () => download.controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => download.controller.abort(TIMED_OUT), download.settings.timeoutMs);
  try {
    return await follow(download, url);
  } catch (error) {
    throw failureOf(download, error, signal);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/** Any failure of a download as the `PalError` the caller gets. */
function failureOf(download: Download, error: unknown, signal: AbortSignal | undefined): PalError {
  if (download.controller.signal.reason === TIMED_OUT) {
    return download.fail({
      problem: 'timeout',
      what: `did not download within images.timeoutMs (${download.settings.timeoutMs} ms)`,
      fix: `Raise images.timeoutMs, ${AS_DATA}.`,
      cause: error,
    });
  }
  if (signal?.aborted) return abortedError(signal.reason);
  if (isPalError(error)) return error;
  const code = (error as { code?: unknown }).code;
  return download.fail({
    problem: 'network',
    what: `could not be downloaded (${typeof code === 'string' ? code : 'connection failed'})`,
    fix: `Check that the host is reachable from PAL, ${AS_DATA}.`,
    details: { ...(typeof code === 'string' && { errorCode: code }) },
    cause: error,
  });
}

/** Follows redirects from `url` to the image. */
async function follow(download: Download, url: string): Promise<FetchedImage> {
  let current = new URL(url);
  for (let hop = 0; ; hop++) {
    const response = await get(download, current, hop);
    const status = response.statusCode ?? 0;
    if (REDIRECTS.has(status)) {
      response.destroy();
      const location = response.headers.location;
      if (!location) {
        throw download.fail({
          problem: 'http-status',
          what: `${download.via(current, hop)} answered HTTP ${status} without a Location`.trim(),
          fix: `Check the URL, ${AS_DATA}.`,
          details: { status },
        });
      }
      if (hop >= download.settings.maxRedirects) {
        throw download.fail({
          problem: 'redirects',
          what: `redirected more than images.maxRedirects (${download.settings.maxRedirects}) times`,
          fix: `Use the image's final URL, raise images.maxRedirects, ${AS_DATA}.`,
        });
      }
      current = new URL(location, current);
      continue;
    }
    if (status < 200 || status >= 300) {
      response.destroy();
      throw download.fail({
        problem: 'http-status',
        what: `${download.via(current, hop)} answered HTTP ${status}`.trim(),
        fix: `Check that the URL is right and readable without credentials, ${AS_DATA}.`,
        details: { status },
      });
    }
    return readImage(download, response, download.via(current, hop));
  }
}

/** Sends one GET to `url`, its address checked first (an IP literal) or as it resolves (a name). */
function get(download: Download, url: URL, hop: number): Promise<IncomingMessage> {
  const via = download.via(url, hop);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw download.fail({
      problem: 'protocol',
      what: `${via} is a ${url.protocol} URL; PAL downloads http and https URLs only`.trim(),
      fix: `Give an http(s) URL, ${AS_DATA}.`,
    });
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) {
    const refusal = download.guard.refusal(url.hostname, host);
    if (refusal) throw download.refused(refusal, via);
  }
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send({
      protocol: url.protocol,
      hostname: host,
      ...(url.port && { port: Number(url.port) }),
      path: `${url.pathname}${url.search}`,
      method: 'GET',
      headers: {
        accept: FETCHABLE_IMAGE_TYPES.join(', '),
        'accept-encoding': 'identity',
        'user-agent': 'PAL image fetch',
      },
      ...(url.username && {
        auth: `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`,
      }),
      // a fresh connection every time, so every hop goes through the checking lookup
      agent: false,
      lookup: download.guard.lookup((refusal) => download.refused(refusal, via)),
      signal: download.controller.signal,
    });
    request.once('response', resolve);
    request.once('error', reject);
    request.end();
  });
}

/** Reads the body of a 2xx answer: its type, its size and its bytes' signature checked as it comes. */
async function readImage(download: Download, response: IncomingMessage, via: string): Promise<FetchedImage> {
  const { maxBytes } = download.settings;
  const declared = (response.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const labelled = declared === 'image/jpg' ? 'image/jpeg' : declared;
  if (!TYPES.has(labelled)) {
    response.destroy();
    const shown = declared
      ? `as ${declared.replace(/[^\w.+/-]/g, '').slice(0, 60)}`
      : 'without a content-type';
    throw download.fail({
      problem: 'content-type',
      what: `${via} is served ${shown}, not as ${TYPE_LIST}`.trim(),
      fix: `Link to the image file itself (not a page showing it), ${AS_DATA}.`,
      details: { contentType: declared || undefined },
    });
  }
  const length = Number(response.headers['content-length']);
  const tooLarge = (what: string) =>
    download.fail({
      problem: 'too-large',
      what: `${via} ${what}, more than images.maxBytes (${maxBytes} bytes)`.trim(),
      fix: `Pass a smaller image, or raise images.maxBytes (the vendor's own limit still applies).`,
      details: { maxBytes },
    });
  if (Number.isFinite(length) && length > maxBytes) {
    response.destroy();
    throw tooLarge(`is ${length} bytes (its Content-Length)`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let sniffed: FetchableImageType | undefined;
  const notAnImage = () =>
    download.fail({
      problem: 'not-an-image',
      what: `${via} is labelled ${labelled} but its bytes are not a PNG, JPEG, GIF or WebP image`.trim(),
      fix: `Check that the URL serves the image itself, ${AS_DATA}.`,
    });
  for await (const chunk of response as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      response.destroy();
      throw tooLarge('is larger');
    }
    chunks.push(chunk);
    if (sniffed === undefined && size >= SNIFF_BYTES) {
      sniffed = sniffImageType(Buffer.concat(chunks));
      if (!sniffed) {
        response.destroy();
        throw notAnImage();
      }
    }
  }
  if (!sniffed) throw notAnImage();
  return { bytes: Buffer.concat(chunks, size), mediaType: sniffed };
}
