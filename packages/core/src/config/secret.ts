import { inspect } from 'node:util';
import { maskSecret } from '../errors/mask-secret.js';

const SECRET_BRAND: unique symbol = Symbol.for('@pal/core.Secret') as never;

/**
 * A credential that never shows itself by accident: `toString`, `toJSON` and
 * `util.inspect` print it masked (`sk-...vX2Q`); only `reveal()` returns the value.
 */
export class Secret {
  readonly #value: string;

  /** Marks secrets across copies of `@pal/core` (see {@link isSecret}). */
  get [SECRET_BRAND](): true {
    return true;
  }

  constructor(value: string) {
    this.#value = value;
  }

  /** The secret value itself; hand it only to the SDK that needs it. */
  reveal(): string {
    return this.#value;
  }

  /** The masked form, e.g. `sk-...vX2Q`. */
  toString(): string {
    return maskSecret(this.#value);
  }

  /** The masked form, so `JSON.stringify` never writes the value. */
  toJSON(): string {
    return maskSecret(this.#value);
  }

  [inspect.custom](): string {
    return `Secret(${maskSecret(this.#value)})`;
  }
}

/** True for a `Secret`, including one from another copy of `@pal/core`. */
export function isSecret(value: unknown): value is Secret {
  return (
    value instanceof Secret ||
    (typeof value === 'object' &&
      value !== null &&
      (value as { [SECRET_BRAND]?: unknown })[SECRET_BRAND] === true)
  );
}

/** The plain value of a `Secret` (or of a string, returned as is); for provider factories. */
export function revealSecret(value: Secret | string): string;
export function revealSecret(value: Secret | string | undefined): string | undefined;
export function revealSecret(value: Secret | string | undefined): string | undefined {
  return isSecret(value) ? value.reveal() : value;
}
