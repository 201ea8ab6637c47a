import type { PalError } from './pal-error.js';

/**
 * `error` naming `provider` and `model` where it names none yet: the one place the kernel fills
 * them in (at the bottom of the stack for adapter errors, at the top for a middleware's).
 */
export function attributeError(error: PalError, provider: string, model: string): PalError {
  if (error.provider !== undefined && error.model !== undefined) return error;
  return error.with({ provider: error.provider ?? provider, model: error.model ?? model });
}
