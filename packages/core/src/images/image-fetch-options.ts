import { z } from 'zod';
import { isAllowListEntry } from './private-allow-list.js';

/** The image types PAL inlines: what every bytes-only vendor (Bedrock, Gemini, Ollama) takes. */
export const FETCHABLE_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;

/**
 * `images`: how the runtime treats images given by http(s) URL for a provider that takes images
 * only as bytes (its adapter says `imageInput: 'bytes'`: Bedrock, Gemini, Ollama). Off by default:
 * such a URL is refused. With `fetchUrls: true` the runtime downloads each URL once per call,
 * before the provider's stack (so retries reuse the bytes), and sends it as base64 `data` with the
 * `mediaType` its bytes show. Only public addresses are fetched unless `allowPrivateNetwork` or
 * `allowPrivateHosts` says otherwise: a gateway must not become a way into its own network.
 *
 * Set globally (`createRuntime({ images })`, a config's top-level `images`) and per provider
 * (`providerImages[id]`, `providers.<id>.images`); a provider's keys are laid over the global ones.
 *
 * @example
 * ```ts
 * const pal = createRuntime({
 *   providers: [gemini(), ollama()],
 *   images: { fetchUrls: true, maxBytes: 4_000_000, timeoutMs: 5_000 },
 *   // the local Ollama may read images from the intranet's image host
 *   providerImages: { ollama: { allowPrivateHosts: ['images.intranet.example', '10.20.0.0/16'] } },
 * });
 * ```
 */
export const imageFetchOptionsSchema = z.strictObject({
  fetchUrls: z
    .boolean()
    .describe(
      'Download http(s) image URLs and send them inline to providers that take images as bytes only (default false: refused)',
    )
    .optional(),
  maxBytes: z
    .number()
    .int()
    .positive()
    .describe('Largest image to download, in bytes (default 5 MiB); a larger one is refused')
    .optional(),
  timeoutMs: z
    .number()
    .int()
    .positive()
    .max(2_147_483_647)
    .describe('Each image, redirects included, must download within this (ms; default 10000)')
    .optional(),
  maxRedirects: z
    .number()
    .int()
    .nonnegative()
    .describe('Most redirects followed for one image, each hop checked again (default 3)')
    .optional(),
  allowPrivateNetwork: z
    .boolean()
    .describe(
      'Fetch from any address: private, loopback, link-local (cloud metadata), unique-local, CGNAT… (default false)',
    )
    .optional(),
  allowPrivateHosts: z
    .array(
      z
        .string()
        .refine(isAllowListEntry, 'must be a host name, an IP address or a CIDR range such as 10.0.0.0/8'),
    )
    .describe(
      'Host names ("images.intranet", "*.intranet"), IP addresses or CIDR ranges that may be fetched although not public',
    )
    .optional(),
});

/** Options of image URL fetching (`images`); see {@link imageFetchOptionsSchema}. */
export type ImageFetchOptions = z.input<typeof imageFetchOptionsSchema>;

/** Image fetching options with every default filled in. */
export type ResolvedImageFetchOptions = Required<ImageFetchOptions>;

/** What `images` means when nothing is set: fetching off. */
export const IMAGE_FETCH_DEFAULTS: ResolvedImageFetchOptions = {
  fetchUrls: false,
  maxBytes: 5 * 1024 * 1024,
  timeoutMs: 10_000,
  maxRedirects: 3,
  allowPrivateNetwork: false,
  allowPrivateHosts: [],
};

/** Lays `images` settings over each other, later layers winning key by key (lists are replaced). */
export function resolveImageFetchOptions(
  ...layers: Array<ImageFetchOptions | undefined>
): ResolvedImageFetchOptions {
  const resolved = { ...IMAGE_FETCH_DEFAULTS };
  for (const layer of layers) {
    if (!layer) continue;
    for (const [key, value] of Object.entries(layer)) {
      if (value !== undefined) (resolved as Record<string, unknown>)[key] = value;
    }
  }
  return resolved;
}

/**
 * The end of a bytes-only adapter's refusal of an http(s) image URL: how to have PAL fetch it.
 * @example
 * throw new PalError({ code: 'UNSUPPORTED_CAPABILITY', message: `Gemini takes images inline only; pass base64 data, ${IMAGE_URL_FETCH_HINT}` });
 */
export const IMAGE_URL_FETCH_HINT =
  'or set `images: { fetchUrls: true }` (in createRuntime or the config file, globally or for this provider) to have PAL download http(s) image URLs and send their bytes';
