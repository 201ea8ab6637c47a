import { PalError } from '../errors/pal-error.js';

/** Throws CONFIG_ERROR naming `policy.option` unless `value` is undefined or a positive number. */
export function assertPositiveOption(policy: string, option: string, value: number | undefined): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || Number.isNaN(value) || value <= 0) {
    throw new PalError({
      code: 'CONFIG_ERROR',
      message: `${policy}.${option} must be a positive number (got ${String(value)})`,
      path: [policy, ...option.split('.')],
    });
  }
}

/** Throws CONFIG_ERROR naming `policy.option` unless `value` is undefined or a number >= 0. */
export function assertNonNegativeOption(policy: string, option: string, value: number | undefined): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
    throw new PalError({
      code: 'CONFIG_ERROR',
      message: `${policy}.${option} must be a number >= 0 (got ${String(value)})`,
      path: [policy, ...option.split('.')],
    });
  }
}
