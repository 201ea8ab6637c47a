import type { HeadersLike } from './headers-like.js';
import { palErrorFromHttp } from './http-error.js';
import { palErrorFromNetwork } from './network-error.js';
import { isPalError, PalError } from './pal-error.js';

/** What a provider can read out of the errors its SDK throws. */
export interface ExtractedHttpError {
  status?: number;
  headers?: HeadersLike;
  /** The error body: parsed JSON or text. */
  body?: unknown;
  message?: string;
  /** A vendor error code known from the SDK (e.g. an AWS exception name). */
  code?: string;
}

/** Options for `createErrorMapper`. */
export interface ErrorMapperOptions {
  provider: string;
  /** Pulls status, headers and body out of an SDK error; undefined when it is not an HTTP error. */
  extract(error: unknown): ExtractedHttpError | undefined;
  /** Vendor-specific cases, tried first; return undefined to fall through to the generic mapping. */
  classify?(error: unknown): PalError | undefined;
  /**
   * A sibling model to suggest when `model` is unavailable (MODEL_NOT_FOUND, OVERLOADED): the
   * provider's own knowledge (core names no vendor's models). It lands on `PalError.alternativeModel`
   * and in the user message ("… Try GPT-4o-mini instead?").
   */
  alternativeModel?(model: string): string | undefined;
  /**
   * How this provider's base URL is written, for the message of a wrong-path 404 (`OpenAI-compatible
   * hosts end in /v1`, `the SDK adds /v1 itself: leave it out`).
   */
  baseURLHint?: string;
}

/** Context passed to a mapper call. */
export interface ErrorMapperContext {
  model?: string;
}

/** A provider's `toPalError`. */
export type ErrorMapper = (error: unknown, context?: ErrorMapperContext) => PalError;

function isSerializationFailure(error: unknown): boolean {
  if (error instanceof SyntaxError) return true;
  const message = error instanceof Error ? error.message : '';
  return /JSON|Unexpected token|Unexpected end of|could not parse|failed to parse|invalid json/i.test(
    message,
  );
}

function fill(error: PalError, provider: string, model: string | undefined): PalError {
  const needsProvider = error.provider === undefined;
  const needsModel = error.model === undefined && model !== undefined;
  if (!needsProvider && !needsModel) return error;
  return error.with({
    ...(needsProvider && { provider }),
    ...(needsModel && { model }),
  });
}

/**
 * Builds the `toPalError` a provider exposes: a PalError passes through (provider and
 * model filled in), then the vendor-specific `classify`, then an HTTP error (status or
 * vendor error body from `extract`) via `palErrorFromHttp`, then a transport failure via
 * `palErrorFromNetwork`, then a JSON/parse failure as SERIALIZATION_ERROR, else PROVIDER_API_ERROR.
 * With `alternativeModel`, a MODEL_NOT_FOUND or OVERLOADED error names the sibling it suggests.
 */
export function createErrorMapper(options: ErrorMapperOptions): ErrorMapper {
  const { alternativeModel } = options;
  const map = mapError(options);
  if (!alternativeModel) return map;
  return (error, context) => {
    const mapped = map(error, context);
    const model = mapped.model;
    if (mapped.alternativeModel !== undefined || model === undefined) return mapped;
    if (mapped.code !== 'MODEL_NOT_FOUND' && mapped.code !== 'OVERLOADED') return mapped;
    const alternative = alternativeModel(model);
    return alternative && alternative !== model ? mapped.with({ alternativeModel: alternative }) : mapped;
  };
}

function mapError(options: ErrorMapperOptions): ErrorMapper {
  const { provider } = options;
  return (error, context = {}) => {
    const { model } = context;
    if (isPalError(error)) return fill(error, provider, model);
    const classified = options.classify?.(error);
    if (classified) return fill(classified, provider, model);
    const extracted = options.extract(error);
    // without an HTTP status, a transport failure (reset, HTTP/2 stream error) is what it looks like
    if (extracted?.status === undefined) {
      const network = palErrorFromNetwork(error, { provider, model });
      if (network) return network;
    }
    if (
      extracted &&
      (extracted.status !== undefined || extracted.body !== undefined || extracted.code !== undefined)
    ) {
      return palErrorFromHttp({
        ...extracted,
        provider,
        model,
        cause: error,
        ...(options.baseURLHint && { baseURLHint: options.baseURLHint }),
      });
    }
    const message = error instanceof Error ? error.message : String(error);
    return new PalError({
      code: isSerializationFailure(error) ? 'SERIALIZATION_ERROR' : 'PROVIDER_API_ERROR',
      message: message || 'Unknown provider error',
      provider,
      ...(model !== undefined && { model }),
      cause: error,
    });
  };
}
