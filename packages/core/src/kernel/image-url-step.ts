import type { ProviderAdapter } from '../contracts/adapter.js';
import type { ChatRequest } from '../contracts/chat-request.js';
import type { ProviderStreamEvent } from '../contracts/stream-event.js';
import type { LoadedConfig } from '../config/load-config.js';
import {
  type ImageFetchOptions,
  imageFetchOptionsSchema,
  type ResolvedImageFetchOptions,
  resolveImageFetchOptions,
} from '../images/image-fetch-options.js';
import { imageUrlsOf, inlineImageUrls } from '../images/inline-image-urls.js';
import { parseOptions } from '../policies/option-schema.js';

/** Where a runtime's `images` settings come from, lowest layer first within each list. */
export interface ImageUrlSettings {
  /** A loaded configuration: its `images` and `providers.<id>.images`. */
  config?: LoadedConfig;
  /** `createRuntime({ images })`. */
  global?: ImageFetchOptions;
  /** `createRuntime({ providerImages })`. */
  perProvider?: Record<string, ImageFetchOptions>;
}

/** Who a request is being prepared for. */
interface Destination {
  adapter: ProviderAdapter;
  modelId: string;
}

/**
 * The kernel step that inlines images given by URL for adapters that take bytes only
 * (`imageInput: 'bytes'`) when their `images.fetchUrls` is on: once per runtime call, before the
 * provider's stack, so retries (and the cache, budget and hooks) see the inlined request. Settings
 * layer as policies do: the config's global `images`, the runtime's, the config's
 * `providers.<id>.images`, then the runtime's `providerImages[id]`.
 */
export class ImageUrlStep {
  readonly #settings: ImageUrlSettings;

  /** Validates the runtime's own settings (CONFIG_ERROR naming the path); the config's were validated on load. */
  constructor(settings: ImageUrlSettings) {
    if (settings.global !== undefined) parseOptions('images', imageFetchOptionsSchema, settings.global);
    for (const [id, options] of Object.entries(settings.perProvider ?? {}))
      parseOptions(`providerImages.${id}`, imageFetchOptionsSchema, options);
    this.#settings = settings;
  }

  /** The `images` options in force for provider `id`. */
  optionsFor(id: string): ResolvedImageFetchOptions {
    const config = this.#settings.config?.config;
    return resolveImageFetchOptions(
      config?.images,
      this.#settings.global,
      config?.providers[id]?.images,
      this.#settings.perProvider?.[id],
    );
  }

  /** The options to fetch with when `request` must have its image URLs inlined for `adapter`; else undefined. */
  #fetching(request: ChatRequest, adapter: ProviderAdapter): ResolvedImageFetchOptions | undefined {
    if (adapter.imageInput !== 'bytes' || imageUrlsOf(request).length === 0) return undefined;
    const options = this.optionsFor(adapter.id);
    return options.fetchUrls ? options : undefined;
  }

  /** `request` ready for the stack: its image URLs inlined when needed, else itself. */
  async prepare(request: ChatRequest, to: Destination, signal: AbortSignal): Promise<ChatRequest> {
    const options = this.#fetching(request, to.adapter);
    if (!options) return request;
    return inlineImageUrls(request, options, { signal, provider: to.adapter.id, model: to.modelId });
  }

  /**
   * A stream of the stack's events for `request` prepared first; a download failure arrives as
   * the stream's failure. Nothing to download: `open(request)` as it is.
   */
  stream(
    request: ChatRequest,
    to: Destination,
    signal: () => AbortSignal,
    open: (request: ChatRequest) => AsyncIterable<ProviderStreamEvent>,
  ): AsyncIterable<ProviderStreamEvent> {
    if (!this.#fetching(request, to.adapter)) return open(request);
    const prepare = () => this.prepare(request, to, signal());
    return (async function* () {
      yield* open(await prepare());
    })();
  }
}
