import { inspect } from 'node:util';
import { type ErrorCode, RETRYABLE_CODES, type SuggestedAction } from './error-code.js';
import { redactSecrets } from './mask-secret.js';
import { suggestedActionFor, userMessageFor } from './user-message.js';

/**
 * The brand every `PalError` carries, registered globally (`Symbol.for`) so two copies of
 * `@pal/core` in one application (two versions, or ESM and CJS) still recognise each other's errors.
 */
const PAL_ERROR_BRAND: unique symbol = Symbol.for('@pal/core.PalError') as never;

/** Options for constructing a `PalError`. */
export interface PalErrorOptions {
  code: ErrorCode;
  message?: string;
  retryable?: boolean;
  retryAfterMs?: number;
  provider?: string;
  model?: string;
  status?: number;
  userMessage?: string;
  action?: SuggestedAction;
  /** Zod-style path of the offending field, for INVALID_REQUEST / CONFIG_ERROR. */
  path?: Array<string | number>;
  /** Further details (e.g. every zod issue); must not hold secrets. */
  details?: unknown;
  /** A model to try instead (MODEL_NOT_FOUND, OVERLOADED), from the provider; the user message suggests it. */
  alternativeModel?: string;
  cause?: unknown;
}

/**
 * The one error type PAL throws. `code` is stable; `userMessage` can be shown to a
 * person; `toJSON` and `util.inspect` never reveal secrets (messages are redacted and
 * the raw `cause` is summarised, never serialised).
 */
export class PalError extends Error {
  override readonly name = 'PalError';
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly provider?: string;
  readonly model?: string;
  readonly status?: number;
  readonly userMessage: string;
  readonly action: SuggestedAction;
  readonly path?: Array<string | number>;
  readonly details?: unknown;
  /** A model to try instead, when the provider knows one (see `ErrorMapperOptions.alternativeModel`). */
  readonly alternativeModel?: string;

  constructor(options: PalErrorOptions) {
    const message = redactSecrets(options.message ?? options.userMessage ?? options.code);
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
    this.retryable = options.retryable ?? RETRYABLE_CODES.has(options.code);
    if (options.retryAfterMs !== undefined) this.retryAfterMs = Math.max(0, Math.round(options.retryAfterMs));
    if (options.provider !== undefined) this.provider = options.provider;
    if (options.model !== undefined) this.model = options.model;
    if (options.status !== undefined) this.status = options.status;
    if (options.path !== undefined) this.path = options.path;
    if (options.details !== undefined) this.details = options.details;
    if (options.alternativeModel !== undefined) this.alternativeModel = options.alternativeModel;
    this.userMessage =
      options.userMessage ??
      userMessageFor({
        code: options.code,
        provider: options.provider,
        model: options.model,
        retryAfterMs: options.retryAfterMs,
        alternativeModel: options.alternativeModel,
      });
    this.action = options.action ?? suggestedActionFor(options.code);
    // keep the raw cause out of enumerable own properties so naive serialisers skip it
    if (options.cause !== undefined)
      Object.defineProperty(this, 'cause', { enumerable: false, value: options.cause });
  }

  /** A copy of this error with some fields replaced (provider/model filled in by the kernel, for instance). */
  with(overrides: Partial<PalErrorOptions>): PalError {
    return new PalError({
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      retryAfterMs: this.retryAfterMs,
      provider: this.provider,
      model: this.model,
      status: this.status,
      action: this.action,
      path: this.path,
      details: this.details,
      alternativeModel: this.alternativeModel,
      cause: this.cause,
      ...(overrides.userMessage === undefined &&
      !('provider' in overrides) &&
      !('model' in overrides) &&
      !('alternativeModel' in overrides)
        ? { userMessage: this.userMessage }
        : {}),
      ...overrides,
    });
  }

  /** A secret-free plain object, suitable for logs and HTTP responses. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      userMessage: this.userMessage,
      action: this.action,
      retryable: this.retryable,
      ...(this.retryAfterMs !== undefined && { retryAfterMs: this.retryAfterMs }),
      ...(this.provider !== undefined && { provider: this.provider }),
      ...(this.model !== undefined && { model: this.model }),
      ...(this.status !== undefined && { status: this.status }),
      ...(this.path !== undefined && { path: this.path }),
      ...(this.details !== undefined && { details: this.details }),
      ...(this.alternativeModel !== undefined && { alternativeModel: this.alternativeModel }),
      ...(this.cause !== undefined && { cause: describeCause(this.cause) }),
    };
  }

  /** Marks PAL errors across copies of the package (see {@link isPalError}). */
  get [PAL_ERROR_BRAND](): true {
    return true;
  }

  [inspect.custom](): string {
    return `PalError [${this.code}]: ${this.message}\n${inspect(this.toJSON(), { depth: 4 })}`;
  }
}

/** A short, redacted description of a cause (its class name and message only). */
function describeCause(cause: unknown): string {
  if (cause instanceof Error) return redactSecrets(`${cause.name}: ${cause.message}`);
  return redactSecrets(String(cause));
}

/** True for a `PalError`, including one from another copy of `@pal/core`. */
export function isPalError(value: unknown): value is PalError {
  return (
    value instanceof PalError ||
    (typeof value === 'object' &&
      value !== null &&
      (value as { [PAL_ERROR_BRAND]?: unknown })[PAL_ERROR_BRAND] === true)
  );
}
